/**
 * Checks on successful bodies, shared by every API entry. A 2xx whose body is not the JSON the
 * spec promises (typically an HTML page because the base URL points at the wrong host) becomes a
 * typed {@link InvalidResponseError} instead of openapi-fetch's bare `SyntaxError`. Messages never
 * include the body: it may hold a secret.
 */
import type { Middleware } from "openapi-fetch";
import { InvalidResponseError } from "./errors.js";
import { isJsonContentType, reasonPhrase, requestIdFrom, safePath } from "./http.js";

/** An {@link InvalidResponseError} for a 2xx whose body is not what the API promises. */
export function invalidResponse(method: string, response: Response, url: string, problem: string): InvalidResponseError {
  const m = method.toUpperCase();
  const path = safePath(url);
  const reason = reasonPhrase(response.status, response.statusText);
  return new InvalidResponseError(`${m} ${path} → ${response.status}${reason ? ` ${reason}` : ""}: ${problem}`, {
    method: m,
    path,
    status: response.status,
    requestId: requestIdFrom(response.headers),
  });
}

/**
 * Middleware that rejects a non-JSON 2xx body when openapi-fetch is about to parse it as JSON.
 * `hint` ends the message, e.g. "does baseUrl point at the API?".
 */
export function requireJsonBody(hint: string): Middleware {
  return {
    onResponse({ request, response, options }) {
      if (!response.ok || response.status === 204 || request.method === "HEAD" || options.parseAs !== "json") return undefined;
      if (response.headers.get("content-length") === "0") return undefined;
      const contentType = response.headers.get("content-type");
      if (isJsonContentType(contentType)) return undefined;
      void response.body?.cancel().catch(() => undefined);
      const got = contentType ? contentType.split(";", 1)[0]!.trim().slice(0, 80) : "no Content-Type";
      throw invalidResponse(request.method, response, request.url, `expected a JSON body, got ${got} (${hint})`);
    },
  };
}
