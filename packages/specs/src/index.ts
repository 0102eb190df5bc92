/**
 * `@openregions/specs`: where each API's bundled description is, in OpenAPI 3.1 or 3.0, JSON or
 * YAML. The files themselves are plain package subpaths (`@openregions/specs/3.1/scalingo.json`);
 * this entry lists them and reads them for Node programs.
 */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { OPENAPI_VERSIONS, SPEC_FORMATS, type ApiEntry, type Manifest, type OpenApiVersion, type SpecFormat } from "./manifest.js";

export { OPENAPI_VERSIONS, SPEC_FORMATS, subpath, type ApiEntry, type OpenApiVersion, type SpecFormat } from "./manifest.js";

let manifest: Manifest | undefined;

/** Every API of the package, in the order of the repository's list. */
export function listApis(): readonly ApiEntry[] {
  manifest ??= JSON.parse(readFileSync(new URL("./apis.json", import.meta.url), "utf8")) as Manifest;
  return manifest.apis;
}

/** Which file to read; OpenAPI 3.1 and JSON unless said otherwise. */
export interface SpecChoice {
  readonly openapi?: OpenApiVersion;
  readonly format?: SpecFormat;
}

/** Absolute path of one API's file; throws, listing the known names and versions, on a wrong choice. */
export function specPath(api: string, { openapi = "3.1", format = "json" }: SpecChoice = {}): string {
  if (!listApis().some((entry) => entry.name === api)) {
    throw new Error(`@openregions/specs: unknown API "${api}"; known: ${listApis().map((entry) => entry.name).join(", ")}`);
  }
  if (!OPENAPI_VERSIONS.includes(openapi)) throw new Error(`@openregions/specs: openapi must be one of ${OPENAPI_VERSIONS.join(", ")}, not "${openapi}"`);
  if (!SPEC_FORMATS.includes(format)) throw new Error(`@openregions/specs: format must be one of ${SPEC_FORMATS.join(", ")}, not "${format}"`);
  return fileURLToPath(new URL(`./${openapi}/${api}.${format}`, import.meta.url));
}

/** One API's description, parsed from its JSON file (OpenAPI 3.1 unless `openapi: "3.0"`). */
export async function readSpec(api: string, openapi: OpenApiVersion = "3.1"): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(specPath(api, { openapi, format: "json" }), "utf8")) as Record<string, unknown>;
}
