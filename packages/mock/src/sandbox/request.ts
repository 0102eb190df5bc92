/**
 * Reads and validates a request against its operation: path, query and header parameters
 * (coerced from text to the schema's type), and the JSON body. The outcome is the values the
 * handlers use, or the problems a platform turns into its own error answer.
 */
import type { SpecValidator } from "@openregions/apis/portable";
import type { JsonObject, SandboxRequest } from "./http-types.js";
import type { SandboxOperation, SpecParameter } from "./spec-model.js";

export type ProblemKind = "malformed" | "body" | "parameter" | "media-type";

export interface RequestProblem {
  readonly kind: ProblemKind;
  /** The field the problem is about (`name`, `per_page`), when there is one. */
  readonly field: string | undefined;
  readonly message: string;
}

export interface ValidRequest {
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, unknown>>;
  readonly body: unknown;
}

export type RequestCheck = { readonly ok: ValidRequest } | { readonly problems: readonly RequestProblem[] };

function coerce(schema: JsonObject | undefined, text: string): unknown {
  const types = [schema?.["type"]].flat();
  if ((types.includes("integer") || types.includes("number")) && /^-?\d+(\.\d+)?$/.test(text.trim())) return Number(text);
  if (types.includes("boolean") && (text === "true" || text === "false")) return text === "true";
  return text;
}

/** `"/key/name must be string"` → field `name`; `"(root) must have required property 'name'"` → `name`. */
function problemFromAjv(kind: ProblemKind, text: string, fallbackField?: string): RequestProblem {
  const missing = /required property '([^']+)'/.exec(text)?.[1];
  const path = text.split(" ")[0] ?? "";
  const last = path.startsWith("/") ? path.split("/").filter(Boolean).pop() : undefined;
  const field = missing ?? (last && !/^\d+$/.test(last) ? last : fallbackField);
  const message = text.slice(path.length).trim() || text;
  return { kind, field, message: path.startsWith("/") || path === "(root)" ? message : text };
}

function parameterValue(request: SandboxRequest, params: Readonly<Record<string, string>>, parameter: SpecParameter): string | undefined {
  if (parameter.in === "path") return params[parameter.name];
  if (parameter.in === "query") return request.query.get(parameter.name) ?? undefined;
  if (parameter.in === "header") return request.headers[parameter.name.toLowerCase()];
  return undefined;
}

function checkParameters(validator: SpecValidator, operation: SandboxOperation, request: SandboxRequest, params: Readonly<Record<string, string>>) {
  const problems: RequestProblem[] = [];
  const query: Record<string, unknown> = {};
  for (const parameter of operation.parameters) {
    const text = parameterValue(request, params, parameter);
    if (text === undefined) {
      if (parameter.required) problems.push({ kind: "parameter", field: parameter.name, message: `${parameter.in} parameter "${parameter.name}" is required` });
      continue;
    }
    const value = coerce(parameter.schema, text);
    if (parameter.schemaPointer) {
      for (const problem of validator.checkValueAt(parameter.schemaPointer, value).problems) {
        problems.push({ kind: "parameter", field: parameter.name, message: `${parameter.in} parameter "${parameter.name}" ${problem.replace(/^\(root\) /, "")}` });
      }
    }
    if (parameter.in === "query") query[parameter.name] = value;
  }
  return { problems, query };
}

const mediaTypeOf = (request: SandboxRequest): string => (request.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
const isJson = (mediaType: string): boolean => mediaType === "application/json" || mediaType.endsWith("+json");

function checkBody(validator: SpecValidator, operation: SandboxOperation, request: SandboxRequest): { problems: RequestProblem[]; body: unknown } {
  const empty = request.bodyText.trim() === "";
  if (operation.requestMediaTypes.length === 0 || (empty && !operation.requestBodyRequired)) return { problems: [], body: undefined };
  if (empty) return { problems: [{ kind: "body", field: undefined, message: "a request body is required" }], body: undefined };
  const mediaType = mediaTypeOf(request) || "application/json";
  const documented = operation.requestMediaTypes.find((candidate) => candidate === mediaType) ?? (isJson(mediaType) ? operation.requestMediaTypes.find(isJson) : undefined);
  if (!documented) {
    return { problems: [{ kind: "media-type", field: undefined, message: `content type "${mediaType}" is not accepted (send ${operation.requestMediaTypes.join(", ")})` }], body: undefined };
  }
  if (!isJson(documented)) return { problems: [], body: request.bodyText };
  let body: unknown;
  try {
    body = JSON.parse(request.bodyText);
  } catch (error) {
    return { problems: [{ kind: "malformed", field: undefined, message: `the body is not valid JSON (${(error as Error).message})` }], body: undefined };
  }
  // the validator reports the closest branch of a oneOf, not every branch's errors
  const texts = validator.checkRequestBody(operation.operationId, body, documented).problems;
  const problems = [...new Set(texts)].map((text) => problemFromAjv("body", text));
  return { problems, body };
}

/** Validates one request; problems are reported body first (a malformed body hides the rest). */
export function checkRequest(validator: SpecValidator, operation: SandboxOperation, request: SandboxRequest, params: Readonly<Record<string, string>>): RequestCheck {
  const body = checkBody(validator, operation, request);
  if (body.problems.some((problem) => problem.kind === "malformed")) return { problems: body.problems };
  const parameters = checkParameters(validator, operation, request, params);
  const problems = [...parameters.problems, ...body.problems];
  if (problems.length > 0) return { problems };
  return { ok: { params, query: parameters.query, body: body.body } };
}
