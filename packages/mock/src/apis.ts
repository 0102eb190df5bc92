/**
 * The APIs this package serves and their bundled specs, from one source: `@openregions/specs`
 * (its `apis.json` and its OpenAPI 3.1 JSON files). In this repository that is the workspace
 * package, built from redocly.yaml and the bundles of @openregions/apis; installed from npm, it is
 * the dependency in node_modules. Either way nothing here reads the repository itself.
 */
import { listApis, specPath } from "@openregions/specs";

/** One API the mock can serve. */
export interface MockApi {
  /** Its name (`scalingo`, `rainbond`, `huawei-iam`): `--api <name>`. */
  readonly name: string;
  /** The port it is served on unless told otherwise. */
  readonly mockPort: number;
  /** Absolute path of its bundled OpenAPI 3.1 JSON document (in @openregions/specs). */
  readonly specPath: string;
}

let all: readonly MockApi[] | undefined;

/** Every API, in the order of the repository's list. */
export function mockApis(): readonly MockApi[] {
  all ??= listApis().map((entry) => ({ name: entry.name, mockPort: entry.mockPort, specPath: specPath(entry.name, { openapi: "3.1", format: "json" }) }));
  return all;
}

/** The API of that name (or of that definition's name); the error lists the known names. */
export function getMockApi(api: string | { readonly name: string }): MockApi {
  const name = typeof api === "string" ? api : api.name;
  const found = mockApis().find((candidate) => candidate.name === name);
  if (!found) throw new Error(`unknown API "${name}"; known: ${mockApis().map((known) => known.name).join(", ")}`);
  return found;
}
