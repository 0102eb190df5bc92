/**
 * The built site in a real browser (Debian's Chromium through playwright-core): the portal, every
 * reference page with every operation, search, code samples, no console error, nothing loaded from
 * outside the site. Screenshots go to packages/docs/test-results/.
 */
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { apis, listOperations, loadBundledSpec, type ApiDefinition } from "@openregions/apis";
import { readSpec } from "@openregions/specs";
import { parse } from "yaml";
import { buildDocs, type DocsBuild } from "../src/build.js";
import { specDownloads } from "../src/layout.js";
import { SAMPLE_LANGUAGES } from "../src/docs-spec.js";
import { samplePath } from "../src/samples.js";
import { serveStatic, type RunningSite } from "../src/serve.js";
import { isLoopbackUrl, launchChromium, watch, type Chromium, type PageLog } from "@openregions/test-support/chromium";
import { renderedOperations, requestPanel, search, showOperation, showSample } from "./support/redoc.js";

const resultsDir = join(dirname(fileURLToPath(import.meta.url)), "..", "test-results");

let browser: Chromium;
let site: RunningSite;
let build: DocsBuild;
let outDir: string;

beforeAll(async () => {
  browser = await launchChromium();
  outDir = await mkdtemp(join(tmpdir(), "openregions-site-"));
  build = await buildDocs(outDir);
  site = await serveStatic(outDir, 0);
  await mkdir(resultsDir, { recursive: true });
}, 60_000);

