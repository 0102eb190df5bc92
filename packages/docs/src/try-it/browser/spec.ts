/**
 * What a panel reads from the spec: an operation's parameters and body examples, its security
 * alternatives and documented success. The spec is the copy Redoc renders (see try-it/page.ts).
 * The helpers of @openregions/apis used here are browser-safe modules, imported by file: the
 * package's index also holds Node-only code (bundling, the registry).
 */
import type { BundledSpec } from "../../../../apis/src/bundled.js";
import { listOperations, type OperationInfo } from "../../../../apis/src/operations.js";
import { deref } from "../../../../apis/src/refs.js";

export type { BundledSpec, OperationInfo };
export { listOperations };

/** One example a user can pick for a parameter or a body. */
export interface ExampleChoice {
  readonly label: string;
  readonly value: string;
}

export interface Parameter {
  readonly name: string;
  readonly in: "path" | "query" | "header" | "cookie";
  readonly required: boolean;
  readonly description: string;
  /** The value the input starts with: the example of a path or required parameter, else empty. */
  readonly initial: string;
  /** An example shown as the placeholder of an optional parameter. */
  readonly hint: string;
}

export interface RequestBody {
  readonly mediaType: string;
  readonly required: boolean;
  readonly examples: readonly ExampleChoice[];
}

interface RawParameter {
  name: string;
  in: Parameter["in"];
  required?: boolean;
  description?: string;
  example?: unknown;
  examples?: Record<string, unknown>;
  schema?: { example?: unknown; examples?: unknown[]; default?: unknown; enum?: unknown[] };
}

const text = (value: unknown): string => (value === undefined || value === null ? "" : typeof value === "string" ? value : JSON.stringify(value));

function parameterExample(spec: BundledSpec, parameter: RawParameter): unknown {
  const named = Object.values(parameter.examples ?? {})[0];
  const fromNamed = named === undefined ? undefined : deref<{ value?: unknown }>(spec, named).value;
  return parameter.example ?? fromNamed ?? parameter.schema?.example ?? parameter.schema?.examples?.[0] ?? parameter.schema?.default ?? parameter.schema?.enum?.[0];
}

/** The operation's parameters (path item's, then its own), in the order the spec lists them. */
export function parameters(spec: BundledSpec, op: OperationInfo): Parameter[] {
  const pathItem = spec.paths[op.path] as { parameters?: unknown[] } | undefined;
  const raw = [...(pathItem?.parameters ?? []), ...((op.operation["parameters"] as unknown[] | undefined) ?? [])].map((p) => deref<RawParameter>(spec, p));
  return raw
    .filter((parameter) => parameter.in !== "cookie")
    .map((parameter) => {
      const required = parameter.in === "path" || parameter.required === true;
      const example = text(parameterExample(spec, parameter));
      return { name: parameter.name, in: parameter.in, required, description: parameter.description ?? "", initial: required ? example : "", hint: example };
    });
}

/** The operation's request body: its first media type and every example of it (named ones with their summary). */
export function requestBody(spec: BundledSpec, op: OperationInfo): RequestBody | undefined {
  if (!op.operation["requestBody"]) return undefined;
  const body = deref<{ required?: boolean; content?: Record<string, { example?: unknown; examples?: Record<string, unknown> }> }>(spec, op.operation["requestBody"]);
  const [mediaType, media] = Object.entries(body.content ?? {})[0] ?? [];
  if (!mediaType || !media) return undefined;
  const pretty = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value, null, 2));
  const examples: ExampleChoice[] = [];
  if (media.example !== undefined) examples.push({ label: "example", value: pretty(media.example) });
  for (const [name, entry] of Object.entries(media.examples ?? {})) {
    const example = deref<{ summary?: string; value?: unknown }>(spec, entry);
    if (example.value !== undefined) examples.push({ label: example.summary ? `${name}: ${example.summary}` : name, value: pretty(example.value) });
  }
  return { mediaType, required: body.required === true, examples };
}

/** The operation's security alternatives, each a list of scheme names; an empty one means "no credentials". */
export function requirements(spec: BundledSpec, op: OperationInfo): string[][] {
  const list = (op.operation["security"] ?? spec["security"] ?? []) as Array<Record<string, string[]>>;
  if (list.length === 0) return [[]];
  return list.map((requirement) => Object.keys(requirement));
}

/** The first 2xx status the operation documents. */
export function successStatus(op: OperationInfo): string | undefined {
  return Object.keys((op.operation["responses"] ?? {}) as object).find((status) => /^2/.test(status));
}

/** A value at a JSON pointer of a JSON document, or undefined. */
export function atPointer(value: unknown, pointer: string): unknown {
  return pointer
    .split("/")
    .slice(1)
    .map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, token) => (typeof node === "object" && node !== null ? (node as Record<string, unknown>)[token] : undefined), value);
}

/** Writes a value at a JSON pointer of a JSON document (the parents must exist). */
export function setAtPointer(document: unknown, pointer: string, value: unknown): void {
  const tokens = pointer.split("/").slice(1).map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"));
  const last = tokens.pop();
  const parent = atPointer(document, tokens.length ? `/${tokens.join("/")}` : "");
  if (last === undefined || typeof parent !== "object" || parent === null) throw new Error(`nothing at ${pointer} in the example body`);
  (parent as Record<string, unknown>)[last] = value;
}
