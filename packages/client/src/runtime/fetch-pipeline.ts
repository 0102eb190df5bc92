/**
 * The request pipeline: a `fetch`-compatible function for openapi-fetch that
 * adds auth headers, a per-attempt timeout, retries with backoff, a single
 * re-auth on 401, the TLS rule, and turns every non-2xx (or network failure)
 * into a thrown, typed, redacted {@link ApiError}.
 */
import type { AuthStrategy } from "./auth.js";
import { sleeper, systemClock, type Clock, type Sleep } from "./clock.js";
import {
  AbortError,
  ApiError,
  ConnectionError,
  errorFromResponse,
  formatMessage,
  InvalidResponseError,
  OtpRequiredError,
  TimeoutError,
  type ErrorMessageExtractor,
} from "./errors.js";
import { isJsonContentType, parseRetryAfter, reasonPhrase, requestIdFrom, safePath } from "./http.js";
import { redactText, sanitizeError, SecretRegistry } from "./redact.js";
import {
  isNeverSentCode,
  networkErrorCode,
  resolveRetryOptions,
  retryDelay,
  shouldRetry,
  type ResolvedRetryOptions,
  type RetryOptions,
} from "./retry.js";
import { attemptSignal, DEFAULT_TIMEOUT_MS, type AttemptSignal } from "./timeout.js";
import { assertSecureUrl, InsecureUrlError } from "./tls.js";
import { raceAbort } from "./abort.js";
import { answerFromText } from "./read-body.js";

/** What the pipeline calls to send a request (`globalThis.fetch` by default). */
export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

export type LogLevel = "debug" | "info" | "warn" | "error";

/** One log event. `message` is a single, already redacted line. */
export interface LogEntry {
  level: LogLevel;
  message: string;
  method: string;
  /** URL pathname (no query). */
  path: string;
  /** 1-based attempt number. */
  attempt: number;
  status?: number;
  durationMs?: number;
  /** Wait before the next attempt. */
  delayMs?: number;
}

export type Logger = (entry: LogEntry) => void;

/** Sees a parsed 2xx JSON body before the caller does (`method` upper-case, `url` as sent). */
export type JsonBodyHook = (body: unknown, response: { method: string; url: string; status: number }) => void;

/** Per-request overrides, applied with `pipelineFetch.with({...})`. */
export interface RequestOverrides {
  /** Per-attempt timeout; 0 disables. */
  timeoutMs?: number;
  /** Marks a non-idempotent request safe to replay (e.g. a token exchange that creates nothing). */
  retryable?: boolean;
  /** Retry settings for this request (merged over the client's). */
  retry?: RetryOptions;
  /** `false`: send without the client's auth strategy (public endpoint). */
  auth?: boolean;
}

export interface FetchPipelineOptions {
  /** If given, checked against the TLS rule up front (every request URL is checked anyway). */
  baseUrl?: string;
  /** Underlying fetch. Default `globalThis.fetch` (looked up at call time). */
  fetch?: FetchLike;
  auth?: AuthStrategy;
  /** Retry settings, or `false` to disable retries. */
  retry?: RetryOptions | false;
  /** Per-attempt timeout in ms. Default 30 000; 0 disables. */
  timeoutMs?: number;
  /** Default headers, set when the request doesn't already have them. */
  headers?: HeadersInit;
  /** `User-Agent` to send (ignored by browsers). */
  userAgent?: string;
  /** Receives redacted log lines. Exceptions thrown by it are swallowed. */
  onLog?: Logger;
  /**
   * Called with every parsed 2xx JSON body, e.g. to register a secret the response hands out so
   * that it is redacted from then on. Exceptions thrown by it are swallowed.
   */
  onJsonBody?: JsonBodyHook;
  /** Per-API error-body message extraction. Default: `defaultErrorMessage`. */
  errorMessage?: ErrorMessageExtractor;
  /** Registry of secrets to scrub; shared with the auth strategy. Default: a new one. */
  secrets?: SecretRegistry;
  /**
   * Follow HTTP redirects. Default false: a 3xx surfaces as an error, because
   * custom auth headers (`X-Auth-Token`, raw keys) would be replayed to the
   * redirect target.
   */
  followRedirects?: boolean;
  /** Time source (tests). */
  clock?: Clock;
  /** Backoff sleep (tests). Default: abortable sleep on `clock`. */
  sleep?: Sleep;
  /** Jitter source in [0, 1) (tests). Default `Math.random`. */
  random?: () => number;
}

