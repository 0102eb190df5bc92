/**
 * Retry policy: which failures are retried, and how long to wait.
 *
 * - Idempotent methods (GET, HEAD, OPTIONS, PUT, DELETE) and requests marked
 *   `retryable` are retried on network errors, timeouts and `retryOnStatus`.
 * - Other methods (POST, PATCH) are retried only on a connection error that
 *   provably happened before the request was sent (`ECONNREFUSED`, DNS…).
 * - Delay: `Retry-After` if the server sent one (capped by `maxRetryAfterMs`),
 *   else exponential backoff with full jitter: `random() * min(maxDelayMs, baseDelayMs * 2^retry)`.
 *
 * The values of {@link DEFAULT_RETRY} are listed in the package README ("Defaults").
 */
import { AbortError, type ApiError, ConnectionError, HttpError } from "./errors.js";

export interface RetryOptions {
  /** Retries after the first attempt. */
  maxRetries?: number;
  /** Backoff base, in ms. */
  baseDelayMs?: number;
  /** Backoff cap, in ms. */
  maxDelayMs?: number;
  /** Cap on a server-requested `Retry-After` wait, in ms. */
  maxRetryAfterMs?: number;
  /** Statuses that are retried. */
  retryOnStatus?: readonly number[];
  /** Treat every request as retryable (e.g. a token exchange client). */
  retryNonIdempotent?: boolean;
}

export type ResolvedRetryOptions = Readonly<Required<RetryOptions>>;

export const DEFAULT_RETRY: ResolvedRetryOptions = Object.freeze({
  maxRetries: 2,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
  retryOnStatus: Object.freeze([408, 429, 500, 502, 503, 504]),
  retryNonIdempotent: false,
});

export function resolveRetryOptions(...layers: ReadonlyArray<RetryOptions | undefined>): ResolvedRetryOptions {
  const out: Required<RetryOptions> = { ...DEFAULT_RETRY };
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer ?? {})) if (value !== undefined) Object.assign(out, { [key]: value });
  }
  out.maxRetries = Math.max(0, Math.floor(out.maxRetries));
  return out;
}

export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

export function isIdempotent(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

/** Error codes that prove the request never left the client (connect/DNS failures). */
export const NEVER_SENT_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** Failures that will not go away by retrying (bad TLS certificate, …). */
const PERMANENT_CODE =
  /^(?:CERT_|ERR_TLS_)|^(?:DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|ERR_INVALID_URL)$/;

/** Finds the first system error code (`ECONNREFUSED`, `UND_ERR_SOCKET`…) in an error's cause chain. */
export function networkErrorCode(err: unknown, depth = 0): string | undefined {
  if (typeof err !== "object" || err === null || depth > 5) return undefined;
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === "string" && e.code !== "") return e.code;
  const fromCause = networkErrorCode(e.cause, depth + 1);
  if (fromCause) return fromCause;
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const code = networkErrorCode(inner, depth + 1);
      if (code) return code;
    }
  }
  return undefined;
}

export function isNeverSentCode(code: string | undefined): boolean {
  return code !== undefined && NEVER_SENT_CODES.has(code);
}

export interface RetryDecisionInput {
  error: ApiError;
  method: string;
  /** Request explicitly marked retryable (safe to replay even if non-idempotent). */
  retryable: boolean;
  /** Retries already done (0 on the first failure). */
  retriesDone: number;
  options: ResolvedRetryOptions;
}

/** Whether a failed attempt should be retried. */
export function shouldRetry({ error, method, retryable, retriesDone, options }: RetryDecisionInput): boolean {
  if (retriesDone >= options.maxRetries) return false;
  if (error instanceof AbortError) return false;
  const replayable = retryable || options.retryNonIdempotent || isIdempotent(method);
  if (error instanceof ConnectionError) {
    if (error.code !== undefined && PERMANENT_CODE.test(error.code)) return false;
    return replayable || error.neverSent;
  }
  if (error instanceof HttpError) {
    return replayable && options.retryOnStatus.includes(error.status);
  }
  return false;
}

/** Full-jitter exponential backoff for retry number `retry` (0-based). */
export function backoffDelay(retry: number, options: ResolvedRetryOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * ceiling);
}

/** Delay before retry number `retry`: the server's `Retry-After` (capped) if given, else backoff. */
export function retryDelay(
  retry: number,
  options: ResolvedRetryOptions,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0) {
    return Math.min(retryAfterMs, options.maxRetryAfterMs);
  }
  return backoffDelay(retry, options, random);
}
