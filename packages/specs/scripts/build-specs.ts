/**
 * Writes the package's data, for every API of redocly.yaml, from its bundle
 * (packages/apis/dist/<api>.json):
 *
 *   dist/3.1/<api>.json   dist/3.1/<api>.yaml   the bundled OpenAPI 3.1 description
 *   dist/3.0/<api>.json   dist/3.0/<api>.yaml   its OpenAPI 3.0.3 copy (see down-convert.ts)
 *   dist/apis.json                              which APIs, titles and spec versions
 *
 * Build outputs: git-ignored, cached by Turbo.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { apis, loadBundledSpec } from "@openregions/apis";
import { stringify } from "yaml";
import { downConvert } from "./down-convert.js";
import { manifestEntry, type Manifest } from "../src/manifest.js";

const dist = join(import.meta.dirname, "..", "dist");
await rm(dist, { recursive: true, force: true });
await Promise.all(["3.1", "3.0"].map((version) => mkdir(join(dist, version), { recursive: true })));

const writeBoth = async (version: string, name: string, doc: object): Promise<void> => {
  await writeFile(join(dist, version, `${name}.json`), `${JSON.stringify(doc, null, 2)}\n`);
  await writeFile(join(dist, version, `${name}.yaml`), stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false }));
};

const manifest: Manifest = { apis: [] };
for (const api of apis) {
  const spec = loadBundledSpec(api);
  await writeBoth("3.1", api.name, spec);
  await writeBoth("3.0", api.name, downConvert(spec));
  manifest.apis.push(manifestEntry(api.name, spec));
  console.log(`specs ${api.name}: 3.1 and 3.0, JSON and YAML`);
}
await writeFile(join(dist, "apis.json"), `${JSON.stringify(manifest, null, 2)}\n`);
