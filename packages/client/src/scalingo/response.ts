/**
 * Checks on successful bodies. A 2xx whose body is not the JSON the spec
 * promises (typically an HTML page because `authUrl` points at the wrong
 * host) becomes a typed {@link InvalidResponseError} instead of a bare
 * `SyntaxError` or a `TypeError` on `undefined`. Messages never include the
 * body: it may hold a secret.
 */
import type { Middleware } from "openapi-fetch";
import { InvalidResponseError, type SecretRegistry } from "../runtime/index.js";
import { isJsonContentType, reasonPhrase, requestIdFrom, safePath } from "../runtime/http.js";

/** An {@link InvalidResponseError} for a 2xx that is not what the API promises. */
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

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Rejects a non-JSON 2xx body when openapi-fetch is about to parse it as JSON. */
export const requireJsonBody: Middleware = {
  onResponse({ request, response, options }) {
    if (!response.ok || response.status === 204 || request.method === "HEAD" || options.parseAs !== "json") return undefined;
    if (response.headers.get("content-length") === "0") return undefined;
    const contentType = response.headers.get("content-type");
    if (isJsonContentType(contentType)) return undefined;
    void response.body?.cancel().catch(() => undefined);
    const got = contentType ? contentType.split(";", 1)[0]!.trim().slice(0, 80) : "no Content-Type";
    throw invalidResponse(request.method, response, request.url, `expected a JSON body, got ${got} (does authUrl point at the Scalingo auth API?)`);
  },
};

/**
 * Registers the secrets that successful responses hand out: the bearer of an
 * exchange (`{"token": "<JWT>"}`) and the API token of a create or renew
 * (`{"token": {"token": "tk-us-…"}}`), so that they are scrubbed from every
 * later error and log line, whichever way the call was made.
 */
export function registerIssuedSecrets(secrets: SecretRegistry): Middleware {
  return {
    async onResponse({ request, response }) {
      const method = request.method.toUpperCase();
      if (!response.ok || (method !== "POST" && method !== "PATCH") || !isJsonContentType(response.headers.get("content-type"))) {
        return undefined;
      }
      const path = safePath(request.url);
      if (!/\/v1\/tokens(?:\/exchange|\/[^/]+\/renew)?$/.test(path)) return undefined;
      try {
        const body: unknown = await response.clone().json();
        if (isObject(body)) {
          const token = body.token;
          if (typeof token === "string") secrets.add(token);
          else if (isObject(token) && typeof token.token === "string") secrets.add(token.token);
        }
      } catch {
        // not JSON: requireJsonBody or openapi-fetch reports it
      }
      return undefined;
    },
  };
}
