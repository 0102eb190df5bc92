/**
 * Generates `src/generated/<api>.ts` (openapi-typescript) from every API's bundled spec, and
 * `test/generated/<api>.examples.ts`, the spec's examples checked against those types by `tsc`
 * (see example-checks.ts), and `src/generated/loopback.ts`, a copy of the one loopback rule of
 * `@openregions/apis` (the published client cannot depend on that private package). Build
 * artefacts: git-ignored, cached by Turbo, never edited by hand.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { apis, bundledSpecPath, loadBundledSpec, repoRoot } from "@openregions/apis";
import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";
import { exampleChecks, exampleChecksModule } from "./example-checks.js";

const outDir = join(import.meta.dirname, "..", "src", "generated");
const checksDir = join(import.meta.dirname, "..", "test", "generated");
await Promise.all([mkdir(outDir, { recursive: true }), mkdir(checksDir, { recursive: true })]);

await Promise.all(
  apis.map(async (api) => {
    const ast = await openapiTS(pathToFileURL(bundledSpecPath(api)), {
      rootTypes: true,
      silent: true,
    });
    const file = join(outDir, `${api.name}.ts`);
    await writeFile(file, `${COMMENT_HEADER}${astToString(ast)}`);
    const spec = loadBundledSpec(api);
    const checks = exampleChecks(spec);
    await writeFile(join(checksDir, `${api.name}.examples.ts`), exampleChecksModule(checks, `../../src/generated/${api.name}.js`, spec.info.title));
    console.log(`generated ${api.name} types and ${checks.length} example checks`);
  }),
);

const loopback = await readFile(join(repoRoot, "packages", "apis", "src", "loopback.ts"), "utf8");
await writeFile(join(outDir, "loopback.ts"), `// Copied from packages/apis/src/loopback.ts by scripts/generate-types.ts: edit that file.\n${loopback}`);
console.log("copied the loopback rule");
