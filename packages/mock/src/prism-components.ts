/**
 * What this package puts into Prism's proxy pipeline, for the sandbox front and `mock proxy`
 * alike:
 * - validators that report each violation once, with the request it belongs to (Prism's own
 *   log line names no request and is dropped by the logger);
 * - a forwarder that passes an upstream answer through even when its JSON is invalid (Prism's
 *   own forwarder hides it behind a 500 of its own); the body then arrives as text, which the
 *   response validation flags against the spec's schema.
 */
import { validateInput, validateOutput } from "@stoplight/prism-http/dist/validator/index.js";
import * as forwarder from "@stoplight/prism-http/dist/forwarder/index.js";

import { describeViolation, type Violation } from "./violation.js";

export { describeViolation, type Violation };

type Either<L, R> = { readonly _tag: "Left"; readonly left: L } | { readonly _tag: "Right"; readonly right: R };
type TaskEither<L, R> = () => Promise<Either<L, R>>;

interface Diagnostic {
  severity: number;
  message: string;
  path?: Array<string | number>;
}

interface Resource {
  id: string;
  iid?: string;
  method: string;
  path: string;
}

interface HttpRequest {
  method: string;
  url: { path: string; query?: Record<string, string | string[]> };
  headers?: Record<string, string>;
  body?: unknown;
}

interface HttpResponse {
  statusCode: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Prism's `DiagnosticSeverity.Error`. */
const ERROR = 0;

const right = <R>(value: R): Either<never, R> => ({ _tag: "Right", right: value });
const left = <L>(value: L): Either<L, never> => ({ _tag: "Left", left: value });

/**
 * Validators that call Prism's and hand each error-level violation to `report`. The request
 * being validated is remembered per resource so that a response violation can name it.
 */
export function reportingValidators(report: (violation: Violation) => void): { validateInput: typeof validateInput; validateOutput: typeof validateOutput } {
  const lastRequest = new WeakMap<object, HttpRequest>();
  const describe = (resource: Resource, request: HttpRequest | undefined, direction: Violation["direction"], status: number | undefined, errors: Diagnostic[]): Violation => ({
    direction,
    operationId: resource.iid ?? resource.id,
    method: (request?.method ?? resource.method).toUpperCase(),
    path: request?.url.path ?? resource.path,
    status,
    messages: errors.map((diagnostic) => `${(diagnostic.path ?? []).join(".") || "(root)"} ${diagnostic.message}`),
  });
  const errorsOf = (outcome: unknown): Diagnostic[] => {
    const either = outcome as Either<Diagnostic[], unknown>;
    return either._tag === "Left" ? either.left.filter((diagnostic) => diagnostic.severity === ERROR) : [];
  };
  const input: typeof validateInput = (args) => {
    const outcome = validateInput(args);
    const resource = args.resource as unknown as Resource;
    const request = args.element as unknown as HttpRequest;
    lastRequest.set(args.resource, request);
    const errors = errorsOf(outcome);
    if (errors.length > 0) report(describe(resource, request, "request", undefined, errors));
    return outcome;
  };
  const output: typeof validateOutput = (args) => {
    const outcome = validateOutput(args);
    const errors = errorsOf(outcome);
    if (errors.length > 0) {
      const response = args.element as unknown as HttpResponse;
      report(describe(args.resource as unknown as Resource, lastRequest.get(args.resource), "response", response.statusCode, errors));
    }
    return outcome;
  };
  return { validateInput: input, validateOutput: output };
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers", "transfer-encoding", "upgrade", "content-encoding", "content-length", "host"]);

function upstreamUrl(baseUrl: string, request: HttpRequest): string {
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname.replace(/\/$/, "")}${request.url.path}`;
  for (const [name, value] of Object.entries(request.url.query ?? {})) for (const one of [value].flat()) url.searchParams.append(name, one);
  return url.toString();
}

/** The type an upstream's unparsable "JSON" is passed through with. */
const INVALID_JSON_TYPE = "text/plain; charset=utf-8";

const isJsonType = (type: string | null): boolean => /^application\/(.+\+)?json\b/i.test(type ?? "");

/**
 * The body to send upstream. Prism hands over a JSON body parsed: it is serialised again, a
 * JSON string included (sending a parsed `""` as it is would turn it into no body at all).
 */
function requestBody(request: HttpRequest, headers: Record<string, string>): string | undefined {
  if (request.body === undefined || request.body === null) return undefined;
  const type = Object.entries(headers).find(([name]) => name.toLowerCase() === "content-type")?.[1] ?? null;
  if (typeof request.body === "string" && !isJsonType(type)) return request.body;
  return JSON.stringify(request.body);
}

async function forwardOnce(baseUrl: string, request: HttpRequest): Promise<HttpResponse> {
  const headers = Object.fromEntries(Object.entries(request.headers ?? {}).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())));
  const body = requestBody(request, headers);
  const answer = await fetch(upstreamUrl(baseUrl, request), { method: request.method.toUpperCase(), headers, body, redirect: "manual" });
  const text = await answer.text();
  const responseHeaders: Record<string, string> = {};
  answer.headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name)) responseHeaders[name] = value;
  });
  let parsed: unknown = text;
  if (answer.status !== 204 && isJsonType(answer.headers.get("content-type")) && text !== "") {
    try {
      parsed = JSON.parse(text);
    } catch {
      // Passed through byte for byte as text (Prism would re-encode a string as JSON); the
      // response validation then flags it, and the header says what the upstream claimed.
      responseHeaders["x-upstream-content-type"] = responseHeaders["content-type"] ?? "";
      responseHeaders["content-type"] = INVALID_JSON_TYPE;
    }
  }
  return { statusCode: answer.status, headers: responseHeaders, body: answer.status === 204 ? undefined : parsed };
}

/** Prism's `forward` component, typed just enough: a reader (logger) of a task of an Either. */
type PrismForward = (
  args: { readonly data: unknown; readonly validations: readonly unknown[] },
  baseUrl: string,
  upstreamProxy: string | undefined,
  resource?: unknown,
) => (logger: unknown) => TaskEither<Error, HttpResponse>;
// A CommonJS module: under Node's ESM interop its `exports.default` may arrive one level down.
const prismModule = forwarder as unknown as { default: PrismForward & { default?: PrismForward } };
const forwardWithPrism: PrismForward = prismModule.default.default ?? prismModule.default;

/**
 * Prism's forwarder for what it decides itself (the error answers of `--errors`), ours for the
 * call: the upstream's answer, whatever its body.
 */
export const passThroughForward: PrismForward = (args, baseUrl, upstreamProxy, resource) => {
  if (args.validations.length > 0) return forwardWithPrism(args, baseUrl, upstreamProxy, resource);
  return () => {
    const task: TaskEither<Error, HttpResponse> = () =>
      forwardOnce(baseUrl, args.data as unknown as HttpRequest).then(
        (response) => right(response),
        (error: unknown) => left(error instanceof Error ? error : new Error(String(error))),
      );
    return task;
  };
};
