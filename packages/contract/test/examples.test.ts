/**
 * Examples are tests: every example of every spec validates against its schema under JSON
 * Schema 2020-12 with formats (Ajv, compiled from the bundled spec; Redocly lint checks them
 * too, with its own validator), and every component schema has an example, its own or one
 * composed from the examples it reaches (the rule is spelled out in src/examples.ts).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { apis, loadBundledSpec, type BundledSpec } from "@openregions/apis";
import { collectExamples, createSpecValidator, invalidExamples, schemasWithoutExample } from "../src/index.js";

/**
 * Component schemas that have no example yet. Their spec files belong to the spec owners; each
 * entry goes once the example is added (the test fails while a fixed entry stays listed).
 */
const KNOWN_GAPS: Record<string, string[]> = {
  scalingo: [],
  rainbond: [],
  "huawei-iam": [],
};

describe.each(apis.map((api) => [api.name, api] as const))("%s examples", (name, api) => {
  const spec = loadBundledSpec(api);
  const validator = createSpecValidator(spec);

  it("are found in media types, named examples, parameters, headers and schemas", () => {
    const kinds = new Set(collectExamples(spec).map((example) => example.kind));
    expect(kinds.has("schema")).toBe(true);
    expect(kinds.has("parameter")).toBe(true);
    expect(kinds.has("named example") || kinds.has("media type")).toBe(true);
  });

  it("every example validates against its schema (2020-12, with formats)", () => {
    expect(invalidExamples(spec, validator)).toEqual([]);
  });

  it("every schema in components.schemas has an example, its own or composed", () => {
    const missing = schemasWithoutExample(spec, validator);
    expect(missing.map((entry) => entry.schema).sort(), missing.map((entry) => `${entry.schema}: ${entry.problem}`).join("\n")).toEqual(
      [...KNOWN_GAPS[name]!].sort(),
    );
  });
});

describe("the example checks catch what is wrong", () => {
  const spec = JSON.parse(readFileSync(new URL("./fixtures/examples-broken.openapi.json", import.meta.url), "utf8")) as BundledSpec;
  const validator = createSpecValidator(spec);

  it("reports an invalid example wherever it lives", () => {
    const problems = invalidExamples(spec, validator);
    const expected = [
      /^parameter \/paths\/~1things~1\{id\}\/parameters\/0\/example: \(root\) must match format "uuid"$/,
      /^parameter \/paths\/~1things~1\{id\}\/get\/parameters\/0\/examples\/tooMany: \(root\) must be <= 10$/,
      /^header \/paths\/~1things~1\{id\}\/get\/responses\/200\/headers\/X-Rate-Limit\/example: \(root\) must be integer$/,
      /^media type \/paths\/.*\/content\/application~1json\/example: \/created_at must match format "date-time"$/,
      /^named example \/paths\/.*\/examples\/named \(#\/components\/examples\/WrongKind\): \/kind must be equal to one of the allowed values$/,
      /^schema \/components\/schemas\/Count\/example: \(root\) must be >= 0$/,
      /^schema \/components\/schemas\/Names\/examples\/1: \/0 must be string$/,
    ];
    for (const pattern of expected) expect(problems.some((problem) => pattern.test(problem)), `${pattern}\n${problems.join("\n")}`).toBe(true);
    expect(problems).toHaveLength(expected.length);
  });

  it("reports the schemas without an example, and accepts composed ones", () => {
    const missing = Object.fromEntries(schemasWithoutExample(spec, validator).map((entry) => [entry.schema, entry.problem]));
    expect(Object.keys(missing).sort()).toEqual(["Bare", "Either", "Holder", "NonEmptyMap"]);
    expect(missing["Bare"]).toMatch(/nothing at \/components\/schemas\/Bare$/);
    expect(missing["Holder"]).toMatch(/nothing at \/components\/schemas\/Bare$/);
    expect(missing["Either"]).toMatch(/nothing at \/components\/schemas\/Either\/oneOf\/1$/);
    expect(missing["NonEmptyMap"]).toMatch(/composed from its parts is invalid \(\(root\) must NOT have fewer than 1 properties\)/);
    // Thing (an enum and nested examples), OnlyOne (maxProperties) and Tree (a cycle) compose valid examples.
  });
});
