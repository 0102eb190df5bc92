/** Secrets that successful Scalingo responses hand out, registered as soon as they arrive. */
import type { Middleware } from "openapi-fetch";
import type { SecretRegistry } from "../runtime/index.js";
import { isJsonContentType, safePath } from "../runtime/http.js";

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

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
