import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { apis, listOperations, loadBundledSpec, redocly, type ApiDefinition } from "@openregions/apis";
import { docsSpec } from "./docs-spec.js";
import { guides } from "./guides.js";
import { specPath } from "@openregions/specs";
import { FAVICON_ASSET, FAVICON_SVG, redocTemplate, specDownloads } from "./layout.js";
import { measureDocs, type PageSize } from "./measure.js";
import { renderIndex, summarize, type ApiSummary } from "./pages.js";
import { localizeRedoc, offlineRedocBundle, readRedocBundle, REDOC_ASSET, REDOC_LOGO_ASSETS } from "./redoc-bundle.js";
import { redocOptions } from "./redoc-options.js";
import { readTypeScriptSamples } from "./samples.js";

export const docsDist: string = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");

/** What a build produced: the APIs as the index shows them, and the size of every page. */
export interface DocsBuild {
  readonly outDir: string;
  readonly apis: readonly ApiSummary[];
  readonly pages: readonly PageSize[];
}

interface Redoc {
  readonly shipped: Buffer;
  readonly served: Buffer;
}

/** Builds one reference page from a docs-only copy of the bundled spec (samples and getting started added). */
async function buildReferencePage(api: ApiDefinition, summaries: readonly ApiSummary[], outDir: string, workDir: string, redoc: Redoc): Promise<void> {
  const spec = loadBundledSpec(api);
  const summary = summaries.find((candidate) => candidate.name === api.name)!;
  const typescript = await readTypeScriptSamples(api, listOperations(spec));
  const specFile = join(workDir, `${api.name}.json`);
  const template = join(workDir, `${api.name}.hbs`);
  await writeFile(specFile, JSON.stringify(docsSpec(api, spec, typescript, guides[api.name])));
  await writeFile(template, redocTemplate(summaries, api.name));
  const file = join(outDir, summary.page);
  await redocly(["build-docs", specFile, "--output", file, "--title", `${summary.title} · openregions`, "--template", template, "--openapi", JSON.stringify(redocOptions(api.name))]);
  await writeFile(file, localizeRedoc(await readFile(file, "utf8"), redoc.shipped, `./${REDOC_ASSET}`, redoc.served));
}

async function writeAssets(outDir: string, redoc: Redoc): Promise<void> {
  await mkdir(join(outDir, dirname(REDOC_ASSET)), { recursive: true });
  await writeFile(join(outDir, REDOC_ASSET), redoc.served);
  await writeFile(join(outDir, FAVICON_ASSET), FAVICON_SVG);
  for (const [asset, svg] of Object.entries(REDOC_LOGO_ASSETS)) await writeFile(join(outDir, asset), svg);
}

/** The spec files each page links to, copied from @openregions/specs. */
async function writeSpecDownloads(outDir: string): Promise<void> {
  for (const api of apis) {
    for (const download of specDownloads(api.name)) {
      await mkdir(join(outDir, dirname(download.file)), { recursive: true });
      await copyFile(specPath(api.name, download), join(outDir, download.file));
    }
  }
}

/**
 * Builds the site: index.html, one Redoc page per API of redocly.yaml, the assets every page
 * shares (Redoc's script once), and each API's spec files for download (OpenAPI 3.1 and 3.0). Fails, naming each, on any API whose page cannot be built (an
 * operation without a TypeScript sample, say).
 */
export async function buildDocs(outDir: string = docsDist): Promise<DocsBuild> {
  await rm(outDir, { recursive: true, force: true });
  const shipped = readRedocBundle();
  const redoc = { shipped, served: offlineRedocBundle(shipped) };
  await writeAssets(outDir, redoc);
  await writeSpecDownloads(outDir);
  const summaries = apis.map((api) => summarize(api));
  const workDir = await mkdtemp(join(tmpdir(), "openregions-docs-"));
  try {
    const results = await Promise.allSettled(apis.map((api) => buildReferencePage(api, summaries, outDir, workDir, redoc)));
    const failures = results.flatMap((result, i) => (result.status === "rejected" ? [`${apis[i]!.name}: ${(result.reason as Error).message}`] : []));
    if (failures.length) throw new Error(`docs build failed:\n${failures.join("\n")}`);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  await writeFile(join(outDir, "index.html"), renderIndex(summaries));
  return { outDir, apis: summaries, pages: await measureDocs(outDir) };
}