/** A fetch function for openapi-fetch, with per-request overrides. */
export interface PipelineFetch {
  (input: Request, init?: RequestInit): Promise<Response>;
  /** The same pipeline with per-request overrides (pass as openapi-fetch's per-request `fetch`). */
  with(overrides: RequestOverrides): PipelineFetch;
  /** The registry secrets are scrubbed with (register extra secrets here). */
  readonly secrets: SecretRegistry;
}

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

const isPromiseLike = <T>(value: T | PromiseLike<T>): value is PromiseLike<T> =>
  typeof (value as { then?: unknown } | null | undefined)?.then === "function";

/** `JSON.parse` of a 2xx body: undefined when it is empty, `invalid()` thrown when it does not parse. */
function parseJsonBody(text: string, invalid: () => Error): { value: unknown } | undefined {
  if (text.trim() === "") return undefined;
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    throw invalid();
  }
}

/** Sets every header of `init` on `headers` (a record is walked directly: no `Headers` copy). */
function setHeaders(headers: Headers, init: HeadersInit): void {
  if (init instanceof Headers || Array.isArray(init)) {
    new Headers(init).forEach((value, name) => {
      headers.set(name, value);
    });
    return;
  }
  for (const name of Object.keys(init)) {
    const value = (init as Record<string, string | undefined>)[name];
    if (value !== undefined) headers.set(name, value);
  }
}

function deepestMessage(err: unknown): string | undefined {
  let current: unknown = err;
  let message: string | undefined;
  for (let i = 0; i < 6 && typeof current === "object" && current !== null; i++) {
    const e = current as { message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof e.message === "string" && e.message.trim() !== "") message = e.message.trim();
    current = e.cause ?? (Array.isArray(e.errors) ? e.errors[0] : undefined);
  }
  return message;
}

