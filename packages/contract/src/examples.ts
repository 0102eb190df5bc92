/**
 * Examples are tests. Every example of a bundled spec (found by `collectExamples` of
 * `@openregions/apis`, with the schema it illustrates) is validated against that schema, and
 * this module decides which component schemas have an example at all.
 *
 * The coverage rule for `components.schemas`: a schema has an example when it carries one
 * (`example`, a non-empty `examples`, `const`, or an `enum`, whose first value serves), or
 * when one can be composed from the examples it reaches:
 * - `$ref`: the example of the target;
 * - an object: an example for every declared property (`{}` when it declares none); the
 *   composed value holds the required properties, then the optional ones in their order, up
 *   to `maxProperties`;
 * - an array: an example of `items` (and of every `prefixItems` entry);
 * - `allOf`: an example for every branch, merged; `oneOf`/`anyOf`: an example for every
 *   branch (the composed value uses the first branch whose example is valid for the whole).
 * A schema that constrains nothing (any JSON value) takes `{}`; a scalar with no example of
 * its own has none. The value so obtained must itself validate
 * against the schema: where properties constrain each other (`maxProperties`, a `oneOf`
 * that several branches match), the schema needs an example of its own.
 */
import { collectExamples, deref, pointerToken, type BundledSpec } from "@openregions/apis";
import type { SpecValidator } from "./spec-validator.js";

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null && !Array.isArray(value);
const child = (pointer: string, ...tokens: Array<string | number>) => `${pointer}/${tokens.map((token) => pointerToken(String(token))).join("/")}`;

/** Validates every example of the spec; returns one line per invalid example. */
export function invalidExamples(spec: BundledSpec, validator: SpecValidator): string[] {
  return collectExamples(spec).flatMap((example) =>
    validator.checkValueAt(example.schemaPointer, example.value).problems.map((problem) => `${example.kind} ${example.pointer}: ${problem}`),
  );
}

const hasOwnExample = (schema: unknown): boolean =>
  isNode(schema) &&
  ("example" in schema || (Array.isArray(schema["examples"]) && schema["examples"].length > 0) || "const" in schema || Array.isArray(schema["enum"]));

type Sample = { ok: true; value: unknown } | { ok: false; missing: string };

/** Composes an example for the schema at `pointer` from the examples it reaches (see the module doc). */
function composeSample(spec: BundledSpec, schema: unknown, pointer: string, validator: SpecValidator, stack: readonly string[]): Sample {
  if (!isNode(schema)) return schema === true || schema === undefined ? { ok: true, value: {} } : { ok: false, missing: pointer };
  if ("example" in schema) return { ok: true, value: schema["example"] };
  if (Array.isArray(schema["examples"]) && schema["examples"].length > 0) return { ok: true, value: schema["examples"][0] };
  if ("const" in schema) return { ok: true, value: schema["const"] };
  if (Array.isArray(schema["enum"]) && schema["enum"].length > 0) return { ok: true, value: schema["enum"][0] };
  const ref = schema["$ref"];
  if (typeof ref === "string") {
    const target = ref.slice(1);
    if (stack.includes(target)) return { ok: true, value: undefined }; // a cycle ends in an absent value
    return composeSample(spec, deref(spec, schema), target, validator, [...stack, target]);
  }
  const sub = (value: unknown, subPointer: string) => composeSample(spec, value, subPointer, validator, stack);
  const parts: unknown[] = [];
  for (const key of ["allOf"] as const) {
    const list = schema[key];
    if (!Array.isArray(list)) continue;
    for (const [index, branch] of list.entries()) {
      const sample = sub(branch, child(pointer, key, index));
      if (!sample.ok) return sample;
      parts.push(sample.value);
    }
  }
  for (const key of ["oneOf", "anyOf"] as const) {
    const list = schema[key];
    if (!Array.isArray(list)) continue;
    const samples = list.map((branch, index) => sub(branch, child(pointer, key, index)));
    const missing = samples.find((sample) => !sample.ok);
    if (missing) return missing;
    const values = samples.map((sample) => (sample as { value: unknown }).value);
    parts.push(values.find((value) => validator.checkValueAt(pointer, value).problems.length === 0) ?? values[0]);
  }
  const types = [schema["type"]].flat();
  if (isNode(schema["properties"]) || types.includes("object") || (types[0] === undefined && parts.length === 0 && !("items" in schema))) {
    const object: Node = {};
    const required = new Set(Array.isArray(schema["required"]) ? (schema["required"] as string[]) : []);
    const limit = typeof schema["maxProperties"] === "number" ? schema["maxProperties"] : Infinity;
    const properties = Object.entries((schema["properties"] ?? {}) as Node);
    // Required properties first, then the optional ones in their order, as many as maxProperties allows.
    properties.sort(([a], [b]) => Number(required.has(b)) - Number(required.has(a)));
    for (const [name, property] of properties) {
      const sample = sub(property, child(pointer, "properties", name));
      if (!sample.ok) return sample;
      if (sample.value !== undefined && Object.keys(object).length < limit) object[name] = sample.value;
    }
    parts.push(object);
  } else if (types.includes("array") || "items" in schema || "prefixItems" in schema) {
    const tuple = Array.isArray(schema["prefixItems"]) ? schema["prefixItems"] : [];
    const values: unknown[] = [];
    for (const [index, item] of tuple.entries()) {
      const sample = sub(item, child(pointer, "prefixItems", index));
      if (!sample.ok) return sample;
      values.push(sample.value);
    }
    if (isNode(schema["items"])) {
      const sample = sub(schema["items"], child(pointer, "items"));
      if (!sample.ok) return sample;
      if (sample.value !== undefined) values.push(sample.value);
    }
    parts.push(values);
  }
  if (parts.length === 0) return { ok: false, missing: pointer };
  const objects = parts.filter(isNode);
  return { ok: true, value: objects.length === parts.length ? Object.assign({}, ...objects) : parts[parts.length - 1] };
}

export interface CoverageProblem {
  readonly schema: string;
  readonly problem: string;
}

/** Applies the coverage rule (module doc) to every schema of `components.schemas`. */
export function schemasWithoutExample(spec: BundledSpec, validator: SpecValidator): CoverageProblem[] {
  const problems: CoverageProblem[] = [];
  for (const [name, schema] of Object.entries(spec.components?.["schemas"] ?? {})) {
    const pointer = child("/components/schemas", name);
    const sample = composeSample(spec, schema, pointer, validator, [pointer]);
    if (!sample.ok) {
      problems.push({ schema: name, problem: `no example, and none can be composed: nothing at ${sample.missing}` });
      continue;
    }
    if (hasOwnExample(schema)) continue; // its own examples are validated by invalidExamples
    const invalid = validator.checkValueAt(pointer, sample.value).problems;
    if (invalid.length > 0) problems.push({ schema: name, problem: `the example composed from its parts is invalid (${invalid.join("; ")}): give the schema an example of its own` });
  }
  return problems;
}
