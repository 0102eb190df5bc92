/**
 * Rainbond answers every successful call with JSON. A 2xx that is not JSON
 * (typically the console's HTML page, when `baseUrl` points at the wrong
 * place or a proxy rewrites the path) would otherwise surface as a bare
 * `SyntaxError` from openapi-fetch; this middleware turns it into a typed
 * {@link InvalidResponseError}.
 */
import type { Middleware } from "openapi-fetch";
import { InvalidResponseError } from "../runtime/index.js";
import { isJsonContentType, reasonPhrase, requestIdFrom, safePath } from "../runtime/http.js";

/** `{method, path, status, requestId}` of a response, for building errors. */
export function responseFields(method: string, response: Response, url: string) {
  return {
    method: method.toUpperCase(),
    path: safePath(url),
    status: response.status,
    requestId: requestIdFrom(response.headers),
  };
}

/** An {@link InvalidResponseError} for a 2xx whose body is not what the API promises. */
export function invalidResponse(method: string, response: Response, url: string, problem: string): InvalidResponseError {
  const fields = responseFields(method, response, url);
  const reason = reasonPhrase(response.status, response.statusText);
  return new InvalidResponseError(`${fields.method} ${fields.path} → ${response.status}${reason ? ` ${reason}` : ""}: ${problem}`, fields);
}

/** Rejects a non-JSON 2xx body when openapi-fetch is about to parse it as JSON. */
export const requireJsonBody: Middleware = {
  onResponse({ request, response, options }) {
    if (!response.ok || response.status === 204 || request.method === "HEAD" || options.parseAs !== "json") return undefined;
    if (response.headers.get("content-length") === "0") return undefined;
    const contentType = response.headers.get("content-type");
    if (isJsonContentType(contentType)) return undefined;
    void response.body?.cancel().catch(() => undefined);
    const got = contentType ? contentType.split(";", 1)[0]!.trim().slice(0, 80) : "no Content-Type";
    throw invalidResponse(request.method, response, request.url, `expected a JSON body, got ${got} (does baseUrl point at the API?)`);
  },
};
