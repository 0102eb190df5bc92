/**
 * Typed errors thrown by the fetch pipeline. Every error carries only
 * redacted, request-independent data: method, URL pathname, status, parsed
 * (redacted) body, request id. Never the Request, its headers or its URL query.
 */
import { parseRetryAfter, reasonPhrase, requestIdFrom, safePath } from "./http.js";
import { redactText, redactValue, type SecretRegistry } from "./redact.js";

/** Common fields of every runtime error. */
export interface ApiErrorFields {
  /** HTTP method, upper-case. */
  method: string;
  /** URL pathname of the request (no query string, no host). */
  path: string;
  /** HTTP status, or undefined when no response was received. */
  status?: number | undefined;
  /** Parsed error body (JSON value if parseable, else text), redacted. */
  body?: unknown;
  /** Server request id (`x-request-id`, `x-openstack-request-id`), if any. */
  requestId?: string | undefined;
  /** Machine-readable error code from the body (`error_code`, `code`), if any. */
  code?: string | undefined;
  /** Sanitized underlying error (see `sanitizeError`). */
  cause?: Error | undefined;
}

function setName(ctor: { prototype: Error }, name: string): void {
  Object.defineProperty(ctor.prototype, "name", { value: name, enumerable: false, configurable: true, writable: true });
}

/** Base class of every error the runtime throws for a request. */
export class ApiError extends Error {
  readonly method: string;
  readonly path: string;
  readonly status: number | undefined;
  readonly body: unknown;
  readonly requestId: string | undefined;
  readonly code: string | undefined;

  constructor(message: string, fields: ApiErrorFields) {
    super(message, fields.cause === undefined ? undefined : { cause: fields.cause });
    this.method = fields.method;
    this.path = fields.path;
    this.status = fields.status;
    this.body = fields.body;
    this.requestId = fields.requestId;
    this.code = fields.code;
  }

  /** Stable, secret-free JSON form (`message` and `name` are not enumerable on Errors). */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) out[key] = value;
    return out;
  }
}
setName(ApiError, "ApiError");

/** A non-2xx HTTP response. `status` is always set. */
export class HttpError extends ApiError {
  declare readonly status: number;
}
setName(HttpError, "HttpError");

export class BadRequestError extends HttpError {
  declare readonly status: 400;
}
setName(BadRequestError, "BadRequestError");

export class UnauthorizedError extends HttpError {
  declare readonly status: 401;
}
setName(UnauthorizedError, "UnauthorizedError");

/** 401 whose body says `"OTP Required"`: the account has 2FA; retry the login with an OTP. */
export class OtpRequiredError extends UnauthorizedError {}
setName(OtpRequiredError, "OtpRequiredError");

export class PaymentRequiredError extends HttpError {
  declare readonly status: 402;
  /** Where the user can fix billing (Scalingo sends `url`), if given. */
  readonly url: string | undefined;
  constructor(message: string, fields: ApiErrorFields & { url?: string | undefined }) {
    super(message, fields);
    this.url = fields.url;
  }
}
setName(PaymentRequiredError, "PaymentRequiredError");

export class ForbiddenError extends HttpError {
  declare readonly status: 403;
}
setName(ForbiddenError, "ForbiddenError");

export class NotFoundError extends HttpError {
  declare readonly status: 404;
  /** Kind of resource that was not found (Scalingo sends `resource`), if given. */
  readonly resource: string | undefined;
  constructor(message: string, fields: ApiErrorFields & { resource?: string | undefined }) {
    super(message, fields);
    this.resource = fields.resource;
  }
}
setName(NotFoundError, "NotFoundError");

export class UnprocessableEntityError extends HttpError {
  declare readonly status: 422;
  /** Validation errors by field (`{"errors": {"name": ["can't be blank"]}}`); empty if none. */
  readonly fieldErrors: Record<string, string[]>;
  constructor(message: string, fields: ApiErrorFields & { fieldErrors?: Record<string, string[]> | undefined }) {
    super(message, fields);
    this.fieldErrors = fields.fieldErrors ?? {};
  }
}
setName(UnprocessableEntityError, "UnprocessableEntityError");

export class RateLimitError extends HttpError {
  declare readonly status: 429;
  /** Milliseconds the server asked to wait (`Retry-After` seconds or HTTP-date), if given. */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, fields: ApiErrorFields & { retryAfterMs?: number | undefined }) {
    super(message, fields);
    this.retryAfterMs = fields.retryAfterMs;
  }
}
setName(RateLimitError, "RateLimitError");

/** Any 5xx. */
export class ServerError extends HttpError {}
setName(ServerError, "ServerError");

