/**
 * Every example of a bundled spec, found where it is defined, with the JSON pointer of the
 * schema it illustrates:
 * - media types: `example` and each named `examples.*.value` → the media type's `schema`;
 * - parameters and headers: `example` and `examples.*.value` → their `schema`;
 * - schemas, at any depth: `example` and each item of `examples` → that schema itself.
 * The contract tests validate each against its schema; the client's build type-checks each
 * against the generated type of that schema.
 */
import type { BundledSpec } from "./bundled.js";
import { deref, pointerToken } from "./refs.js";

export type ExampleKind = "media type" | "named example" | "schema" | "parameter" | "header";

export interface ExampleCase {
  readonly kind: ExampleKind;
  /** JSON pointer of the example (for a named example behind a `$ref`, the place that uses it). */
  readonly pointer: string;
  /** JSON pointer of the schema the example must validate against. */
  readonly schemaPointer: string;
  readonly value: unknown;
}

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null && !Array.isArray(value);
const child = (pointer: string, ...tokens: Array<string | number>) => `${pointer}/${tokens.map((token) => pointerToken(String(token))).join("/")}`;

const SCHEMA_MAPS = ["properties", "patternProperties", "dependentSchemas", "$defs"] as const;
const SCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"] as const;
const SCHEMA_SINGLES = ["items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedProperties", "unevaluatedItems"] as const;

/** Every example of a bundled spec, with the schema it must validate against. */
export function collectExamples(spec: BundledSpec): ExampleCase[] {
  const cases: ExampleCase[] = [];
  const seenSchemas = new Set<string>();

  const walkSchema = (schema: unknown, pointer: string, depth = 0): void => {
    if (!isNode(schema) || depth > 64 || seenSchemas.has(pointer)) return;
    seenSchemas.add(pointer);
    if ("example" in schema) cases.push({ kind: "schema", pointer: child(pointer, "example"), schemaPointer: pointer, value: schema["example"] });
    if (Array.isArray(schema["examples"])) {
      for (const [index, value] of schema["examples"].entries()) cases.push({ kind: "schema", pointer: child(pointer, "examples", index), schemaPointer: pointer, value });
    }
    for (const key of SCHEMA_MAPS) {
      const map = schema[key];
      if (isNode(map)) for (const [name, sub] of Object.entries(map)) walkSchema(sub, child(pointer, key, name), depth + 1);
    }
    for (const key of SCHEMA_LISTS) {
      const list = schema[key];
      if (Array.isArray(list)) for (const [index, sub] of list.entries()) walkSchema(sub, child(pointer, key, index), depth + 1);
    }
    for (const key of SCHEMA_SINGLES) if (isNode(schema[key])) walkSchema(schema[key], child(pointer, key), depth + 1);
  };

  /** `example` and `examples` of a media type, parameter or header, against its `schema`. */
  const walkExampleHolder = (holder: Node, pointer: string, kind: ExampleKind): void => {
    const schemaPointer = child(pointer, "schema");
    if ("example" in holder) cases.push({ kind, pointer: child(pointer, "example"), schemaPointer, value: holder["example"] });
    if (isNode(holder["examples"])) {
      for (const [name, entry] of Object.entries(holder["examples"])) {
        const example = deref<Node>(spec, entry);
        if ("value" in example) {
          const ref = (entry as { $ref?: string }).$ref;
          cases.push({ kind: kind === "media type" ? "named example" : kind, pointer: `${child(pointer, "examples", name)}${ref ? ` (${ref})` : ""}`, schemaPointer, value: example["value"] });
        }
      }
    }
    if ("schema" in holder) walkSchema(holder["schema"], schemaPointer);
  };

  const walkContent = (content: unknown, pointer: string): void => {
    if (!isNode(content)) return;
    for (const [mediaType, media] of Object.entries(content)) if (isNode(media)) walkExampleHolder(media, child(pointer, mediaType), "media type");
  };
  const walkParameterOrHeader = (value: unknown, pointer: string, kind: "parameter" | "header"): void => {
    if (!isNode(value) || "$ref" in value) return; // visited where it is defined
    walkExampleHolder(value, pointer, kind);
    walkContent(value["content"], child(pointer, "content"));
  };
  const walkResponse = (response: unknown, pointer: string): void => {
    if (!isNode(response) || "$ref" in response) return;
    if (isNode(response["headers"])) {
      for (const [name, header] of Object.entries(response["headers"])) walkParameterOrHeader(header, child(pointer, "headers", name), "header");
    }
    walkContent(response["content"], child(pointer, "content"));
  };
  const walkRequestBody = (body: unknown, pointer: string): void => {
    if (isNode(body) && !("$ref" in body)) walkContent(body["content"], child(pointer, "content"));
  };

  const components = spec.components ?? {};
  for (const [name, schema] of Object.entries(components["schemas"] ?? {})) walkSchema(schema, child("/components/schemas", name));
  for (const [name, parameter] of Object.entries(components["parameters"] ?? {})) walkParameterOrHeader(parameter, child("/components/parameters", name), "parameter");
  for (const [name, header] of Object.entries(components["headers"] ?? {})) walkParameterOrHeader(header, child("/components/headers", name), "header");
  for (const [name, response] of Object.entries(components["responses"] ?? {})) walkResponse(response, child("/components/responses", name));
  for (const [name, body] of Object.entries(components["requestBodies"] ?? {})) walkRequestBody(body, child("/components/requestBodies", name));
  for (const [path, item] of Object.entries(spec.paths)) {
    const itemPointer = child("/paths", path);
    const parameters = (item as Node)["parameters"];
    if (Array.isArray(parameters)) for (const [index, parameter] of parameters.entries()) walkParameterOrHeader(parameter, child(itemPointer, "parameters", index), "parameter");
    for (const [method, operation] of Object.entries(item)) {
      if (!isNode(operation) || !("responses" in operation)) continue;
      const opPointer = child(itemPointer, method);
      const opParameters = operation["parameters"];
      if (Array.isArray(opParameters)) for (const [index, parameter] of opParameters.entries()) walkParameterOrHeader(parameter, child(opPointer, "parameters", index), "parameter");
      walkRequestBody(operation["requestBody"], child(opPointer, "requestBody"));
      if (isNode(operation["responses"])) {
        for (const [status, response] of Object.entries(operation["responses"])) walkResponse(response, child(opPointer, "responses", status));
      }
    }
  }
  return cases;
}
