/** Secrets that successful Scalingo responses hand out, registered as soon as they arrive. */
import { isObject, type JsonBodyHook, type SecretRegistry } from "../runtime/index.js";

/** The responses that carry a new secret: exchange, create, renew. */
const ISSUING_PATH = /\/v1\/tokens(?:\/exchange|\/[^/]+\/renew)?$/;

/**
 * Registers the secrets that successful responses hand out: the bearer of an exchange
 * (`{"token": "<JWT>"}`) and the API token of a create or renew (`{"token": {"token": "tk-us-…"}}`),
 * so that they are scrubbed from every later error and log line, whichever way the call was made.
 * Runs on the body the pipeline has already parsed.
 */
export function registerIssuedSecrets(secrets: SecretRegistry): JsonBodyHook {
  return (body, { method, url }) => {
    if ((method !== "POST" && method !== "PATCH") || !isObject(body) || !ISSUING_PATH.test(new URL(url).pathname)) return;
    const token = body.token;
    if (typeof token === "string") secrets.add(token);
    else if (isObject(token) && typeof token.token === "string") secrets.add(token.token);
  };
}