/** A 2xx whose body is not what it claims to be (e.g. `application/json` that does not parse). */
export class InvalidResponseError extends HttpError {}
setName(InvalidResponseError, "InvalidResponseError");

/** The request failed without an HTTP response (DNS, refused, reset, TLS…). */
export class ConnectionError extends ApiError {
  declare readonly status: undefined;
  /**
   * True when the failure provably happened before any byte of the request
   * was sent (e.g. `ECONNREFUSED`, `ENOTFOUND`), so even a POST can be retried.
   */
  readonly neverSent: boolean;
  constructor(message: string, fields: ApiErrorFields & { neverSent?: boolean }) {
    super(message, { ...fields, status: undefined });
    this.neverSent = fields.neverSent ?? false;
  }
}
setName(ConnectionError, "ConnectionError");

/** The per-attempt timeout elapsed. Retryable for idempotent requests. */
export class TimeoutError extends ConnectionError {
  readonly timeoutMs: number;
  constructor(message: string, fields: ApiErrorFields & { timeoutMs: number }) {
    super(message, { ...fields, neverSent: false });
    this.timeoutMs = fields.timeoutMs;
  }
}
setName(TimeoutError, "TimeoutError");

/** The caller's AbortSignal fired. Never retried. Named `AbortError` like the DOM one. */
export class AbortError extends ApiError {
  declare readonly status: undefined;
}
setName(AbortError, "AbortError");

// ---------------------------------------------------------------------------
// Message extraction (pluggable per API)
// ---------------------------------------------------------------------------

export interface ErrorMessageContext {
  status: number;
}

/** Extracts a human-readable detail from a parsed error body; undefined if it doesn't recognise the shape. */
export type ErrorMessageExtractor = (body: unknown, context: ErrorMessageContext) => string | undefined;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);
const scalar = (v: unknown): string | undefined =>
  typeof v === "number" && Number.isFinite(v) ? String(v) : str(v);

