/**
 * Protects the third proof of the examples: the module generated from a spec compiles when its
 * examples fit the types openapi-typescript generates, and fails `tsc` at the right example when
 * one drifts (a field the type lacks, a wrong type, a missing required field). The real specs'
 * modules are checked by the package's typecheck (test/generated/*.examples.ts).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BundledSpec } from "@openregions/apis";
import { exampleChecks, exampleChecksModule } from "../scripts/example-checks.js";

const region = { name: "osc-fr1", default: true };

function spec(regionExample: unknown, bodyExample: unknown = { key: { name: "laptop" } }): BundledSpec {
  return {
    openapi: "3.1.0",
    info: { title: "Fixture API", version: "1.0.0" },
    paths: {
      "/v1/regions": {
        get: {
          operationId: "listRegions",
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { $ref: "#/components/schemas/RegionList" }, examples: { two: { $ref: "#/components/examples/Two" } } } },
            },
            default: { $ref: "#/components/responses/Error" },
          },
        },
      },
      "/v1/keys": {
        post: {
          operationId: "createKey",
          requestBody: {
            content: {
              "application/json": {
                schema: { type: "object", required: ["key"], properties: { key: { type: "object", required: ["name"], properties: { name: { type: "string" } } } } },
                example: bodyExample,
              },
            },
          },
          responses: { "204": { description: "created" } },
        },
      },
    },
    components: {
      schemas: {
        Region: {
          type: "object",
          required: ["name"],
          properties: { name: { type: "string" }, default: { type: "boolean" } },
          example: regionExample,
        },
        RegionList: { type: "object", required: ["regions"], properties: { regions: { type: "array", items: { $ref: "#/components/schemas/Region" } } } },
        Error: { type: "object", required: ["error"], properties: { error: { type: "string" } } },
      },
      examples: { Two: { value: { regions: [region, { name: "osc-secnum-fr1" }] } } },
      responses: {
        Error: { description: "error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" }, example: { error: "boom" } } } },
      },
    },
  };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "example-checks-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Generates types and checks for `document`, compiles both, returns the errors as "line: message". */
async function compile(document: BundledSpec, name: string): Promise<string[]> {
  return (await compileModule(document, name)).errors;
}

/** Like `compile`, with the generated checks module's text, to find the line an error should be on. */
async function compileModule(document: BundledSpec, name: string): Promise<{ errors: string[]; module: string }> {
  const types = astToString(await openapiTS(document as Parameters<typeof openapiTS>[0], { rootTypes: true, silent: true }));
  const typesFile = join(dir, `${name}.types.ts`);
  const checksFile = join(dir, `${name}.examples.ts`);
  await writeFile(typesFile, types);
  const module = exampleChecksModule(exampleChecks(document), `./${name}.types.js`, document.info.title);
  await writeFile(checksFile, module);
  const program = ts.createProgram([checksFile], {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    types: [],
  });
  const errors = ts.getPreEmitDiagnostics(program).map((d) => {
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    return `${d.file?.fileName.endsWith(".examples.ts") ? "examples" : "types"}:${line}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
  });
  return { errors, module };
}

/** The 1-based line of `module` that holds `text`, inside the block of the constant `name`. */
function lineOf(module: string, name: string, text: string): number {
  const lines = module.split("\n");
  const start = lines.findIndex((line) => line.startsWith(`export const ${name} = `));
  const end = lines.findIndex((line, index) => index >= start && /^} satisfies |satisfies .*;$/.test(line));
  const found = lines.findIndex((line, index) => index >= start && index <= end && line.includes(text));
  if (start < 0 || found < 0) throw new Error(`no line with ${text} in ${name}:\n${module}`);
  return found + 1;
}

// Each case runs openapi-typescript and a TypeScript program: seconds alone, more on a loaded machine.
describe("exampleChecks", { timeout: 60_000 }, () => {
  it("finds schema, shared response, response (named, behind a $ref) and request examples, each with the generated type it illustrates", () => {
    const checks = exampleChecks(spec(region));
    expect(checks.map((c) => [c.name, c.type])).toEqual([
      ["schema_Region_example", 'components["schemas"]["Region"]'],
      ["Error_application_json_example", 'components["responses"]["Error"]["content"]["application/json"]'],
      ["listRegions_200_application_json_two", 'paths["/v1/regions"]["get"]["responses"][200]["content"]["application/json"]'],
      ["createKey_request_application_json_example", 'NonNullable<paths["/v1/keys"]["post"]["requestBody"]>["content"]["application/json"]'],
    ]);
    expect(checks[2]!.pointer).toBe("#/paths/~1v1~1regions/get/responses/200/content/application~1json/examples/two (#/components/examples/Two)");
  });

  it("examples that fit their types compile", async () => {
    expect(await compile(spec(region), "fits")).toEqual([]);
  });

  it.each([
    ["a property the type lacks", { name: "osc-fr1", api: "https://api.osc-fr1.scalingo.com" }, undefined, "schema_Region_example", '"api":', /'"api"' does not exist in type/],
    ["a wrong type", { name: 1 }, undefined, "schema_Region_example", '"name": 1', /'number' is not assignable to type 'string'/],
    ["a missing required property, in a request body", region, { key: {} }, "createKey_request_application_json_example", '"key": {}', /'name' is missing/],
  ])("%s fails tsc on the example's line", async (_what, regionExample, bodyExample, constant, offending, message) => {
    const document = spec(regionExample, bodyExample);
    const { errors, module } = await compileModule(document, `drift${Math.random().toString(36).slice(2, 8)}`);
    expect(errors).toHaveLength(1);
    // The line of the drifting example's offending property, in the constant that holds that example.
    expect(errors[0]).toMatch(new RegExp(`^examples:${lineOf(module, constant, offending)}: `));
    expect(errors[0]).toMatch(message);
  });
});
