/**
 * The request pipeline: a `fetch` for openapi-fetch that adds auth headers, a per-attempt
 * timeout, retries with backoff, one re-auth on 401 and the TLS rule, and turns every non-2xx
 * (or network failure) into a thrown, typed, redacted {@link ApiError}.
 *
 * Each attempt is four steps, each a small function with one outcome:
 * `prepareHeaders` → `sendAttempt` → `readSuccess` | `readFailure` → `decide`
 * (done, re-auth once, retry after a delay, or give up). `send` ties them together.
 */
import { raceAbort } from "./abort.js";
import { answerFromText } from "./read-body.js";
import type { AuthStrategy } from "./auth.js";
import { sleeper, systemClock, type Clock, type Sleep } from "./clock.js";
import { errorFromResponse, formatMessage, statusLine, type ErrorClassHook, type ErrorCodeExtractor, type ErrorMessageExtractor } from "./error-response.js";
import { AbortError, ApiError, ConnectionError, HttpError, InvalidResponseError, TimeoutError } from "./errors.js";
import { isJsonContentType, parseRetryAfter, requestIdFrom, safePath } from "./http.js";
import { redactText, sanitizeError, SecretRegistry } from "./redact.js";
import { isNeverSentCode, networkErrorCode, resolveRetryOptions, retryDelay, shouldRetry, type ResolvedRetryOptions, type RetryOptions } from "./retry.js";
import { attemptSignal, DEFAULT_TIMEOUT_MS, type AttemptSignal } from "./timeout.js";
import { assertSecureUrl, InsecureUrlError } from "./tls.js";

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

