/**
 * The generic client runtime the per-API entries are built on: HTTP, retries, timeouts, auth
 * strategies, typed errors and redaction, and no platform (each entry plugs its own rules in
 * through the hooks below). Runs in Node 20+ and modern browsers (no Node-only APIs). Every
 * default is listed once, in the package README ("Defaults").
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
  ForbiddenError,
  HttpError,
  InvalidResponseError,
  named,
  NotFoundError,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnauthorizedError,
  UnprocessableEntityError,
  type ApiErrorFields,
} from "./errors.js";
export {
  defaultErrorMessage,
  errorFromResponse,
  firstErrorMessage,
  genericErrorMessage,
  parseFieldErrors,
  type ErrorClassHook,
  type ErrorClassInput,
  type ErrorCodeExtractor,
  type ErrorFactoryOptions,
  type ErrorMessageContext,
  type ErrorMessageExtractor,
  type ResponseErrorInput,
} from "./error-response.js";
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
export { DEFAULT_MAX_PAGES, paginate, paginatePages, PaginationError, type Page, type PaginateOptions } from "./pagination.js";
export { systemClock, type Clock, type Sleep } from "./clock.js";
export { parseRetryAfter } from "./http.js";
export { raceAbort } from "./abort.js";
export { isObject, scalar, text, type JsonObject } from "./shape.js";
export {
  basePathOf,
  bodyPart,
  callInit,
  invalidResponse,
  isArray,
  lateTokenCache,
  normalizeBaseUrl,
  requireJsonBody,
  type CallOptions,
} from "./scaffold.js";
