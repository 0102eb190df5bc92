/**
 * Generates `src/generated/<api>.ts` (openapi-typescript) from every API's bundled spec.
 * The output is a build artefact: git-ignored, cached by Turbo, never edited by hand.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { apis, bundledSpecPath } from "@openregions/apis";
import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";

const outDir = join(import.meta.dirname, "..", "src", "generated");
await mkdir(outDir, { recursive: true });

await Promise.all(
  apis.map(async (api) => {
    const ast = await openapiTS(pathToFileURL(bundledSpecPath(api)), {
      rootTypes: true,
      silent: true,
    });
    const file = join(outDir, `${api.name}.ts`);
    await writeFile(file, `${COMMENT_HEADER}${astToString(ast)}`);
    console.log(`generated ${api.name} types`);
  }),
);