/** The pipeline's options; the defaults are listed once, in the package README. */
export interface FetchPipelineOptions {
  /** If given, checked against the TLS rule up front (every request URL is checked anyway). */
  baseUrl?: string;
  /** Underlying fetch, given one complete `Request` per attempt. Default `globalThis.fetch` (looked up at call time), given the request and the attempt's init. */
  fetch?: FetchLike;
  auth?: AuthStrategy;
  /** Retry settings, or `false` to disable retries. */
  retry?: RetryOptions | false;
  /** Per-attempt timeout in ms; 0 disables. */
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
  /** The platform's error-body message extraction (the runtime's common shapes are the fallback). */
  errorMessage?: ErrorMessageExtractor;
  /** The platform's error-body code extraction. Default: the body's `code`. */
  errorCode?: ErrorCodeExtractor;
  /** The platform's own error classes (e.g. a two-factor challenge). */
  errorClass?: ErrorClassHook;
  /**
   * Requests that are safe to replay although their method is not idempotent (e.g. a token
   * exchange that creates nothing). A `retryable` override wins.
   */
  replayable?: (request: Request) => boolean;
  /** Registry of secrets to scrub; shared with the auth strategy. Default: a new one. */
  secrets?: SecretRegistry;
  /** Follow HTTP redirects. Off by default: custom auth headers would be replayed to the redirect target. */
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

/** What the steps of one attempt can end with. */
type Outcome = { response: Response } | { error: ApiError; retryAfterMs?: number | undefined };

/** What `decide` makes of an outcome. */
type Decision = { done: Response } | { fail: ApiError } | { reauth: true } | { retryInMs: number };

/** One request through the pipeline: what every step needs to know about it. */
interface Call {
  readonly original: Request;
  readonly init: RequestInit | undefined;
  readonly method: string;
  readonly url: URL;
  readonly settings: Settings;
  /** The redacted pathname, for errors and log lines (worked out on first use: a success needs none). */
  readonly path: string;
  attempt: number;
  retriesDone: number;
  reauthed: boolean;
}

/** What a set of overrides resolves to; worked out once per `with()`, not per request. */
interface Settings {
  retry: ResolvedRetryOptions;
  retryable: boolean | undefined;
  timeoutMs: number;
  auth: AuthStrategy | undefined;
}

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

const isPromiseLike = <T>(value: T | PromiseLike<T>): value is PromiseLike<T> => typeof (value as { then?: unknown } | undefined)?.then === "function";

/** The innermost non-empty message of an error's cause chain. */
function deepestMessage(err: unknown): string | undefined {
  let message: string | undefined;
  for (let e = err as { message?: unknown; cause?: unknown; errors?: unknown } | undefined, i = 0; i < 6 && typeof e === "object" && e !== null; i++) {
    if (typeof e.message === "string" && e.message.trim() !== "") message = e.message.trim();
    e = (e.cause ?? (Array.isArray(e.errors) ? e.errors[0] : undefined)) as typeof e;
  }
  return message;
}

/** Builds the pipeline. */
export function createFetch(options: FetchPipelineOptions = {}): PipelineFetch {
  if (options.baseUrl !== undefined) assertSecureUrl(options.baseUrl);
  const { onLog, onJsonBody, replayable, errorMessage, errorCode, errorClass, fetch: injected } = options;
  const secrets = options.secrets ?? new SecretRegistry();
  options.auth?.useSecrets?.(secrets);
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? sleeper(clock);
  const random = options.random ?? Math.random;
  const baseRetry = options.retry === false ? { maxRetries: 0 } : options.retry;
  const defaultHeaders = new Headers(options.headers);
  if (options.userAgent && !defaultHeaders.has("user-agent")) defaultHeaders.set("user-agent", options.userAgent);
  const redact = (value: string): string => redactText(value, secrets);

  const log = (call: Call, entry: Omit<LogEntry, "method" | "path" | "attempt">): void => {
    if (!onLog) return;
    try {
      onLog({ ...entry, message: redact(entry.message), method: call.method, path: call.path, attempt: call.attempt });
    } catch {
      // a broken logger must not break requests
    }
  };
  /** The fields every error of a call carries, and its message: `GET /v1/regions → <outcome>[: detail]`. */
  const fieldsOf = (call: Call) => ({ method: call.method, path: call.path });
  const messageOf = (call: Call, outcome: string, detail?: string): string => formatMessage(call.method, call.path, outcome, detail);
  const aborted = (call: Call): AbortError => new AbortError(messageOf(call, "aborted by the caller"), fieldsOf(call));

  /** Step 1: the request's own headers, then the defaults it lacks, then the auth strategy's. */
  async function prepareHeaders(call: Call): Promise<Headers> {
    const headers = new Headers(call.original.headers);
    defaultHeaders.forEach((value, name) => {
      if (!headers.has(name)) headers.set(name, value);
    });
    const auth = call.settings.auth;
    if (!auth) return headers;
    let added: HeadersInit | undefined;
    try {
      const authorized = auth.authorize(call.original);
      // a cached credential comes back as is: no promise, no abort race
      added = isPromiseLike(authorized) ? await raceAbort(Promise.resolve(authorized), call.original.signal) : authorized;
    } catch (err) {
      if (call.original.signal.aborted) throw aborted(call);
      throw err instanceof ApiError || err instanceof InsecureUrlError ? err : sanitizeError(err, secrets);
    }
    new Headers(added).forEach((value, name) => {
      headers.set(name, value);
    });
    return headers;
  }

  /**
   * Waits for what the transport does with the attempt's signal: the platform fetch honours it
   * (it rejects, and errors the body, on abort); an injected fetch might not, so it is raced.
   */
  const watched = <T>(promise: Promise<T>, att: AttemptSignal): Promise<T> => (injected ? raceAbort(promise, att.signal) : promise);

  /**
   * How an attempt reaches the network, chosen once: the platform fetch copies `(request, init)`
   * into its own Request anyway, so it gets them as they are (building one here would cost a
   * second copy); an injected fetch gets one complete Request.
   */
  const transport = (request: Request, init: RequestInit): Promise<Response> => (injected ? injected(new Request(request, init)) : globalThis.fetch(request, init));

  /** Step 2: the attempt to the transport. */
  async function sendAttempt(call: Call, init: RequestInit, att: AttemptSignal): Promise<Outcome> {
    const started = clock.now();
    let response: Response;
    try {
      response = await watched(transport(call.original, call.init === undefined ? init : { ...call.init, ...init }), att);
    } catch (err) {
      return { error: failure(call, err, att) };
    }
    const durationMs = clock.now() - started;
    const status = response.status;
    if (onLog) log(call, { level: "debug", message: `${call.method} ${call.path} → ${statusLine(status, response.statusText)} in ${durationMs} ms`, status, durationMs });
    return { response };
  }

  /** Step 3a: a 2xx. A JSON body is read under the attempt's timeout and must parse. */
  async function readSuccess(call: Call, response: Response, att: AttemptSignal): Promise<Outcome> {
    const contentType = response.headers.get("content-type");
    if (call.method === "HEAD" || NULL_BODY_STATUS.has(response.status)) {
      att.dispose();
      return { response };
    }
    if (!isJsonContentType(contentType)) {
      att.clearTimer(); // a body the caller streams: keep the caller's signal linked to it
      return { response };
    }
    let body: string;
    try {
      body = await watched(response.text(), att);
    } catch (err) {
      return { error: failure(call, err, att) };
    }
    att.dispose();
    let parsed: { value: unknown } | undefined;
    if (body.trim() !== "") {
      try {
        parsed = { value: JSON.parse(body) };
      } catch {
        const problem = `response body is not valid JSON (${redact(contentType ?? "")})`;
        const fields = { ...fieldsOf(call), status: response.status, requestId: requestIdFrom(response.headers) };
        return { error: new InvalidResponseError(messageOf(call, statusLine(response.status, response.statusText), problem), fields) };
      }
      try {
        onJsonBody?.(parsed.value, { method: call.method, url: call.original.url, status: response.status });
      } catch {
        // an observer must not break the request
      }
    }
    // the response itself answers from the text, json() with the value parsed here: no second
    // Response nor parse (about a sixth of a call on loopback, see read-body.ts)
    return { response: answerFromText(response, body, parsed) };
  }

  /** Step 3b: a non-2xx (or a browser's opaque redirect) becomes the typed error, its body read if it comes. */
  async function readFailure(call: Call, response: Response, att: AttemptSignal): Promise<Outcome> {
    if (response.type === "opaqueredirect") return { error: new ApiError(messageOf(call, "unexpected redirect (redirects are not followed)"), fieldsOf(call)) };
    let bodyText = "";
    try {
      bodyText = await raceAbort(response.text(), att.signal);
    } catch {
      if (att.userAborted || call.original.signal.aborted) return { error: aborted(call) };
      // body lost (timeout, reset): the status alone still makes a typed error
    }
    const { status, statusText, headers } = response;
    const now = clock.now();
    return {
      error: errorFromResponse({ method: call.method, url: call.url, status, statusText, headers, bodyText }, { errorMessage, errorCode, errorClass, secrets, now }),
      retryAfterMs: parseRetryAfter(headers.get("retry-after"), now),
    };
  }

  /** Step 4: done, one re-auth after a 401, a retry after a delay, or give up. */
  async function decide(call: Call, outcome: Outcome, sent: () => Request): Promise<Decision> {
    if ("response" in outcome) return { done: outcome.response };
    const { error } = outcome;
    if (error instanceof AbortError) return { fail: error };
    const { auth, retry } = call.settings;
    const retryable = call.settings.retryable ?? replayable?.(call.original) ?? false;
    if (error instanceof HttpError && error.status === 401 && auth?.onUnauthorized && !call.reauthed) {
      call.reauthed = true;
      const onUnauthorized = auth.onUnauthorized.bind(auth);
      if (await Promise.resolve().then(() => onUnauthorized(sent(), error)).catch(() => false)) {
        log(call, { level: "info", message: `${call.method} ${call.path} → 401; refreshing credentials and replaying once`, status: 401 });
        return { reauth: true };
      }
    }
    const status = error.status === undefined ? {} : { status: error.status };
    if (shouldRetry({ error, method: call.method, retryable, retriesDone: call.retriesDone, options: retry })) {
      const delayMs = Math.max(0, Math.round(retryDelay(call.retriesDone, retry, outcome.retryAfterMs, random)));
      call.retriesDone += 1;
      log(call, { level: "warn", message: `${error.message}; retrying in ${delayMs} ms (retry ${call.retriesDone}/${retry.maxRetries})`, ...status, delayMs });
      return { retryInMs: delayMs };
    }
    const attempts = `${call.attempt} attempt${call.attempt === 1 ? "" : "s"}`;
    log(call, { level: "debug", message: `${error.message} (giving up after ${attempts})`, ...status });
    return { fail: error };
  }

  /** A failed send or body read as the error it stands for: the caller's abort, the timeout, or the connection. */
  function failure(call: Call, err: unknown, att: AttemptSignal): ApiError {
    if (att.userAborted || call.original.signal.aborted) return aborted(call);
    if (att.timedOut || (err as { name?: unknown } | null)?.name === "TimeoutError") {
      const timeoutMs = call.settings.timeoutMs;
      return new TimeoutError(messageOf(call, `timed out after ${timeoutMs} ms`), { ...fieldsOf(call), timeoutMs });
    }
    const code = networkErrorCode(err);
    const detail = redact(deepestMessage(err) ?? code ?? "network error");
    return new ConnectionError(messageOf(call, "connection failed", detail), {
      ...fieldsOf(call),
      code,
      neverSent: isNeverSentCode(code),
      cause: sanitizeError(err, secrets),
    });
  }

  /** The loop: one attempt after another until `decide` says done or give up. */
  async function send(original: Request, settings: Settings, init: RequestInit | undefined): Promise<Response> {
    const url = assertSecureUrl(original.url, "request");
    let path: string | undefined;
    const call: Call = {
      original,
      init,
      settings,
      url,
      method: original.method.toUpperCase(),
      get path() {
        path ??= redact(safePath(url));
        return path;
      },
      attempt: 0,
      retriesDone: 0,
      reauthed: false,
    };
    if (original.signal.aborted) throw aborted(call);
    const body = original.body === null ? undefined : await original.arrayBuffer();
    const redirect = options.followRedirects ? original.redirect : "manual";
    for (;;) {
      call.attempt += 1;
      const headers = await prepareHeaders(call);
      const att = attemptSignal(original.signal, settings.timeoutMs, clock);
      let outcome = await sendAttempt(call, { headers, body, signal: att.signal, redirect }, att);
      if ("response" in outcome) {
        const { response } = outcome;
        outcome = response.ok && response.type !== "opaqueredirect" ? await readSuccess(call, response, att) : await readFailure(call, response, att);
      }
      if ("error" in outcome) att.dispose();
      // for the auth strategy after a 401: what was sent, minus the body (already read from `original`)
      const next = await decide(call, outcome, () => new Request(original.url, { method: call.method, headers }));
      if ("done" in next) return next.done;
      if ("fail" in next) throw next.fail;
      if ("retryInMs" in next) await sleep(next.retryInMs, original.signal).catch(() => Promise.reject(aborted(call)));
      if (original.signal.aborted) throw aborted(call);
    }
  }

  const make = (overrides: RequestOverrides): PipelineFetch => {
    const settings: Settings = {
      retry: resolveRetryOptions(baseRetry, overrides.retry),
      retryable: overrides.retryable,
      timeoutMs: overrides.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      auth: overrides.auth === false ? undefined : options.auth,
    };
    const fn = ((input: Request, init?: RequestInit) => send(input, settings, init)) as PipelineFetch;
    return Object.defineProperties(fn, {
      with: { value: (more: RequestOverrides) => make({ ...overrides, ...more, retry: { ...overrides.retry, ...more.retry } }) },
      secrets: { value: secrets },
    });
  };
  return make({});
}
