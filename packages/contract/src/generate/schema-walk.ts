/**
 * A small walk over request-body schemas of a bundled spec (local `$ref`s, `oneOf` / `anyOf` /
 * `allOf` branches, object properties): what the generators mutate, located by a JSON path.
 */
import { deref, type BundledSpec, type OperationInfo } from "@openregions/apis";

export interface Schema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, unknown>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: unknown;
  readonly maxProperties?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly enum?: readonly unknown[];
  readonly format?: string;
  readonly pattern?: string;
  readonly oneOf?: readonly unknown[];
  readonly anyOf?: readonly unknown[];
  readonly allOf?: readonly unknown[];
}

/** One place in a value with the schema that applies there. */
export interface SchemaSite {
  readonly path: readonly string[];
  readonly schema: Schema;
  readonly value: unknown;
}

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The JSON request body schema of an operation, or undefined. */
export function requestBodySchema(spec: BundledSpec, op: OperationInfo): Schema | undefined {
  const body = op.operation["requestBody"];
  if (!body) return undefined;
  const content = deref<{ content?: Record<string, { schema?: unknown }> }>(spec, body).content ?? {};
  const media = content["application/json"];
  return media?.schema === undefined ? undefined : deref<Schema>(spec, media.schema);
}

/** Every site of `value` that a (branch of the) schema describes, the root included; bounded in depth. */
export function schemaSites(spec: BundledSpec, schema: Schema, value: unknown, path: readonly string[] = [], depth = 0): SchemaSite[] {
  if (depth > 6) return [];
  const sites: SchemaSite[] = [{ path, schema, value }];
  for (const branch of [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])]) {
    sites.push(...schemaSites(spec, deref<Schema>(spec, branch), value, path, depth + 1));
  }
  if (isRecord(value)) {
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      if (name in value) sites.push(...schemaSites(spec, deref<Schema>(spec, property), value[name], [...path, name], depth + 1));
    }
  }
  return sites;
}

/** A copy of `root` with the value at `path` replaced (or removed, with `remove`). */
export function setAt(root: unknown, path: readonly string[], value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const copy: Record<string, unknown> = isRecord(root) ? { ...root } : {};
  if (rest.length === 0 && remove) delete copy[head!];
  else copy[head!] = setAt(copy[head!], rest, value, remove);
  return copy;
}

export const typeOf = (schema: Schema): string | undefined => (Array.isArray(schema.type) ? schema.type[0] : (schema.type as string | undefined));
export const pointerOf = (path: readonly string[]): string => (path.length === 0 ? "(root)" : `/${path.join("/")}`);
