/**
 * Writes the package's data, for every API of redocly.yaml, from its bundle
 * (packages/apis/dist/<api>.json):
 *
 *   dist/3.1/<api>.json   dist/3.1/<api>.yaml   the bundled OpenAPI 3.1 description
 *   dist/3.0/<api>.json   dist/3.0/<api>.yaml   its OpenAPI 3.0.3 copy (see down-convert.ts)
 *   dist/apis.json                              which APIs, titles, spec versions and mock ports
 *
 * An API whose bundle (and this script and the converter) did not change since its files were
 * written is skipped (dist/.fingerprints.json; see @openregions/apis incremental.ts); the files
 * of an API no longer listed are removed. Build outputs: git-ignored, cached by Turbo.
 */
import { readFileSync } from "node:fs";
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { apis, bundledSpecPath, fingerprint, loadBundledSpec, openFingerprints } from "@openregions/apis";
import { stringify } from "yaml";
import { downConvert } from "./down-convert.js";
import { manifestEntry, OPENAPI_VERSIONS, SPEC_FORMATS, type Manifest } from "../src/manifest.js";

const dist = join(import.meta.dirname, "..", "dist");
await Promise.all(OPENAPI_VERSIONS.map((version) => mkdir(join(dist, version), { recursive: true })));
const fileOf = (version: string, name: string, format: string): string => join(dist, version, `${name}.${format}`);

const writeBoth = async (version: string, name: string, doc: object): Promise<void> => {
  await writeFile(fileOf(version, name, "json"), `${JSON.stringify(doc, null, 2)}\n`);
  await writeFile(fileOf(version, name, "yaml"), stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false }));
};

const builder = fingerprint(
  (createRequire(import.meta.url)("@apiture/openapi-down-convert/package.json") as { version: string }).version,
  readFileSync(new URL("./build-specs.ts", import.meta.url)),
  readFileSync(new URL("./down-convert.ts", import.meta.url)),
);
const fingerprints = openFingerprints(join(dist, ".fingerprints.json"));
const manifest: Manifest = { apis: [] };
for (const api of apis) {
  const spec = loadBundledSpec(api);
  manifest.apis.push(manifestEntry(api, spec));
  const print = fingerprint(builder, readFileSync(bundledSpecPath(api)));
  const outputs = OPENAPI_VERSIONS.flatMap((version) => SPEC_FORMATS.map((format) => fileOf(version, api.name, format)));
  if (fingerprints.isFresh(api.name, print, outputs)) {
    console.log(`specs ${api.name}: unchanged`);
    continue;
  }
  await writeBoth("3.1", api.name, spec);
  await writeBoth("3.0", api.name, downConvert(spec));
  fingerprints.record(api.name, print);
  console.log(`specs ${api.name}: 3.1 and 3.0, JSON and YAML`);
}
await fingerprints.save();
await writeFile(join(dist, "apis.json"), `${JSON.stringify(manifest, null, 2)}\n`);
// the files of an API no longer listed go
const listed = new Set(apis.map((api) => api.name));
for (const version of OPENAPI_VERSIONS) {
  for (const file of await readdir(join(dist, version))) if (!listed.has(file.replace(/\.(json|yaml)$/, ""))) await rm(join(dist, version, file));
}
