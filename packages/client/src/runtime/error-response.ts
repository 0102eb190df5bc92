/**
 * From a non-2xx response to a typed, redacted error. The runtime knows HTTP and the common
 * body shapes; a platform plugs in three hooks: `errorMessage` (the detail of its bodies),
 * `errorCode` (the machine-readable code) and `errorClass` (its own error classes, e.g. a
 * two-factor challenge).
 */
import {
  BadRequestError,
  ForbiddenError,
  HttpError,
  NotFoundError,
  RateLimitError,
  ServerError,
  UnauthorizedError,
  UnprocessableEntityError,
  type ApiErrorFields,
} from "./errors.js";
import { parseRetryAfter, reasonPhrase, requestIdFrom, safePath } from "./http.js";
import { redactText, redactValue, type SecretRegistry } from "./redact.js";
import { isObject, scalar, text } from "./shape.js";

export interface ErrorMessageContext {
  status: number;
}

/** Extracts a human-readable detail from a parsed error body; undefined if it doesn't recognise the shape. */
export type ErrorMessageExtractor = (body: unknown, context: ErrorMessageContext) => string | undefined;

/** Extracts a machine-readable code from a parsed error body. */
export type ErrorCodeExtractor = (body: unknown) => string | undefined;

/** What a platform's `errorClass` hook gets: the finished message and fields, and the parsed (redacted) body. */
export interface ErrorClassInput {
  message: string;
  fields: ApiErrorFields & { status: number };
  body: unknown;
  /** The detail the message ends with, if any. */
  detail: string | undefined;
}

/** A platform's own error for a response, or undefined for the runtime's class of the status. */
export type ErrorClassHook = (input: ErrorClassInput) => HttpError | undefined;

/** `{"errors": {"field": ["msg", …]}}` (or string values) → record; undefined if not that shape. */
export function parseFieldErrors(body: unknown): Record<string, string[]> | undefined {
  if (!isObject(body) || !isObject(body.errors)) return undefined;
  const out: Record<string, string[]> = {};
  for (const [field, value] of Object.entries(body.errors)) {
    const messages = (Array.isArray(value) ? value : [value]).map((m) => text(m) ?? (isObject(m) ? text(m.message) : undefined)).filter((m) => m !== undefined);
    if (messages.length > 0) out[field] = messages;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Common shapes: `{"message"}`, RFC 7807 `{"title","detail"}`, OAuth `{"error_description"}`, `{"error"}`, plain text. */
export const genericErrorMessage: ErrorMessageExtractor = (body) => {
  if (typeof body === "string") {
    const line = body.trim();
    return line === "" || line.startsWith("<") ? undefined : line.split("\n", 1)[0]; // no detail from an HTML page
  }
  if (!isObject(body)) return undefined;
  const title = text(body.title);
  const detail = text(body.detail);
  return text(body.message) ?? text(body.error_description) ?? (title && detail ? `${title}: ${detail}` : (detail ?? title)) ?? text(body.error);
};

/** The runtime's extractor when a client gives none, and the fallback of those it gives. */
export const defaultErrorMessage: ErrorMessageExtractor = genericErrorMessage;

/** Tries extractors in order and returns the first non-empty result. */
export function firstErrorMessage(...extractors: ErrorMessageExtractor[]): ErrorMessageExtractor {
  return (body, context) => {
    for (const extract of extractors) {
      const message = extract(body, context);
      if (message) return message;
    }
    return undefined;
  };
}

export interface ResponseErrorInput {
  method: string;
  /** Request URL; only its pathname is kept. */
  url: string | URL;
  status: number;
  statusText?: string;
  headers?: Headers;
  /** Raw response body text ("" if none). */
  bodyText?: string;
}

export interface ErrorFactoryOptions {
  errorMessage?: ErrorMessageExtractor | undefined;
  /** Default: the body's `code`. */
  errorCode?: ErrorCodeExtractor | undefined;
  errorClass?: ErrorClassHook | undefined;
  secrets?: SecretRegistry | undefined;
  /** Current time (epoch ms), for `Retry-After` HTTP-dates. Defaults to `Date.now()`. */
  now?: number | undefined;
}

const truncate = (value: string, max: number): string => (value.length > max ? `${value.slice(0, max - 1)}…` : value);

/** Parses a body: JSON value if it parses, else the (possibly empty) text. */
export function parseBody(bodyText: string): unknown {
  if (bodyText.trim() === "") return "";
  try {
    return JSON.parse(bodyText) as unknown;
  } catch {
    return bodyText;
  }
}

/** `GET /v1/regions → 404 Not Found` + `: detail` when there is one. */
export function formatMessage(method: string, path: string, outcome: string, detail?: string): string {
  return `${method} ${path} → ${outcome}${detail ? `: ${detail}` : ""}`;
}

/** `404 Not Found`: the status and its reason phrase. */
export const statusLine = (status: number, statusText?: string): string => `${status} ${reasonPhrase(status, statusText)}`.trim();

function detailOf(body: unknown, status: number, extract: ErrorMessageExtractor | undefined): string | undefined {
  try {
    return extract?.(body, { status }) ?? defaultErrorMessage(body, { status });
  } catch {
    return undefined; // a broken extractor must not break error creation
  }
}

/** Builds the typed error for a non-2xx response. Secrets are scrubbed from every field. */
export function errorFromResponse(input: ResponseErrorInput, options: ErrorFactoryOptions = {}): HttpError {
  const { secrets } = options;
  const redact = (value: string): string => redactText(value, secrets);
  const method = input.method.toUpperCase();
  const path = redact(safePath(input.url));
  const headers = input.headers ?? new Headers();
  const parsed = parseBody(input.bodyText ?? "");
  const body = redactValue(typeof parsed === "string" ? truncate(parsed, 10_000) : parsed, secrets);
  const status = input.status;
  const found = detailOf(body, status, options.errorMessage);
  // redacted before its whitespace is folded: a multi-line secret (a PEM) must still match
  const detail = found === undefined ? undefined : truncate(redact(found).replace(/\s+/g, " ").trim(), 300);
  const message = formatMessage(method, path, statusLine(status, input.statusText), detail);
  const code = (options.errorCode ?? ((b: unknown) => (isObject(b) ? scalar(b.code) : undefined)))(body);
  // A server may echo anything into x-request-id, even a credential: scrub it like the body.
  const requestId = requestIdFrom(headers);
  const fields = {
    method,
    path,
    status,
    body,
    requestId: requestId === undefined ? undefined : redact(requestId),
    code: code === undefined ? undefined : redact(code),
  };
  const own = options.errorClass?.({ message, fields, body, detail });
  if (own) return own;
  if (status === 422) return new UnprocessableEntityError(message, { ...fields, fieldErrors: parseFieldErrors(body) });
  if (status === 429) return new RateLimitError(message, { ...fields, retryAfterMs: parseRetryAfter(headers.get("retry-after"), options.now ?? Date.now()) });
  const Class = CLASS_OF_STATUS[status] ?? (status >= 500 && status <= 599 ? ServerError : HttpError);
  return new Class(message, fields);
}

/** The runtime's classes of the statuses that carry no extra field (422 and 429 do). */
const CLASS_OF_STATUS: Readonly<Record<number, typeof HttpError>> = { 400: BadRequestError, 401: UnauthorizedError, 403: ForbiddenError, 404: NotFoundError };
