/**
 * Generic client runtime shared by the per-API clients (Scalingo, Rainbond,
 * Huawei IAM). Runs in Node 20+ and modern browsers (no Node-only APIs).
 *
 * Defaults:
 * - Retries: 2 retries (3 attempts) for GET/HEAD/OPTIONS/PUT/DELETE and
 *   requests marked `retryable`, on network errors, timeouts and
 *   408/429/500/502/503/504. POST/PATCH are retried only on connection errors
 *   that provably happened before sending (ECONNREFUSED, ENOTFOUND, …).
 * - Backoff: full jitter, `random() * min(8 000 ms, 500 ms * 2^retry)`;
 *   `Retry-After` (seconds or HTTP-date) wins, capped at 30 000 ms.
 * - Timeout: 30 000 ms per attempt (`timeoutMs`; 0 disables); the caller's
 *   AbortSignal aborts at once and is never retried.
 * - Auth: one replay after a 401 with refreshed credentials (never loops;
 *   not for "OTP Required"). Token refresh margin: 5 min before `exp`
 *   (at most half the token's lifetime), single-flight.
 * - TLS: base/request URLs must be https:, except http: on loopback.
 * - Redirects: not followed (a 3xx is an error) unless `followRedirects`.
 * - Pagination: at most 1 000 pages.
 * - Errors: non-2xx throws a typed, redacted `ApiError` subclass; secrets
 *   registered in the `SecretRegistry` (and credential-looking patterns) never
 *   appear in messages, bodies, causes or log lines.
 */
export {
  createFetch,
  type FetchLike,
  type FetchPipelineOptions,
  type JsonBodyHook,
  type LogEntry,
  type LogLevel,
  type Logger,
  type PipelineFetch,
  type RequestOverrides,
} from "./fetch-pipeline.js";
export {
  asApiClient,
  createApiClient,
  type ApiClient,
  type ApiClientOptions,
  type ApiMethod,
  type ApiRequestMethod,
  type ApiResult,
} from "./client.js";
export {
  AbortError,
  ApiError,
  BadRequestError,
  ConnectionError,
  defaultErrorMessage,
  errorFromResponse,
  firstErrorMessage,
  ForbiddenError,
  gatewayErrorMessage,
  genericErrorMessage,
  HttpError,
  InvalidResponseError,
  keystoneErrorMessage,
  NotFoundError,
  OtpRequiredError,
  parseFieldErrors,
  PaymentRequiredError,
  rainbondErrorMessage,
  RateLimitError,
  scalingoErrorMessage,
  ServerError,
  TimeoutError,
  UnauthorizedError,
  UnprocessableEntityError,
  type ApiErrorFields,
  type ErrorFactoryOptions,
  type ErrorMessageContext,
  type ErrorMessageExtractor,
  type ResponseErrorInput,
} from "./errors.js";
export { REDACTED, redactText, redactValue, sanitizeError, SecretRegistry } from "./redact.js";
export {
  backoffDelay,
  DEFAULT_RETRY,
  isIdempotent,
  retryDelay,
  shouldRetry,
  type ResolvedRetryOptions,
  type RetryOptions,
} from "./retry.js";
export { DEFAULT_TIMEOUT_MS } from "./timeout.js";
export {
  base64Encode,
  basicAuth,
  bearerAuth,
  DEFAULT_REFRESH_MARGIN_MS,
  headerAuth,
  TokenCache,
  tokenAuth,
  tokenFromJwt,
  type AuthStrategy,
  type Token,
  type TokenAuthOptions,
  type TokenCacheOptions,
} from "./auth.js";
export { decodeJwtPayload, jwtExpiresAt } from "./jwt.js";
export { assertSecureUrl, InsecureUrlError, isLoopbackHost } from "./tls.js";
export {
  DEFAULT_MAX_PAGES,
  paginate,
  paginatePages,
  PaginationError,
  type Page,
  type PaginateOptions,
  type PaginationMeta,
} from "./pagination.js";
export { systemClock, type Clock, type Sleep } from "./clock.js";
export { parseRetryAfter } from "./http.js";
