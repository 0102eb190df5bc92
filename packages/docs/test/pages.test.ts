import { describe, expect, test } from "vitest";
import { apis, listOperations, loadBundledSpec, type ApiDefinition, type BundledSpec } from "@openregions/apis";
import { gettingStarted } from "../src/getting-started.js";
import { guides } from "../src/guides.js";
import { redocTemplate, renderHeader, specDownloads } from "../src/layout.js";
import { renderIndex, summarize } from "../src/pages.js";

/** An API that redocly.yaml could list tomorrow: no guide, a bearer scheme, one operation. */
const newApi: ApiDefinition = { name: "acme-cloud", root: "/dev/null", mockPort: 4099 };
const newSpec: BundledSpec = {
  openapi: "3.1.0",
  info: { title: "Acme <Cloud> API", version: "2.1.0", summary: "Regions of {Acme} & co." },
  servers: [{ url: "https://{host}/api", variables: { host: { default: "api.acme.example" } } }],
  security: [{ token: [] }],
  paths: {
    "/regions": {
      get: { operationId: "listRegions", summary: "List regions", responses: { "200": { description: "ok" } } },
    },
  },
  components: { securitySchemes: { token: { type: "http", scheme: "bearer", description: "A token from the console." } } },
};

describe("summarize", () => {
  test.each(apis.map((api) => [api.name, api] as const))("%s: everything the index shows comes from the spec and its guide", (_, api) => {
    const spec = loadBundledSpec(api);
    const summary = summarize(api, spec);
    expect(summary).toMatchObject({ name: api.name, title: spec.info.title, version: spec.info.version, page: `${api.name}.html`, mockPort: api.mockPort });
    expect(summary.operationCount).toBe(listOperations(spec).length);
    expect(summary.baseUrl).toMatch(/^https:\/\/[^{}]+$/);
    expect(summary.auth).toBe(guides[api.name]!.auth);
    expect(summary.label.length).toBeLessThanOrEqual(summary.title.length);
  });

  test("an API without a guide gets an auth sentence from its security schemes", () => {
    const summary = summarize(newApi, newSpec);
    expect(summary.auth).toBe("Send a bearer token in `Authorization`.");
    expect(summary.baseUrl).toBe("https://api.acme.example/api");
    expect(summary.operationCount).toBe(1);
  });
});

describe("renderIndex", () => {
  const summaries = [...apis.map((api) => summarize(api)), summarize(newApi, newSpec)];
  const html = renderIndex(summaries);

  test("has one card per API, linking to its page, with count, base URL, auth and mock", () => {
    for (const summary of summaries) {
      const card = html.slice(html.indexOf(`<li class="api" data-api="${summary.name}">`));
      expect(card).toContain(`<a href="./${summary.page}">`);
      expect(card).toContain(`${summary.operationCount} operation`);
      expect(card).toContain(`<code>${summary.baseUrl}</code>`);
      expect(card).toContain(`pnpm mock --api ${summary.name}`);
      expect(card).toContain(`http://127.0.0.1:${summary.mockPort}`);
      for (const download of specDownloads(summary.name)) expect(card).toContain(`href="./${download.file}" download`);
    }
    expect(html.match(/<li class="api"/g)).toHaveLength(summaries.length);
  });

  test("escapes what the specs say, and renders code spans of auth sentences", () => {
    expect(html).toContain("Acme &lt;Cloud&gt; API");
    expect(html).toContain("Regions of &#123;Acme&#125; &amp; co.");
    expect(html).toContain("<code>Authorization</code>");
    expect(html).not.toContain("<Cloud>");
  });

  test("starts with the shared header, every API in it, none current", () => {
    expect(html).toContain(renderHeader(summaries));
    expect(html).not.toContain('aria-current="page" data-api');
  });
});

describe("the shared header and the Redoc template", () => {
  const items = apis.map((api) => summarize(api));

  test("links to the index and every API, and marks the current page", () => {
    const header = renderHeader(items, "rainbond");
    expect(header).toContain('<a href="./index.html" class="or-brand">openregions</a>');
    for (const item of items) expect(header).toContain(`href="./${item.page}" data-api="${item.name}"`);
    expect(header.match(/aria-current="page"/g)).toHaveLength(1);
    expect(header).toContain('href="./rainbond.html" data-api="rainbond" aria-current="page"');
  });

  test("an API's page offers its spec for download: OpenAPI 3.1 and 3.0, JSON and YAML; the index's header does not", () => {
    const header = renderHeader(items, "rainbond");
    expect(specDownloads("rainbond").map((download) => download.file)).toEqual([
      "specs/3.1/rainbond.json",
      "specs/3.1/rainbond.yaml",
      "specs/3.0/rainbond.json",
      "specs/3.0/rainbond.yaml",
    ]);
    for (const download of specDownloads("rainbond")) expect(header).toContain(`href="./${download.file}" download`);
    expect(header.match(/ download /g)).toHaveLength(4);
    expect(renderHeader(items)).not.toContain("download");
  });

  test("the template keeps Redoc's placeholders and holds no other Handlebars expression", () => {
    const template = redocTemplate([...items, summarize(newApi, newSpec)], "scalingo");
    expect(template).toContain("{{{redocHead}}}");
    expect(template).toContain("{{{redocHTML}}}");
    expect(template.match(/\{\{/g)).toHaveLength(3); // title, head, body
    expect(template).toContain(renderHeader(items.slice(0, 1), "scalingo").slice(0, 40));
  });
});

describe("gettingStarted", () => {
  test.each(apis.map((api) => [api.name, api] as const))("%s: authentication from the guide, the mock command and port", (_, api) => {
    const text = gettingStarted(api, loadBundledSpec(api), guides[api.name]);
    expect(text).toMatch(/^## Getting started/);
    expect(text).toContain(guides[api.name]!.authenticate);
    expect(text).toContain(`npx @openregions/mock --api ${api.name}`);
    expect(text).toContain(`pnpm mock --api ${api.name}`);
    expect(text).toContain(`http://127.0.0.1:${api.mockPort}`);
    expect(text).toContain(`@openregions/client/${api.name}`);
    expect(text).toContain("*Try it* panel");
  });

  test("says how each API authenticates", () => {
    const text = (name: string) => gettingStarted(apis.find((api) => api.name === name)!, loadBundledSpec({ name }), guides[name]);
    expect(text("scalingo")).toMatch(/one hour/);
    expect(text("scalingo")).toContain('-u ":$SCALINGO_API_TOKEN"');
    expect(text("rainbond")).toContain("`Authorization: $RAINBOND_ACCESS_KEY`");
    expect(text("huawei-iam")).toContain("X-Subject-Token");
    expect(text("huawei-iam")).toContain("X-Auth-Token");
  });

  test("an API without a guide gets a generic section from its security schemes", () => {
    const text = gettingStarted(newApi, newSpec, undefined);
    expect(text).toContain("**token**: a bearer token in `Authorization`, read from `ACME_CLOUD_TOKEN` in the samples. A token from the console.");
    expect(text).toContain("pnpm mock --api acme-cloud");
    expect(text).toContain("export ACME_CLOUD_TOKEN=example");
    expect(text).toContain(`curl 'http://127.0.0.1:4099/regions' \\\n  -H "Authorization: Bearer $ACME_CLOUD_TOKEN"`);
  });
});
