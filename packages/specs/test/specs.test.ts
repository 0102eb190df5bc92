/**
 * Protects what @openregions/specs promises: every API of redocly.yaml in OpenAPI 3.1 and 3.0,
 * JSON and YAML, reachable through the package's exports; the 3.1 files are the bundles; the 3.0
 * copies are valid OpenAPI 3.0 for a validator that accepts nothing else, and lose nothing of
 * substance (operations, statuses, parameters, bodies, schema property names).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { apis, loadBundledSpec } from "@openregions/apis";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { listApis, OPENAPI_VERSIONS, readSpec, SPEC_FORMATS, specPath } from "@openregions/specs";
import { substanceOf } from "./substance.js";

const require = createRequire(import.meta.url);
const validator = require("oas-validator") as { validate(doc: object, options: object): Promise<{ valid: boolean }> };
const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
/** The file a package subpath resolves to through package.json "exports" (the package refers to itself by name). */
const resolveExport = (subpath: string): string => require.resolve(subpath);

describe("the package's files", () => {
  it("lists every API of redocly.yaml, in its order, with its mock port", () => {
    expect(listApis().map((api) => [api.name, api.mockPort])).toEqual(apis.map((api) => [api.name, api.mockPort]));
  });

  for (const api of apis) {
    for (const openapi of OPENAPI_VERSIONS) {
      it(`${api.name} ${openapi}: the YAML file holds the same document as the JSON file, both reachable through "exports"`, () => {
        const entry = listApis().find((candidate) => candidate.name === api.name)!;
        const json = resolveExport(entry.files[openapi].json);
        const yaml = resolveExport(entry.files[openapi].yaml);
        expect(json).toBe(specPath(api.name, { openapi }));
        expect(yaml).toBe(specPath(api.name, { openapi, format: "yaml" }));
        expect(parse(readFileSync(yaml, "utf8"))).toEqual(readJson(json));
      });
    }

    it(`${api.name}: the 3.1 file is the bundle the rest of the repo builds from`, async () => {
      expect(await readSpec(api.name)).toEqual(loadBundledSpec(api));
    });
  }

  it("names the known APIs, versions and formats when asked for another", () => {
    expect(() => specPath("nope")).toThrow(/unknown API "nope"; known: scalingo/);
    expect(() => specPath("scalingo", { openapi: "2.0" as never })).toThrow(/openapi must be one of 3.1, 3.0/);
    expect(() => specPath("scalingo", { format: "xml" as never })).toThrow(/format must be one of json, yaml/);
    expect(SPEC_FORMATS).toEqual(["json", "yaml"]);
  });
});

describe("the OpenAPI 3.0 copies", () => {
  it("the validator accepts only 3.0: it rejects each 3.1 bundle, even relabelled 3.0.3", async () => {
    for (const api of apis) {
      const doc31 = await readSpec(api.name, "3.1");
      await expect(validator.validate(structuredClone(doc31), {})).rejects.toThrow(/OpenAPI 3\.0\.x/);
      await expect(validator.validate({ ...structuredClone(doc31), openapi: "3.0.3" }, {})).rejects.toThrow();
    }
  });

  for (const api of apis) {
    it(`${api.name}: is valid OpenAPI 3.0 (oas-validator)`, async () => {
      const doc30 = await readSpec(api.name, "3.0");
      expect(doc30["openapi"]).toBe("3.0.3");
      await expect(validator.validate(doc30, { resolve: false })).resolves.toMatchObject({ valid: true });
    });

    it(`${api.name}: keeps the operations, statuses, parameters, bodies and schema property names of the 3.1 spec`, async () => {
      const before = substanceOf(await readSpec(api.name, "3.1"));
      const after = substanceOf(await readSpec(api.name, "3.0"));
      expect(before.operations.length).toBeGreaterThan(0);
      expect(Object.keys(before.schemas).length).toBeGreaterThan(0);
      expect(after).toEqual(before);
    });
  }
});

/** A copy of `doc` without the member at `path` (each step a key). */
function without(doc: Record<string, unknown>, path: readonly string[]): Record<string, unknown> {
  const copy = structuredClone(doc);
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  delete node[path.at(-1)!];
  return copy;
}

describe("the substance comparison", () => {
  it("notices a lost property, status or operation", async () => {
    const doc = await readSpec("scalingo", "3.1");
    const base = substanceOf(doc);
    const schemas = (doc["components"] as { schemas: Record<string, { properties?: Record<string, unknown> }> }).schemas;
    const [schemaName, schema] = Object.entries(schemas).find(([, candidate]) => candidate.properties)!;
    const property = Object.keys(schema.properties!)[0]!;
    expect(substanceOf(without(doc, ["components", "schemas", schemaName, "properties", property]))).not.toEqual(base);
    const [path, item] = Object.entries(doc["paths"] as Record<string, Record<string, { responses?: Record<string, unknown> }>>)[0]!;
    const [method, op] = Object.entries(item).find(([, candidate]) => candidate.responses)!;
    const status = Object.keys(op.responses!)[0]!;
    expect(substanceOf(without(doc, ["paths", path, method, "responses", status]))).not.toEqual(base);
    expect(substanceOf(without(doc, ["paths", path, method]))).not.toEqual(base);
  });
});
