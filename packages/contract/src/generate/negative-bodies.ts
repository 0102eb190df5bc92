/**
 * Bodies built to break a request schema on purpose, from the operation's example: each
 * required field left out, each field of the wrong type, each bound crossed (too short, too
 * long, below the minimum, above the maximum, outside the enum), an extra field where the
 * schema forbids them. Only the mutations that really break the schema are kept (the
 * validator decides, so a `oneOf` branch that still accepts the body drops it).
 */
import type { BundledSpec } from "@openregions/apis";
import { isRecord, pointerOf, schemaSites, setAt, typeOf, type Schema } from "./schema-walk.js";

export interface SchemaMutation {
  readonly body: unknown;
  /** What was broken, e.g. "/key/content left out (required)". */
  readonly reason: string;
}

const WRONG_TYPE: Readonly<Record<string, unknown>> = { string: 12345, integer: "not-a-number", number: "not-a-number", boolean: "yes", object: "text", array: { not: "an array" } };

function mutationsAt(path: readonly string[], schema: Schema, value: unknown): Array<{ path: readonly string[]; value?: unknown; remove?: true; reason: string }> {
  const where = pointerOf(path);
  const found: Array<{ path: readonly string[]; value?: unknown; remove?: true; reason: string }> = [];
  const type = typeOf(schema);
  if (type && type in WRONG_TYPE) found.push({ path, value: WRONG_TYPE[type], reason: `${where} of the wrong type (${type} expected)` });
  if (isRecord(value)) {
    for (const name of schema.required ?? []) if (name in value) found.push({ path: [...path, name], remove: true, reason: `${pointerOf([...path, name])} left out (required)` });
    if (schema.additionalProperties === false || schema.maxProperties !== undefined) {
      found.push({ path: [...path, "openregions_unexpected"], value: "x", reason: `an extra field at ${where}, where the schema allows none` });
    }
  }
  if (typeof value === "string") {
    if (schema.maxLength !== undefined) found.push({ path, value: "x".repeat(schema.maxLength + 1), reason: `${where} longer than ${schema.maxLength}` });
    if (schema.minLength !== undefined && schema.minLength > 0) found.push({ path, value: "", reason: `${where} shorter than ${schema.minLength}` });
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined) found.push({ path, value: schema.minimum - 1, reason: `${where} below its minimum ${schema.minimum}` });
    if (schema.maximum !== undefined) found.push({ path, value: schema.maximum + 1, reason: `${where} above its maximum ${schema.maximum}` });
  }
  if (schema.enum) found.push({ path, value: "openregions-not-in-enum", reason: `${where} outside its enum` });
  return found;
}

/** Every targeted mutation of `example` that breaks `schema`, as `isInvalid` judges it. */
export function schemaMutations(spec: BundledSpec, schema: Schema, example: unknown, isInvalid: (body: unknown) => boolean): SchemaMutation[] {
  const seen = new Set<string>();
  const mutations: SchemaMutation[] = [];
  for (const site of schemaSites(spec, schema, example)) {
    for (const mutation of mutationsAt(site.path, site.schema, site.value)) {
      const body = setAt(example, mutation.path, mutation.value, mutation.remove);
      const key = JSON.stringify(body);
      if (seen.has(key) || !isInvalid(body)) continue;
      seen.add(key);
      mutations.push({ body, reason: mutation.reason });
    }
  }
  return mutations;
}
