/**
 * What every API entry is built from, so that an entry file holds only what is particular to its
 * platform: per-call options, base URL normalisation, checks on the shape of a 2xx body, and a
 * token cache whose login is bound once the client exists.
 */
import type { Middleware } from "openapi-fetch";
import { TokenCache, type Token, type TokenCacheOptions } from "./auth.js";
import { formatMessage, statusLine } from "./error-response.js";
import { InvalidResponseError } from "./errors.js";
import type { PipelineFetch } from "./fetch-pipeline.js";
import { isJsonContentType, requestIdFrom, safePath } from "./http.js";
import { isObject, type JsonObject } from "./shape.js";

/** Per-call options of an entry's helpers. */
export interface CallOptions {
  /** Aborts the call (never retried). */
  signal?: AbortSignal;
  /** Per-attempt timeout for this call, in ms (0 disables). */
  timeoutMs?: number;
}

/** The openapi-fetch init members for `options`: the signal, and a pipeline with the call's timeout. */
export function callInit(fetch: PipelineFetch, options: CallOptions | undefined): { signal?: AbortSignal; fetch?: PipelineFetch } {
  // openapi-fetch takes an undefined member as absent
  return { signal: options?.signal, fetch: options?.timeoutMs === undefined ? undefined : fetch.with({ timeoutMs: options.timeoutMs }) };
}

/** Trims a base URL and drops trailing slashes and a trailing `/<version>` (the spec's paths start with it). */
export function normalizeBaseUrl(url: unknown, version: string, missing: string): string {
  if (typeof url !== "string" || url.trim() === "") throw new TypeError(missing);
  return url.trim().replace(/\/+$/, "").replace(new RegExp(`/${version}$`, "i"), "");
}

/** The pathname part of a base URL, without a trailing slash ("" for a host root or an invalid URL, which the TLS check rejects). */
export function basePathOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).pathname.replace(/\/+$/, "");
  } catch {
    return "";
  }
}

/** An {@link InvalidResponseError} for a 2xx whose body is not what the API promises. Never includes the body. */
export function invalidResponse(method: string, response: Response, url: string, problem: string): InvalidResponseError {
  const m = method.toUpperCase();
  const path = safePath(url);
  const { status } = response;
  return new InvalidResponseError(formatMessage(m, path, statusLine(status, response.statusText), problem), {
    method: m,
    path,
    status,
    requestId: requestIdFrom(response.headers),
  });
}

/** The part of a 2xx body a helper returns (`key` of the object, or the whole body), checked by `is`. */
export function bodyPart<T>(
  result: { data?: unknown; response: Response },
  request: { method: string; url: string },
  key: string | undefined,
  is: (value: unknown) => value is T,
  problem: string,
): T {
  const value = key === undefined ? result.data : isObject(result.data) ? result.data[key] : undefined;
  if (!is(value)) throw invalidResponse(request.method, result.response, result.response.url || request.url, problem);
  return value;
}

export const isArray = (value: unknown): value is unknown[] => Array.isArray(value);
export { isObject, type JsonObject };

/**
 * Middleware that rejects a non-JSON 2xx body when openapi-fetch is about to parse it as JSON
 * (typically an HTML page: the base URL points at the wrong host). `hint` ends the message.
 */
export function requireJsonBody(hint: string): Middleware {
  return {
    onResponse({ request, response, options }) {
      if (!response.ok || response.status === 204 || request.method === "HEAD" || options.parseAs !== "json") return undefined;
      const contentType = response.headers.get("content-type");
      if (response.headers.get("content-length") === "0" || isJsonContentType(contentType)) return undefined;
      void response.body?.cancel().catch(() => undefined);
      const got = contentType ? contentType.split(";", 1)[0]!.trim().slice(0, 80) : "no Content-Type";
      throw invalidResponse(request.method, response, request.url, `expected a JSON body, got ${got} (${hint})`);
    },
  };
}

/**
 * A {@link TokenCache} whose `fetchToken` is bound later: the login or exchange it runs goes
 * through the very client the cache authenticates, which does not exist yet.
 */
export function lateTokenCache(options: Omit<TokenCacheOptions, "fetchToken">): { cache: TokenCache; bind(fetchToken: () => Promise<Token>): void } {
  let fetchToken: (() => Promise<Token>) | undefined;
  const cache = new TokenCache({
    ...options,
    fetchToken: () => {
      if (!fetchToken) throw new Error("the token source is not bound yet");
      return fetchToken();
    },
  });
  return {
    cache,
    bind(source) {
      fetchToken = source;
    },
  };
}
