/**
 * Requests built to satisfy the schema, from the operation's example: optional query
 * parameters set to values their schema allows (its bounds included), and, for bodies, optional
 * fields left out and free-text fields made longer with odd but valid characters (within
 * their length bounds). Login bodies are sent as they are: they carry the credentials.
 * Every body kept validates against the request schema.
 */
import fc from "fast-check";
import { deref, type BundledSpec, type OperationInfo } from "@openregions/apis";
import type { SpecValidator } from "../spec-validator.js";
import { isRecord, requestBodySchema, schemaSites, setAt, typeOf, type Schema } from "./schema-walk.js";

export interface ValidVariant {
  /** Optional query parameters to add to the example's. */
  readonly query: Readonly<Record<string, string>>;
  /** A body to send instead of the example's (already JSON text); undefined keeps the example. */
  readonly body?: string;
  /** What differs from the example, e.g. "per_page=100; /key/name = laptop-名x". */
  readonly reason: string;
}

interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly required?: boolean;
  readonly schema?: Schema;
}

/** Values a query parameter's schema allows; its bounds and every enum member among them. */
function validQueryValue(schema: Schema): fc.Arbitrary<string> | undefined {
  const type = typeOf(schema);
  if (schema.enum) return fc.constantFrom(...schema.enum.map(String));
  if (type === "boolean") return fc.constantFrom("true", "false");
  if (type === "integer" || type === "number") {
    const min = schema.minimum ?? 0;
    const max = schema.maximum ?? min + 1_000_000;
    return fc.oneof(fc.constantFrom(min, max), fc.integer({ min, max })).map(String);
  }
  if (type === "string" && !schema.format && !schema.pattern) {
    const min = schema.minLength ?? 0;
    return fc.stringMatching(/^[a-z0-9éü名_.-]{1,12}$/).filter((text) => text.length >= min && (schema.maxLength === undefined || text.length <= schema.maxLength));
  }
  return undefined;
}

const SUFFIX = fc.stringMatching(/^[a-z0-9éü名_.]{1,6}$/);

/** The free-text fields of an example body: strings whose schema has no enum, format or pattern. */
function freeTextSites(spec: BundledSpec, schema: Schema, example: unknown) {
  return schemaSites(spec, schema, example).filter(
    (site) => site.path.length > 0 && typeof site.value === "string" && typeOf(site.schema) === "string" && !site.schema.enum && !site.schema.format && !site.schema.pattern,
  );
}

/** The optional fields present in an example body, by path. */
function optionalSites(spec: BundledSpec, schema: Schema, example: unknown): string[][] {
  const optional: string[][] = [];
  for (const site of schemaSites(spec, schema, example)) {
    if (!isRecord(site.value) || !site.schema.properties) continue;
    for (const name of Object.keys(site.value)) {
      if (name in site.schema.properties && !(site.schema.required ?? []).includes(name)) optional.push([...site.path, name]);
    }
  }
  return optional;
}

/**
 * Variants of the operation's valid example, or undefined when it has nothing to vary (no
 * optional query parameter, no body to vary).
 */
export function validVariantsFor(
  spec: BundledSpec,
  validator: SpecValidator,
  op: OperationInfo,
  example: { readonly body?: string },
  varyBody: boolean,
): fc.Arbitrary<ValidVariant> | undefined {
  const pathItem = spec.paths[op.path] as { parameters?: unknown[] } | undefined;
  const parameters = [...(pathItem?.parameters ?? []), ...((op.operation["parameters"] as unknown[] | undefined) ?? [])].map((p) => deref<Parameter>(spec, p));
  const queries = parameters
    .filter((parameter) => parameter.in === "query" && !parameter.required)
    .map((parameter) => [parameter.name, validQueryValue(parameter.schema ?? {})] as const)
    .filter((entry): entry is readonly [string, fc.Arbitrary<string>] => entry[1] !== undefined);
  const query = fc.record(Object.fromEntries(queries.map(([name, value]) => [name, value])) as Record<string, fc.Arbitrary<string>>, { requiredKeys: [] });

  const schema = requestBodySchema(spec, op);
  const parsed = example.body === undefined ? undefined : (JSON.parse(example.body) as unknown);
  const texts = varyBody && schema && parsed !== undefined ? freeTextSites(spec, schema, parsed) : [];
  const optional = varyBody && schema && parsed !== undefined ? optionalSites(spec, schema, parsed) : [];
  if (queries.length === 0 && texts.length === 0 && optional.length === 0) return undefined;

  const body = fc.record({ suffixes: fc.tuple(...texts.map(() => SUFFIX)), dropped: fc.subarray(optional) }).map(({ suffixes, dropped }) => {
    let value = parsed;
    const changes: string[] = [];
    texts.forEach((site, index) => {
      const max = site.schema.maxLength ?? Number.POSITIVE_INFINITY;
      const longer = `${site.value as string}-${suffixes[index]}`.slice(0, max);
      value = setAt(value, site.path, longer);
      changes.push(`/${site.path.join("/")} = ${JSON.stringify(longer)}`);
    });
    for (const path of dropped) {
      value = setAt(value, path, undefined, true);
      changes.push(`/${path.join("/")} left out`);
    }
    return { value, changes };
  });
  return fc
    .record({ query, body: texts.length + optional.length > 0 ? body.map((b) => b as { value: unknown; changes: string[] } | undefined) : fc.constant(undefined) })
    .filter(({ body: varied }) => varied === undefined || validator.checkRequestBody(op.operationId, varied.value).problems.length === 0)
    .map(({ query: values, body: varied }) => ({
      query: values as Record<string, string>,
      ...(varied ? { body: JSON.stringify(varied.value) } : {}),
      reason: [...Object.entries(values as Record<string, string>).map(([name, value]) => `${name}=${value}`), ...(varied?.changes ?? [])].join("; ") || "the example",
    }));
}

/**
 * The example body with each free-text field made unique by `tag` (within its length bounds),
 * or undefined when it has no free text or the result would not validate.
 */
export function uniqueBody(spec: BundledSpec, validator: SpecValidator, op: OperationInfo, bodyText: string, tag: string): { body: string; changes: string } | undefined {
  const schema = requestBodySchema(spec, op);
  if (!schema) return undefined;
  const parsed = JSON.parse(bodyText) as unknown;
  const texts = freeTextSites(spec, schema, parsed);
  if (texts.length === 0) return undefined;
  let value = parsed;
  const suffix = `-${Number(tag).toString(36)}`;
  for (const site of texts) {
    const text = site.value as string;
    const max = site.schema.maxLength ?? Number.POSITIVE_INFINITY;
    value = setAt(value, site.path, `${text.slice(0, Math.max(0, max - suffix.length))}${suffix}`);
  }
  if (validator.checkRequestBody(op.operationId, value).problems.length > 0) return undefined;
  return { body: JSON.stringify(value), changes: `suffix ${suffix}` };
}
