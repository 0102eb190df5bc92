import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { apis, redocly, type ApiDefinition } from "@openregions/apis";
import { renderIndex, summarize, type ApiSummary } from "./pages.js";
import { localizeRedoc, readRedocBundle, REDOC_ASSET } from "./redoc-bundle.js";

export const docsDist: string = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");

async function buildReferencePage(api: ApiDefinition, summary: ApiSummary, outDir: string, bundle: Buffer): Promise<void> {
  const file = join(outDir, summary.page);
  await redocly(["build-docs", api.name, "--output", file, "--title", `${summary.title} · openregions`]);
  await writeFile(file, localizeRedoc(await readFile(file, "utf8"), bundle, `./${REDOC_ASSET}`));
}

/** Builds the site: index.html, one Redoc page per API, and the shared Redoc script. */
export async function buildDocs(outDir: string = docsDist): Promise<ApiSummary[]> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(join(outDir, dirname(REDOC_ASSET)), { recursive: true });
  const bundle = readRedocBundle();
  await writeFile(join(outDir, REDOC_ASSET), bundle);
  const summaries = apis.map(summarize);
  await Promise.all(apis.map((api, i) => buildReferencePage(api, summaries[i]!, outDir, bundle)));
  await writeFile(join(outDir, "index.html"), renderIndex(summaries));
  return summaries;
}
