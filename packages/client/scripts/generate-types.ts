/**
 * Generates `src/generated/<api>.ts` (openapi-typescript) from every API's bundled spec, and
 * `test/generated/<api>.examples.ts`, the spec's examples checked against those types by `tsc`
 * (see example-checks.ts), and `src/generated/loopback.ts`, a copy of the one loopback rule of
 * `@openregions/apis` (the published client cannot depend on that private package). Build
 * artefacts: git-ignored, cached by Turbo, never edited by hand.
 * An API whose bundle (and this generator) did not change since its files were written is
 * skipped (fingerprints in src/generated/.fingerprints.json, see @openregions/apis incremental.ts).
 */
import { readFileSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { apis, bundledSpecPath, fingerprint, loadBundledSpec, openFingerprints, repoRoot } from "@openregions/apis";
import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";
import { exampleChecks, exampleChecksModule } from "./example-checks.js";

const generator = fingerprint(
  (createRequire(import.meta.url)("openapi-typescript/package.json") as { version: string }).version,
  readFileSync(new URL("./generate-types.ts", import.meta.url)),
  readFileSync(new URL("./example-checks.ts", import.meta.url)),
);

const outDir = join(import.meta.dirname, "..", "src", "generated");
const checksDir = join(import.meta.dirname, "..", "test", "generated");
await Promise.all([mkdir(outDir, { recursive: true }), mkdir(checksDir, { recursive: true })]);
const fingerprints = openFingerprints(join(outDir, ".fingerprints.json"));

await Promise.all(
  apis.map(async (api) => {
    const file = join(outDir, `${api.name}.ts`);
    const checksFile = join(checksDir, `${api.name}.examples.ts`);
    const print = fingerprint(generator, readFileSync(bundledSpecPath(api)));
    if (fingerprints.isFresh(api.name, print, [file, checksFile])) {
      console.log(`unchanged ${api.name} types and example checks`);
      return;
    }
    const ast = await openapiTS(pathToFileURL(bundledSpecPath(api)), {
      rootTypes: true,
      silent: true,
    });
    await writeFile(file, `${COMMENT_HEADER}${astToString(ast)}`);
    const spec = loadBundledSpec(api);
    const checks = exampleChecks(spec);
    await writeFile(checksFile, exampleChecksModule(checks, `../../src/generated/${api.name}.js`, spec.info.title));
    fingerprints.record(api.name, print);
    console.log(`generated ${api.name} types and ${checks.length} example checks`);
  }),
);
await fingerprints.save();
// the files of an API no longer listed go
const listed = new Set(apis.map((api) => api.name));
for (const [dir, suffix] of [[outDir, ".ts"], [checksDir, ".examples.ts"]] as const) {
  for (const name of await readdir(dir)) if (name.endsWith(suffix) && !listed.has(name.slice(0, -suffix.length))) await rm(join(dir, name));
}

// after the clean-up above, which would take it for an API no longer listed
const loopback = await readFile(join(repoRoot, "packages", "apis", "src", "loopback.ts"), "utf8");
await writeFile(join(outDir, "loopback.ts"), `// Copied from packages/apis/src/loopback.ts by scripts/generate-types.ts: edit that file.\n${loopback}`);
console.log("copied the loopback rule");
