/** How the build wires the Try it panels into a page, and that each API's auth hooks stay in step with its spec. */
import { describe, expect, test } from "vitest";
import { apis, deref, listOperations, loadBundledSpec, resolvePointer } from "@openregions/apis";
import { tryItConfig } from "../src/build.js";
import { guides } from "../src/guides.js";
import { atPointer, requestBody } from "../src/try-it/browser/spec.js";
import { addTryIt, CONFIG_ELEMENT_ID, SPEC_GLOBAL, TRY_IT_ASSET } from "../src/try-it/page.js";

const redocPage = `<html><body><div id="redoc"></div><script type="module">
      import { hydrate } from "./assets/redoc.standalone.js";
      const __redoc_definition = {"openapi":"3.1.0"};
      hydrate(__redoc_definition, {}, document.getElementById('redoc'));
      </script></body></html>`;

describe("addTryIt", () => {
  const config = { api: "acme", mockPort: 4099, hooks: { token: { label: "</script><b>" } } };
  const html = addTryIt(redocPage, config);

  test("keeps a copy of the spec Redoc hydrates, before Redoc gets it", () => {
    expect(html).toContain(`globalThis.${SPEC_GLOBAL} = structuredClone(__redoc_definition);\n      hydrate(__redoc_definition,`);
  });

  test("loads the shared script once, after the page's config, whose text cannot close its script element", () => {
    expect(html.match(new RegExp(`src="./${TRY_IT_ASSET}"`, "g"))).toHaveLength(1);
    const json = new RegExp(`<script type="application/json" id="${CONFIG_ELEMENT_ID}">(.*?)</script>`).exec(html)?.[1];
    expect(json).not.toContain("</script>");
    expect(JSON.parse(json!)).toEqual(config);
  });

  test("fails when the page no longer hydrates Redoc as expected", () => {
    expect(() => addTryIt("<html><body></body></html>", config)).toThrow(/no longer calls hydrate/);
  });
});

describe.each(apis.map((api) => [api.name, api] as const))("%s: the Try it config", (name, api) => {
  const spec = loadBundledSpec(api);
  const config = tryItConfig(api, spec);
  const schemes = (spec.components?.["securitySchemes"] ?? {}) as Record<string, { type: string; scheme?: string }>;

  test("names the API, its mock port and its default server", () => {
    expect(config).toMatchObject({ api: name, mockPort: api.mockPort, hooks: guides[name]?.tryIt ?? {} });
    expect(config.serverUrl).toMatch(/^https:\/\//);
  });

  test("every hook is about a scheme of the spec, and what it obtains comes from a real operation and answer", () => {
    for (const [scheme, hook] of Object.entries(config.hooks)) {
      expect(schemes[scheme], `scheme ${scheme}`).toBeDefined();
      if (hook.basicUser !== undefined) expect(schemes[scheme]).toMatchObject({ type: "http", scheme: "basic" });
      if (!hook.obtain) continue;
      const op = listOperations(spec).find((candidate) => candidate.operationId === hook.obtain!.operationId);
      expect(op, hook.obtain.operationId).toBeDefined();
      const example = JSON.parse(requestBody(spec, op!)?.examples[0]?.value ?? "null") as unknown;
      for (const field of hook.obtain.fields ?? []) expect(atPointer(example, field.pointer), `${field.pointer} in the example body`).toBeTypeOf("string");
      const success = Object.keys(op!.operation["responses"] as object).find((status) => status.startsWith("2"))!;
      const response = resolvePointer(spec, `/paths/${op!.path.replace(/~/g, "~0").replace(/\//g, "~1")}/${op!.method}/responses/${success}`).value;
      const read = hook.obtain.read;
      if ("header" in read) expect(Object.keys((response["headers"] ?? {}) as object).map((header) => header.toLowerCase())).toContain(read.header.toLowerCase());
      else {
        const media = Object.values((response["content"] ?? {}) as Record<string, { example?: unknown; examples?: Record<string, unknown> }>)[0];
        const answer = media?.example ?? deref<{ value?: unknown }>(spec, Object.values(media?.examples ?? {})[0]).value;
        expect(atPointer(answer, read.bodyPointer), `${read.bodyPointer} in the answer's example`).toBeTypeOf("string");
      }
    }
  });
});
