import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { apis, fingerprint, fingerprintTree, listOperations, loadBundledSpec, openFingerprints, redocly, type ApiDefinition, type BundledSpec, type Fingerprints } from "@openregions/apis";
import { docsSpec } from "./docs-spec.js";
import { guides } from "./guides.js";
import { specPath } from "@openregions/specs";
import { FAVICON_ASSET, FAVICON_SVG, INDEX_PAGE, redocTemplate, SPECS_DIR, specDownloads } from "./layout.js";
import { measureDocs, type PageSize } from "./measure.js";
import { renderIndex, summarize, type ApiSummary } from "./pages.js";
import { localizeRedoc, offlineRedocBundle, readRedocBundle, REDOC_ASSET, REDOC_LOGO_ASSETS } from "./redoc-bundle.js";
import { redocOptions } from "./redoc-options.js";
import { readTypeScriptSamples } from "./samples.js";
import { isSharedStylesheet, linkedStylesheets, shareRedocStyles } from "./shared-styles.js";
import { defaultServerUrl } from "./server-url.js";
import { bundleTryIt } from "./try-it/bundle.js";
import type { TryItConfig } from "./try-it/model.js";
import { addTryIt, TRY_IT_ASSET } from "./try-it/page.js";

export const docsDist: string = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");

/** Where a build keeps the fingerprint of each page's inputs (see buildReferencePage). */
const FINGERPRINTS_FILE = ".fingerprints.json";

/** What a build produced: the APIs as the index shows them, the pages it had to rebuild, and the size of every page. */
export interface DocsBuild {
  readonly outDir: string;
  readonly apis: readonly ApiSummary[];
  /** APIs whose page was built by this run (the others were up to date). */
  readonly built: readonly string[];
  readonly pages: readonly PageSize[];
}

interface Redoc {
  readonly shipped: Buffer;
  readonly served: Buffer;
}

/** What a page's "Try it" panels are told: the API, where its sandbox listens by default, its auth hooks. */
export function tryItConfig(api: ApiDefinition, spec: BundledSpec = loadBundledSpec(api)): TryItConfig {
  const serverUrl = defaultServerUrl(spec);
  return { api: api.name, mockPort: api.mockPort, ...(serverUrl ? { serverUrl } : {}), hooks: guides[api.name]?.tryIt ?? {} };
}

/** What every page is made with besides its own inputs: this package's code and the Redocly CLI. */
const builder = fingerprint(fingerprintTree(dirname(fileURLToPath(import.meta.url))), (createRequire(import.meta.url)("@redocly/cli/package.json") as { version: string }).version);

/**
 * Builds one reference page from a docs-only copy of the bundled spec (samples and getting
 * started added), unless the page exists and was built from the very same inputs (the costly
 * step is `redocly build-docs`; see @openregions/apis incremental.ts). Returns whether it built.
 */
async function buildReferencePage(api: ApiDefinition, summaries: readonly ApiSummary[], outDir: string, workDir: string, redoc: Redoc, fingerprints: Fingerprints): Promise<boolean> {
  const spec = loadBundledSpec(api);
  const summary = summaries.find((candidate) => candidate.name === api.name)!;
  const typescript = await readTypeScriptSamples(api, listOperations(spec));
  const specText = JSON.stringify(docsSpec(api, spec, typescript, guides[api.name]));
  const templateText = redocTemplate(summaries, api.name);
  const title = `${summary.title} · openregions`;
  const options = JSON.stringify(redocOptions(api.name));
  const file = join(outDir, summary.page);
  const tryIt = tryItConfig(api, spec);
  const print = fingerprint(builder, specText, templateText, title, options, redoc.served, JSON.stringify(tryIt));
  if (fingerprints.isFresh(api.name, print, [file]) && (await stylesheetsPresent(outDir, file))) return false;
  const specFile = join(workDir, `${api.name}.json`);
  const template = join(workDir, `${api.name}.hbs`);
  await writeFile(specFile, specText);
  await writeFile(template, templateText);
  await redocly(["build-docs", specFile, "--output", file, "--title", title, "--template", template, "--openapi", options]);
  const styled = shareRedocStyles(localizeRedoc(await readFile(file, "utf8"), redoc.shipped, `./${REDOC_ASSET}`, redoc.served));
  await writeFile(join(outDir, styled.file), styled.css);
  await writeFile(file, addTryIt(styled.html, tryIt));
  fingerprints.record(api.name, print);
  return true;
}

