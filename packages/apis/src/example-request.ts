import type { BundledSpec } from "./bundled.js";
import type { OperationInfo } from "./operations.js";
import { deref } from "./refs.js";
import { requiredSchemes, securitySchemes } from "./security.js";

/** A request that the spec says is valid for an operation, built from its examples. */
export interface ExampleRequest {
  /** Path with path parameters filled in and required query parameters appended. */
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly mediaType?: string;
}

interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  example?: unknown;
  schema?: { example?: unknown; examples?: unknown[]; default?: unknown; enum?: unknown[] };
}

/** Placeholder credentials: the mock checks that they are present, never their value. */
export const EXAMPLE_CREDENTIALS = {
  basic: `Basic ${btoa("example-user:example-password")}`,
  bearer: "Bearer example-bearer",
  apiKey: "example-api-key",
} as const;

function parameterExample(parameter: Parameter): unknown {
  return parameter.example ?? parameter.schema?.example ?? parameter.schema?.examples?.[0] ?? parameter.schema?.default ?? parameter.schema?.enum?.[0];
}

/** Headers that satisfy the operation's first security requirement (none if it allows anonymous calls). */
export function exampleCredentials(spec: BundledSpec, op: OperationInfo): Record<string, string> {
  const schemes = securitySchemes(spec);
  const headers: Record<string, string> = {};
  for (const name of requiredSchemes(spec, op)) {
    const scheme = schemes[name];
    if (!scheme) throw new Error(`security scheme "${name}" is not defined`);
    if (scheme.type === "http" && scheme.scheme?.toLowerCase() === "basic") headers["Authorization"] = EXAMPLE_CREDENTIALS.basic;
    else if (scheme.type === "http" && scheme.scheme?.toLowerCase() === "bearer") headers["Authorization"] = EXAMPLE_CREDENTIALS.bearer;
    else if (scheme.type === "apiKey" && scheme.in === "header" && scheme.name) headers[scheme.name] = EXAMPLE_CREDENTIALS.apiKey;
    else throw new Error(`security scheme "${name}" (${scheme.type}) is not supported by exampleRequest`);
  }
  return headers;
}

/** The first example of the operation's request body, if it has one. */
function exampleBody(spec: BundledSpec, op: OperationInfo): { body: string; mediaType: string } | undefined {
  const requestBody = op.operation["requestBody"];
  if (!requestBody) return undefined;
  const content = deref<{ required?: boolean; content?: Record<string, { example?: unknown; examples?: Record<string, unknown> }> }>(spec, requestBody);
  const [mediaType, media] = Object.entries(content.content ?? {})[0] ?? [];
  if (!mediaType || !media) return undefined;
  const named = Object.values(media.examples ?? {})[0];
  const value = media.example ?? (named === undefined ? undefined : deref<{ value?: unknown }>(spec, named).value);
  if (value === undefined) return content.required ? { body: "{}", mediaType } : undefined;
  return { body: typeof value === "string" ? value : JSON.stringify(value), mediaType };
}

export function exampleRequest(spec: BundledSpec, op: OperationInfo): ExampleRequest {
  const pathItem = spec.paths[op.path] as { parameters?: unknown[] } | undefined;
  const parameters = [...(pathItem?.parameters ?? []), ...((op.operation["parameters"] as unknown[] | undefined) ?? [])].map((p) =>
    deref<Parameter>(spec, p),
  );
  let path = op.path;
  const query = new URLSearchParams();
  const headers: Record<string, string> = { Accept: "application/json, text/plain;q=0.5", ...exampleCredentials(spec, op) };
  for (const parameter of parameters) {
    const value = parameterExample(parameter);
    if (parameter.in === "path") {
      if (value === undefined) throw new Error(`${op.operationId}: path parameter "${parameter.name}" has no example`);
      path = path.replace(`{${parameter.name}}`, encodeURIComponent(String(value)));
    } else if (parameter.in === "query" && parameter.required && value !== undefined) {
      query.set(parameter.name, String(value));
    } else if (parameter.in === "header" && parameter.required && value !== undefined) {
      headers[parameter.name] = String(value);
    }
  }
  const body = exampleBody(spec, op);
  if (body) headers["Content-Type"] = body.mediaType;
  const search = query.toString();
  return { path: search ? `${path}?${search}` : path, headers, ...(body ?? {}) };
}