/** Builds the pipeline. See {@link FetchPipelineOptions} for defaults. */
export function createFetch(options: FetchPipelineOptions = {}): PipelineFetch {
  if (options.baseUrl !== undefined) assertSecureUrl(options.baseUrl);
  const secrets = options.secrets ?? new SecretRegistry();
  options.auth?.useSecrets?.(secrets);
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? sleeper(clock);
  const random = options.random ?? Math.random;
  const baseRetry = options.retry === false ? { maxRetries: 0 } : options.retry;
  const defaultHeaders = new Headers(options.headers);
  if (options.userAgent && !defaultHeaders.has("user-agent")) defaultHeaders.set("user-agent", options.userAgent);
  const redact = (text: string): string => redactText(text, secrets);
  const customFetch = options.fetch;

  const log = (entry: LogEntry): void => {
    if (!options.onLog) return;
    try {
      options.onLog({ ...entry, message: redact(entry.message), path: redact(entry.path) });
    } catch {
      // a broken logger must not break requests
    }
  };

  /** What a set of overrides resolves to; worked out once per `with()`, not per request. */
  interface Settings {
    retry: ResolvedRetryOptions;
    retryable: boolean;
    timeoutMs: number;
    auth: AuthStrategy | undefined;
  }
  const settingsOf = (overrides: RequestOverrides): Settings => ({
    retry: resolveRetryOptions(baseRetry, overrides.retry),
    retryable: overrides.retryable ?? false,
    timeoutMs: overrides.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    auth: overrides.auth === false ? undefined : options.auth,
  });

  async function send(original: Request, settings: Settings, init: RequestInit | undefined): Promise<Response> {
    const { retry, retryable, timeoutMs, auth } = settings;
    const method = original.method.toUpperCase();
    const url = assertSecureUrl(original.url, "request");
    // the redacted path only matters for errors and log lines: worked out on first use
    let redactedPath: string | undefined;
    const pathOf = (): string => (redactedPath ??= redact(safePath(url)));
    const fieldsOf = (): { method: string; path: string } => ({ method, path: pathOf() });
    const userSignal = original.signal;
    const aborted = (): AbortError => new AbortError(formatMessage(method, pathOf(), "aborted by the caller"), fieldsOf());

    if (userSignal.aborted) throw aborted();
    const body = original.body === null ? undefined : await original.arrayBuffer();

    let retriesDone = 0;
    let reauthed = false;
    for (let attempt = 1; ; attempt++) {
      // 1. headers: request's own, then defaults if absent, then auth (overrides)
      const headers = new Headers(original.headers);
      defaultHeaders.forEach((value, name) => {
        if (!headers.has(name)) headers.set(name, value);
      });
      if (auth) {
        let authHeaders: HeadersInit | undefined;
        try {
          const authorized = auth.authorize(original);
          // a cached credential comes back as is: no promise, no abort race
          authHeaders = isPromiseLike(authorized) ? await raceAbort(Promise.resolve(authorized), userSignal) : authorized;
        } catch (err) {
          if (userSignal.aborted) throw aborted();
          if (err instanceof ApiError || err instanceof InsecureUrlError) throw err;
          throw sanitizeError(err, secrets);
        }
        if (authHeaders !== undefined) setHeaders(headers, authHeaders);
      }

      // 2. send
      const att = attemptSignal(userSignal, timeoutMs, clock);
      const attemptInit: RequestInit = {
        headers,
        body,
        signal: att.signal,
        redirect: options.followRedirects ? original.redirect : "manual",
      };
      // A custom fetch gets one complete Request, and its promises race the attempt's signal in
      // case it ignores it. The platform fetch builds its own Request from (original, init), so
      // one built here would only be copied again, and it rejects (and errors the body) on abort.
      let request: Request | undefined;
      // for the auth strategy after a 401: what was sent, minus the body (already read from `original`)
      const sentRequest = (): Request => (request ??= new Request(original.url, { method, headers }));
      const started = clock.now();
      let error: ApiError | undefined;
      let retryAfterMs: number | undefined;
      let response: Response | undefined;
      try {
        if (customFetch) {
          request = new Request(original, attemptInit);
          response = await raceAbort(init === undefined ? customFetch(request) : customFetch(request, init), att.signal);
        } else {
          response = await globalThis.fetch(original, init === undefined ? attemptInit : { ...init, ...attemptInit });
        }
      } catch (err) {
        att.dispose();
        error = failure(err, att);
      }

      if (response) {
        const status = response.status;
        const ok = response.ok && response.type !== "opaqueredirect";
        if (options.onLog) {
          const durationMs = clock.now() - started;
          log({
            level: "debug",
            message: `${method} ${pathOf()} → ${status} ${reasonPhrase(status, response.statusText)} in ${durationMs} ms`,
            method,
            path: pathOf(),
            attempt,
            status,
            durationMs,
          });
        }
        if (ok) {
          const contentType = response.headers.get("content-type");
          if (method === "HEAD" || NULL_BODY_STATUS.has(status)) {
            att.dispose();
            return response;
          }
          if (!isJsonContentType(contentType)) {
            att.clearTimer(); // a body the caller streams: keep the caller's signal linked to it
            return response;
          }
          let text: string | undefined;
          try {
            text = await (customFetch ? raceAbort(response.text(), att.signal) : response.text());
          } catch (err) {
            att.dispose();
            error = failure(err, att);
          }
          if (text !== undefined) {
            att.dispose();
            const answered = response;
            const parsed = parseJsonBody(
              text,
              () =>
                new InvalidResponseError(
                  formatMessage(method, pathOf(), `${status} ${reasonPhrase(status, answered.statusText)}`, `response body is not valid JSON (${redact(contentType ?? "")})`),
                  { ...fieldsOf(), status, requestId: requestIdFrom(answered.headers) },
                ),
            );
            if (parsed && options.onJsonBody) {
              try {
                options.onJsonBody(parsed.value, { method, url: original.url, status });
              } catch {
                // an observer must not break the request
              }
            }
            return answerFromText(response, text, parsed);
          }
        } else {
          let bodyText = "";
          try {
            bodyText = response.type === "opaqueredirect" ? "" : await raceAbort(response.text(), att.signal);
          } catch {
            if (att.userAborted || userSignal.aborted) {
              att.dispose();
              throw aborted();
            }
            // body lost (timeout, reset): the status alone still makes a typed error
          }
          att.dispose();
          if (response.type === "opaqueredirect") {
            throw new ApiError(formatMessage(method, pathOf(), "unexpected redirect (redirects are not followed)"), fieldsOf());
          }
          error = errorFromResponse(
            { method, url, status, statusText: response.statusText, headers: response.headers, bodyText },
            { errorMessage: options.errorMessage, secrets, now: clock.now() },
          );
          retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), clock.now());

          // 3. one re-auth on 401 (not for an OTP challenge)
          if (status === 401 && auth?.onUnauthorized && !reauthed && !(error instanceof OtpRequiredError)) {
            reauthed = true;
            let replay = false;
            try {
              replay = await auth.onUnauthorized(sentRequest());
            } catch {
              replay = false;
            }
            if (replay) {
              log({ level: "info", message: `${method} ${pathOf()} → 401; refreshing credentials and replaying once`, method, path: pathOf(), attempt, status });
              continue;
            }
          }
        }
      }

      // 4. retry or give up
      const failed = error;
      if (failed === undefined) throw new Error("fetch pipeline: unreachable state");
      if (failed instanceof AbortError) throw failed;
      if (shouldRetry({ error: failed, method, retryable, retriesDone, options: retry })) {
        const delayMs = Math.max(0, Math.round(retryDelay(retriesDone, retry, retryAfterMs, random)));
        retriesDone += 1;
        log({
          level: "warn",
          message: `${failed.message}; retrying in ${delayMs} ms (retry ${retriesDone}/${retry.maxRetries})`,
          method,
          path: pathOf(),
          attempt,
          ...(failed.status === undefined ? {} : { status: failed.status }),
          delayMs,
        });
        try {
          await sleep(delayMs, userSignal);
        } catch {
          throw aborted();
        }
        if (userSignal.aborted) throw aborted();
        continue;
      }
      log({
        level: "debug",
        message: `${failed.message} (giving up after ${attempt} attempt${attempt === 1 ? "" : "s"})`,
        method,
        path: pathOf(),
        attempt,
        ...(failed.status === undefined ? {} : { status: failed.status }),
      });
      throw failed;
    }

    function failure(err: unknown, att: AttemptSignal): ApiError {
      if (att.userAborted || userSignal.aborted) return aborted();
      const name = typeof err === "object" && err !== null ? (err as { name?: unknown }).name : undefined;
      if (att.timedOut || name === "TimeoutError") {
        return new TimeoutError(formatMessage(method, pathOf(), `timed out after ${timeoutMs} ms`), { ...fieldsOf(), timeoutMs });
      }
      const code = networkErrorCode(err);
      const cause = sanitizeError(err, secrets);
      const detail = redact(deepestMessage(err) ?? code ?? "network error");
      return new ConnectionError(formatMessage(method, pathOf(), "connection failed", detail), {
        ...fieldsOf(),
        code,
        neverSent: isNeverSentCode(code),
        cause,
      });
    }
  }

  const make = (overrides: RequestOverrides): PipelineFetch => {
    const settings = settingsOf(overrides);
    const fn = ((input: Request, init?: RequestInit) => send(input, settings, init)) as PipelineFetch;
    Object.defineProperty(fn, "with", {
      value: (more: RequestOverrides): PipelineFetch =>
        make({ ...overrides, ...more, retry: { ...overrides.retry, ...more.retry } }),
    });
    Object.defineProperty(fn, "secrets", { value: secrets });
    return fn;
  };
  return make({});
}