/** Whether every stylesheet a built page links is there (a page is not fresh without them). */
async function stylesheetsPresent(outDir: string, page: string): Promise<boolean> {
  const linked = linkedStylesheets(await readFile(page, "utf8"));
  return linked.length > 0 && linked.every((file) => existsSync(join(outDir, file)));
}

/** Removes the shared stylesheets that no page links any more (an older Redoc's). */
async function pruneStylesheets(outDir: string): Promise<void> {
  const pages = (await readdir(outDir)).filter((name) => name.endsWith(".html"));
  const linked = new Set((await Promise.all(pages.map(async (name) => linkedStylesheets(await readFile(join(outDir, name), "utf8"))))).flat());
  const assets = join(outDir, dirname(REDOC_ASSET));
  for (const name of await readdir(assets)) if (isSharedStylesheet(name) && !linked.has(`${dirname(REDOC_ASSET)}/${name}`)) await rm(join(assets, name));
}

async function writeAssets(outDir: string, redoc: Redoc): Promise<void> {
  await mkdir(join(outDir, dirname(REDOC_ASSET)), { recursive: true });
  await writeFile(join(outDir, REDOC_ASSET), redoc.served);
  await writeFile(join(outDir, TRY_IT_ASSET), await bundleTryIt());
  await writeFile(join(outDir, FAVICON_ASSET), FAVICON_SVG);
  for (const [asset, svg] of Object.entries(REDOC_LOGO_ASSETS)) await writeFile(join(outDir, asset), svg);
}

/** The spec files each page links to, copied from @openregions/specs (and only those). */
async function writeSpecDownloads(outDir: string): Promise<void> {
  await rm(join(outDir, SPECS_DIR), { recursive: true, force: true });
  for (const api of apis) {
    for (const download of specDownloads(api.name)) {
      await mkdir(join(outDir, dirname(download.file)), { recursive: true });
      await copyFile(specPath(api.name, download), join(outDir, download.file));
    }
  }
}

/**
 * Builds the site into `outDir`: index.html, one Redoc page per API of redocly.yaml (only those
 * whose inputs changed since the last build into that folder), the assets every page shares
 * (Redoc's script and the Try it panels' script, once each), and each API's spec files for download (OpenAPI 3.1 and 3.0). Fails, naming each, on any API whose page cannot be built (an
 * operation without a TypeScript sample, say).
 */
export async function buildDocs(outDir: string = docsDist): Promise<DocsBuild> {
  await mkdir(outDir, { recursive: true });
  const shipped = readRedocBundle();
  const redoc = { shipped, served: offlineRedocBundle(shipped) };
  await writeAssets(outDir, redoc);
  await writeSpecDownloads(outDir);
  const summaries = apis.map((api) => summarize(api));
  const workDir = await mkdtemp(join(tmpdir(), "openregions-docs-"));
  const fingerprints = openFingerprints(join(outDir, FINGERPRINTS_FILE));
  let built: boolean[];
  try {
    const results = await Promise.allSettled(apis.map((api) => buildReferencePage(api, summaries, outDir, workDir, redoc, fingerprints)));
    const failures = results.flatMap((result, i) => (result.status === "rejected" ? [`${apis[i]!.name}: ${(result.reason as Error).message}`] : []));
    await fingerprints.save();
    if (failures.length) throw new Error(`docs build failed:\n${failures.join("\n")}`);
    built = results.map((result) => result.status === "fulfilled" && result.value);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  await writeFile(join(outDir, INDEX_PAGE), renderIndex(summaries));
  // the page of an API no longer listed goes
  const pages = new Set([INDEX_PAGE, ...summaries.map((summary) => summary.page)]);
  for (const file of await readdir(outDir)) if (file.endsWith(".html") && !pages.has(file)) await rm(join(outDir, file));
  await pruneStylesheets(outDir);
  return { outDir, apis: summaries, built: apis.filter((_, i) => built[i]).map((api) => api.name), pages: await measureDocs(outDir) };
}
