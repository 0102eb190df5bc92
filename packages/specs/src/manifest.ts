/** The two OpenAPI versions every API is published in. */
export const OPENAPI_VERSIONS = ["3.1", "3.0"] as const;
export type OpenApiVersion = (typeof OPENAPI_VERSIONS)[number];

/** The two formats of each file: the same document, as JSON and as YAML. */
export const SPEC_FORMATS = ["json", "yaml"] as const;
export type SpecFormat = (typeof SPEC_FORMATS)[number];

/** One API of the package, as `dist/apis.json` lists it. */
export interface ApiEntry {
  /** Names the files: `@openregions/specs/<openapi>/<name>.<format>`. */
  readonly name: string;
  /** The spec's `info.title`. */
  readonly title: string;
  /** The spec's `info.version` (the API's version, not the package's). */
  readonly version: string;
  /** The port `@openregions/mock` serves this API on by default (`x-openregions.mockPort` of the repository's list). */
  readonly mockPort: number;
  /** Package subpath of each file, e.g. `files["3.0"].yaml` is `@openregions/specs/3.0/scalingo.yaml`. */
  readonly files: Readonly<Record<OpenApiVersion, Readonly<Record<SpecFormat, string>>>>;
}

export interface Manifest {
  readonly apis: ApiEntry[];
}

export const PACKAGE_NAME = "@openregions/specs";

/** The package subpath of one file (what `import` or `require.resolve` takes). */
export const subpath = (name: string, openapi: OpenApiVersion, format: SpecFormat): string => `${PACKAGE_NAME}/${openapi}/${name}.${format}`;

/** The manifest entry of one API, from the repository's list and its bundled 3.1 document. */
export function manifestEntry(api: { name: string; mockPort: number }, spec: { info: { title: string; version: string } }): ApiEntry {
  const { name, mockPort } = api;
  const filesOf = (openapi: OpenApiVersion) => ({ json: subpath(name, openapi, "json"), yaml: subpath(name, openapi, "yaml") });
  return { name, title: spec.info.title, version: spec.info.version, mockPort, files: { "3.1": filesOf("3.1"), "3.0": filesOf("3.0") } };
}
