/**
 * The typed errors a request can throw. Every error carries only redacted, request-independent
 * data: method, URL pathname, status, parsed (redacted) body, request id, code. Never the
 * Request, its headers or its URL query. A platform adds its own subclasses through the
 * pipeline's `errorClass` hook (see error-response.ts).
 */

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
  /** Machine-readable error code from the body, if any. */
  code?: string | undefined;
  /** Sanitized underlying error (see `sanitizeError`). */
  cause?: Error | undefined;
}

/** Gives an error class the `name` its instances report (minifiers rename classes). */
export function named<T extends { prototype: Error }>(ctor: T, name: string): T {
  Object.defineProperty(ctor.prototype, "name", { value: name, configurable: true, writable: true });
  return ctor;
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
    return Object.assign({ name: this.name, message: this.message } as Record<string, unknown>, this);
  }
}
named(ApiError, "ApiError");

/** A non-2xx HTTP response. `status` is always set. */
export class HttpError extends ApiError {
  declare readonly status: number;
}
named(HttpError, "HttpError");

export class BadRequestError extends HttpError {
  declare readonly status: 400;
}
named(BadRequestError, "BadRequestError");

export class UnauthorizedError extends HttpError {
  declare readonly status: 401;
}
named(UnauthorizedError, "UnauthorizedError");

export class ForbiddenError extends HttpError {
  declare readonly status: 403;
}
named(ForbiddenError, "ForbiddenError");

export class NotFoundError extends HttpError {
  declare readonly status: 404;
}
named(NotFoundError, "NotFoundError");

export class UnprocessableEntityError extends HttpError {
  declare readonly status: 422;
  /** Validation errors by field (`{"errors": {"name": ["can't be blank"]}}`); empty if none. */
  readonly fieldErrors: Record<string, string[]>;
  constructor(message: string, fields: ApiErrorFields & { fieldErrors?: Record<string, string[]> | undefined }) {
    super(message, fields);
    this.fieldErrors = fields.fieldErrors ?? {};
  }
}
named(UnprocessableEntityError, "UnprocessableEntityError");

export class RateLimitError extends HttpError {
  declare readonly status: 429;
  /** Milliseconds the server asked to wait (`Retry-After` seconds or HTTP-date), if given. */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, fields: ApiErrorFields & { retryAfterMs?: number | undefined }) {
    super(message, fields);
    this.retryAfterMs = fields.retryAfterMs;
  }
}
named(RateLimitError, "RateLimitError");

/** Any 5xx. */
export class ServerError extends HttpError {}
named(ServerError, "ServerError");

/** A 2xx whose body is not what it claims to be (e.g. `application/json` that does not parse). */
export class InvalidResponseError extends HttpError {}
named(InvalidResponseError, "InvalidResponseError");

/** The request failed without an HTTP response (DNS, refused, reset, TLS…). */
export class ConnectionError extends ApiError {
  declare readonly status: undefined;
  /**
   * True when the failure provably happened before any byte of the request was sent (e.g.
   * `ECONNREFUSED`, `ENOTFOUND`), so even a POST can be retried.
   */
  readonly neverSent: boolean;
  constructor(message: string, fields: ApiErrorFields & { neverSent?: boolean }) {
    super(message, { ...fields, status: undefined });
    this.neverSent = fields.neverSent ?? false;
  }
}
named(ConnectionError, "ConnectionError");

/** The per-attempt timeout elapsed. Retryable for idempotent requests. */
export class TimeoutError extends ConnectionError {
  readonly timeoutMs: number;
  constructor(message: string, fields: ApiErrorFields & { timeoutMs: number }) {
    super(message, { ...fields, neverSent: false });
    this.timeoutMs = fields.timeoutMs;
  }
}
named(TimeoutError, "TimeoutError");

/** The caller's AbortSignal fired. Never retried. Named `AbortError` like the DOM one. */
export class AbortError extends ApiError {
  declare readonly status: undefined;
}
named(AbortError, "AbortError");
