/**
 * Protects the problems the shared validator reports for a value that fails a `oneOf` or
 * `anyOf`: those of the branch the value comes closest to, not every branch's contradicting
 * errors (the sandbox's 422s, the contract tools and the Try it verdicts all print them).
 */
import { describe, expect, it } from "vitest";
import { createSpecValidator, getApi, loadBundledSpec, type BundledSpec } from "../src/index.js";

const scalingo = createSpecValidator(loadBundledSpec(getApi("scalingo")));

/** A spec whose one operation takes a body of the given schema (components: Pet, Robot). */
function specWithBody(schema: Record<string, unknown>): BundledSpec {
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: { "/things": { post: { operationId: "create", requestBody: { content: { "application/json": { schema } } }, responses: { "201": { description: "ok" } } } } },
    components: {
      schemas: {
        Pet: { type: "object", required: ["name", "legs"], additionalProperties: false, properties: { name: { type: "string", minLength: 1 }, legs: { type: "integer" } } },
        Robot: { type: "object", required: ["model"], additionalProperties: false, properties: { model: { type: "string" } } },
      },
    },
  } as unknown as BundledSpec;
}
const either = { oneOf: [{ $ref: "#/components/schemas/Pet" }, { $ref: "#/components/schemas/Robot" }] };

describe("a value that fails oneOf / anyOf", () => {
  it("Scalingo's key, rooted or not: the problems of the rooted shape that was meant, and nothing about the other", () => {
    expect(scalingo.checkRequestBody("createKey", { key: { name: "" } }).problems).toEqual([
      "/key must have required property 'content'",
      "/key/name must NOT have fewer than 1 characters",
    ]);
    expect(scalingo.checkRequestBody("createKey", { name: "laptop" }).problems).toEqual(["(root) must have required property 'content'"]);
  });

  it("picks the branch with the fewest errors, the first on a tie", () => {
    const validator = createSpecValidator(specWithBody(either));
    expect(validator.checkRequestBody("create", { name: "Rex", legs: "four" }).problems).toEqual(["/legs must be integer"]);
    expect(validator.checkRequestBody("create", { model: 7 }).problems).toEqual(["/model must be string"]);
    expect(validator.checkRequestBody("create", "text").problems).toEqual(["(root) must be object"]);
  });

  it("below the root too (an item of an array), keeping the errors outside the combinator", () => {
    const validator = createSpecValidator(specWithBody({ type: "object", required: ["things", "owner"], properties: { owner: { type: "string" }, things: { type: "array", items: { anyOf: either.oneOf } } } }));
    expect(validator.checkRequestBody("create", { things: [{ model: "T-800" }, { name: "", legs: 4 }] }).problems).toEqual([
      "(root) must have required property 'owner'",
      "/things/1/name must NOT have fewer than 1 characters",
    ]);
  });

  it("a value that matches more than one branch of a oneOf keeps the oneOf's own problem", () => {
    const validator = createSpecValidator(specWithBody({ oneOf: [{ type: "object" }, { type: "object", required: ["a"] }] }));
    expect(validator.checkRequestBody("create", { a: 1 }).problems).toEqual(["(root) must match exactly one schema in oneOf"]);
  });
});