afterAll(async () => {
  await Promise.allSettled([browser?.close(), site?.close()]);
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

/** Opens a page of the site and waits until Redoc (if any) has loaded and hydrated. */
async function open(path: string): Promise<{ page: Page; log: PageLog }> {
  const page = await browser.context.newPage();
  const log = watch(page);
  await page.goto(`${site.url}/${path}`, { waitUntil: "networkidle" });
  return { page, log };
}

/** Every page ends clean: no console or page error, no failed request, no request off loopback. */
async function finish(page: Page, log: PageLog, screenshot: string): Promise<void> {
  await page.screenshot({ path: join(resultsDir, `${screenshot}.png`) });
  await page.close();
  expect(log.requests.filter((url) => !isLoopbackUrl(url)), "requests that left loopback").toEqual([]);
  expect(log.errors, "console errors, page errors and failed requests").toEqual([]);
}

test("the index lists every API of redocly.yaml and links to its reference page", async () => {
  const { page, log } = await open("");
  const cards = page.locator("#apis > li.api");
  await expect.poll(() => cards.count()).toBe(apis.length);
  for (const api of apis) {
    const summary = build.apis.find((candidate) => candidate.name === api.name)!;
    const card = page.locator(`#apis > li[data-api="${api.name}"]`);
    await expect.poll(() => card.locator("h2 a").getAttribute("href")).toBe(`./${api.name}.html`);
    const text = await card.innerText();
    expect(text).toContain(summary.title);
    expect(text).toContain(`v${summary.version}`);
    expect(text).toContain(summary.baseUrl);
    expect(text).toContain(`${listOperations(loadBundledSpec(api)).length} operation`);
    expect(text).toContain(`pnpm mock --api ${api.name}`);
    expect(await page.locator(`header nav a[data-api="${api.name}"]`).getAttribute("href")).toBe(`./${api.name}.html`);
  }
  await finish(page, log, "index");
});

// The page size goal (60 kB gzip) is a benchmark row (`pnpm bench --only docs`), not a test.
test("each API page loads the shared scripts from the site, once, instead of inlining them", async () => {
  const bundle = await readFile(join(outDir, "assets", "try-it.js"), "utf8");
  for (const api of apis) {
    const page = build.pages.find((size) => size.file === `${api.name}.html`)!;
    const html = await readFile(join(outDir, page.file), "utf8");
    // no part of the panels' script is inlined into the page
    expect(html.includes(bundle.slice(2_000, 2_200)), `${page.file} inlines try-it.js`).toBe(false);
    expect(html).toContain('from "./assets/redoc.standalone.js"');
    expect(html).toContain('<script type="module" src="./assets/try-it.js"></script>');
  }
  expect(build.pages.map((size) => size.file)).toEqual(expect.arrayContaining(["assets/redoc.standalone.js", "assets/try-it.js"]));
});

describe.each(apis.map((api) => [api.name, api] as const))("the %s reference page", (name: string, api: ApiDefinition) => {
  const spec = () => loadBundledSpec(api);

  test("renders every operation of the spec, under the shared header", async () => {
    const { page, log } = await open(`${name}.html`);
    await expect.poll(() => page.locator('header.or-header a[aria-current="page"]').getAttribute("data-api")).toBe(name);
    for (const other of apis) expect(await page.locator(`header.or-header a[data-api="${other.name}"]`).count()).toBe(1);
    expect(await page.locator("header.or-header a.or-brand").getAttribute("href")).toBe("./index.html");
    expect(await page.locator("#redoc").innerText()).toContain("Getting started");
    const downloads = page.locator(`header.or-header .or-downloads[data-api="${name}"] a[download]`);
    expect(await downloads.count()).toBe(specDownloads(name).length);
    for (const download of specDownloads(name)) {
      const href = await page.locator(`header.or-header .or-downloads a[data-spec="${download.openapi}-${download.format}"]`).getAttribute("href");
      const response = await fetch(new URL(href!, `${site.url}/${name}.html`));
      expect(response.status, `${href}`).toBe(200);
      const text = await response.text();
      expect(download.format === "json" ? JSON.parse(text) : parse(text), `${href} is the @openregions/specs file`).toEqual(await readSpec(name, download.openapi));
    }

    const operations = listOperations(spec());
    const rendered = await renderedOperations(page);
    expect(rendered.length).toBe(operations.length);
    // Redoc badges a deprecated operation's title with "deprecated"
    const titles = operations.map((op) => (op.operation["deprecated"] === true ? `${op.summary} deprecated` : op.summary));
    expect(rendered.map((op) => op.title).sort()).toEqual(titles.sort());
    await finish(page, log, name);
  });

  test("Redoc's search finds regions", async () => {
    const { page, log } = await open(`${name}.html`);
    const results = await search(page, "regions");
    const operation = results.find((result) => /\/regions/i.test(result.text) && /GET|POST/.test(result.text));
    expect(operation, JSON.stringify(results)).toBeDefined();
    await page.locator(`[data-testid="search-dialog"] a[href="${operation!.href}"]`).click();
    await expect.poll(() => page.locator(`[data-item-kind="httpItem"][data-section-id="${operation!.href.slice(1)}"]`).count()).toBe(1);
    await finish(page, log, `${name}-search`);
  });

  test("shows a curl and a TypeScript sample for an operation", async () => {
    const { page, log } = await open(`${name}.html`);
    const first = listOperations(spec())[0]!;
    const target = (await renderedOperations(page, (op) => op.title === first.summary)).find((op) => op.title === first.summary);
    expect(target, `operation "${first.summary}" rendered`).toBeDefined();
    const section = await showOperation(page, target!.id);
    const panel = requestPanel(section);
    const labels = SAMPLE_LANGUAGES.map((language) => language.label);
    const curl = await showSample(page, panel, labels, "curl");
    expect(curl).toMatch(/^curl /);
    expect(curl).not.toMatch(/example-(bearer|api-key)/);
    const typescript = await showSample(page, panel, labels, "TypeScript");
    const file = (await readFile(samplePath(api, first.operationId), "utf8")).trim();
    expect(typescript).toContain(`@openregions/client/${name}`);
    expect(typescript.replace(/\s+/g, " ")).toBe(file.replace(/\s+/g, " "));
    expect(await panel.isVisible()).toBe(true);
    await finish(page, log, `${name}-samples`);
  });
});