/** `{"errors": {"field": ["msg", …]}}` (or string values) → record; undefined if not that shape. */
export function parseFieldErrors(body: unknown): Record<string, string[]> | undefined {
  if (!isObj(body) || !isObj(body.errors)) return undefined;
  const out: Record<string, string[]> = {};
  for (const [field, v] of Object.entries(body.errors)) {
    const list = Array.isArray(v) ? v : [v];
    const msgs = list.map((m) => str(m) ?? (isObj(m) ? str(m.message) : undefined)).filter((m): m is string => !!m);
    if (msgs.length > 0) out[field] = msgs;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Scalingo: `{"error": "…"}`, `{"errors": {"field": ["…"]}}`, `{"errors": ["…"]}`. */
export const scalingoErrorMessage: ErrorMessageExtractor = (body) => {
  if (!isObj(body)) return undefined;
  const error = str(body.error);
  const fields = parseFieldErrors(body);
  const fieldText = fields
    ? Object.entries(fields)
        .map(([f, msgs]) => `${f} ${msgs.join(", ")}`)
        .join("; ")
    : Array.isArray(body.errors)
      ? body.errors.map(str).filter(Boolean).join("; ") || undefined
      : undefined;
  if (error && fieldText) return `${error} (${fieldText})`;
  return error ?? fieldText;
};

/** Keystone / OpenStack: `{"error": {"message": "…", "code": 401, "title": "Unauthorized"}}`. */
export const keystoneErrorMessage: ErrorMessageExtractor = (body) => {
  if (!isObj(body) || !isObj(body.error)) return undefined;
  return str(body.error.message) ?? str(body.error.title);
};

/** Huawei API gateway: `{"error_msg": "…", "error_code": "APIGW.0301"}`. */
export const gatewayErrorMessage: ErrorMessageExtractor = (body) => {
  if (!isObj(body)) return undefined;
  const msg = str(body.error_msg);
  if (!msg) return undefined;
  const code = scalar(body.error_code);
  return code ? `${msg} (${code})` : msg;
};

/** Rainbond: `{"code": 400, "msg": "…", "msg_show": "…", "detail": "…"}`. */
export const rainbondErrorMessage: ErrorMessageExtractor = (body) => {
  if (!isObj(body)) return undefined;
  const msg = str(body.msg);
  const show = str(body.msg_show);
  const detail = str(body.detail);
  if (msg && show && msg !== show) return `${msg} (${show})`;
  // `{"detail": "…"}` alone is Rainbond's Django REST style; with a `title` it is RFC 7807 (generic).
  return msg ?? show ?? (str(body.title) ? undefined : detail);
};

/** Generic shapes: `{"message"}`, RFC 7807 `{"title","detail"}`, OAuth `{"error_description"}`, plain text. */
export const genericErrorMessage: ErrorMessageExtractor = (body) => {
  if (typeof body === "string") {
    const text = body.trim();
    if (text === "" || text.startsWith("<")) return undefined; // empty or an HTML error page
    return text.split("\n", 1)[0];
  }
  if (!isObj(body)) return undefined;
  const problem = str(body.title) && str(body.detail) ? `${str(body.title)}: ${str(body.detail)}` : undefined;
  return str(body.message) ?? str(body.error_description) ?? problem ?? str(body.detail) ?? str(body.title) ?? str(body.error);
};

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

/** Default extractor: Scalingo, Keystone, API gateway, Rainbond, then generic shapes. */
export const defaultErrorMessage: ErrorMessageExtractor = firstErrorMessage(
  scalingoErrorMessage,
  keystoneErrorMessage,
  gatewayErrorMessage,
  rainbondErrorMessage,
  genericErrorMessage,
);

// ---------------------------------------------------------------------------
// Factory
// ---------------------------------------------------------------------------

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
  secrets?: SecretRegistry | undefined;
  /** Current time (epoch ms), for `Retry-After` HTTP-dates. Defaults to `Date.now()`. */
  now?: number | undefined;
}

const MAX_DETAIL = 300;
const MAX_BODY_TEXT = 10_000;

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Parses a body: JSON value if it parses, else the (possibly empty) text. */
export function parseBody(text: string): unknown {
  if (text.trim() === "") return "";
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** `GET /v1/regions → 404 Not Found` + `: detail` when there is one. */
export function formatMessage(method: string, path: string, outcome: string, detail?: string): string {
  return `${method} ${path} → ${outcome}${detail ? `: ${detail}` : ""}`;
}

/** Builds the typed error for a non-2xx response. Secrets are scrubbed from every field. */
export function errorFromResponse(input: ResponseErrorInput, options: ErrorFactoryOptions = {}): HttpError {
  const { secrets } = options;
  const method = input.method.toUpperCase();
  const path = redactText(safePath(input.url), secrets);
  const headers = input.headers ?? new Headers();
  const rawText = input.bodyText ?? "";
  const parsed = parseBody(rawText);
  const body = redactValue(typeof parsed === "string" ? truncate(parsed, MAX_BODY_TEXT) : parsed, secrets);
  const status = input.status;

  const extract = options.errorMessage ?? defaultErrorMessage;
  let detail: string | undefined;
  try {
    detail = extract(body, { status }) ?? (options.errorMessage ? defaultErrorMessage(body, { status }) : undefined);
  } catch {
    detail = undefined;
  }
  if (detail !== undefined) detail = truncate(redactText(detail.replace(/\s+/g, " ").trim(), secrets), MAX_DETAIL);

  const reason = reasonPhrase(status, input.statusText);
  const message = formatMessage(method, path, `${status}${reason ? ` ${reason}` : ""}`, detail);
  const obj = isObj(body) ? body : undefined;
  const code = obj ? (scalar(obj.error_code) ?? (isObj(obj.error) ? scalar(obj.error.code) : undefined) ?? scalar(obj.code)) : undefined;
  // A server may echo anything into x-request-id, even a credential: scrub it like the body.
  const rawRequestId = requestIdFrom(headers);
  const requestId = rawRequestId === undefined ? undefined : redactText(rawRequestId, secrets);
  const fields: ApiErrorFields = { method, path, status, body, requestId, code: code === undefined ? undefined : redactText(String(code), secrets) };

  switch (status) {
    case 400:
      return new BadRequestError(message, fields);
    case 401: {
      const otp = [obj ? str(obj.error) : undefined, detail].some((t) => t !== undefined && /\bOTP required\b/i.test(t));
      return otp ? new OtpRequiredError(message, fields) : new UnauthorizedError(message, fields);
    }
    case 402:
      return new PaymentRequiredError(message, { ...fields, url: obj ? str(obj.url) : undefined });
    case 403:
      return new ForbiddenError(message, fields);
    case 404:
      return new NotFoundError(message, { ...fields, resource: obj ? str(obj.resource) : undefined });
    case 422:
      return new UnprocessableEntityError(message, { ...fields, fieldErrors: parseFieldErrors(body) });
    case 429:
      return new RateLimitError(message, {
        ...fields,
        retryAfterMs: parseRetryAfter(headers.get("retry-after"), options.now ?? Date.now()),
      });
    default:
      return status >= 500 && status <= 599 ? new ServerError(message, fields) : new HttpError(message, fields);
  }
}
