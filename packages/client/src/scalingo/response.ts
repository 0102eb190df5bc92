/** Secrets that successful Scalingo responses hand out, registered as soon as they arrive. */
import { isObject, type JsonBodyHook, type SecretRegistry } from "../runtime/index.js";

/** The responses that carry a new API token or bearer: exchange, create, renew. */
const TOKEN_PATH = /\/v1\/tokens(?:\/exchange|\/[^/]+\/renew)?$/;
/** The responses that carry two-factor secrets: enrolment (the `otpauth://` URI), validation (recovery codes). */
const TFA_PATH = /\/v1\/client\/tfa(?:\/validate)?$/;

/** The shared key of an `otpauth://` URI (its `secret` parameter), if it has one. */
function otpSecret(uri: string): string | null {
  try {
    return new URL(uri).searchParams.get("secret");
  } catch {
    return null;
  }
}

/**
 * Registers the secrets that successful responses hand out: the bearer of an exchange
 * (`{"token": "<JWT>"}`), the API token of a create or renew (`{"token": {"token": "tk-us-…"}}`),
 * the enrolment URI of two-factor authentication and its shared key (`{"tfa": {"uri": …}}`) and
 * the recovery codes of its validation (`{"tfa": {"codes": [...]}}`), so that they are scrubbed
 * from every later error and log line, whichever way the call was made. Runs on the body the
 * pipeline has already parsed.
 */
export function registerIssuedSecrets(secrets: SecretRegistry): JsonBodyHook {
  return (body, { method, url }) => {
    if ((method !== "POST" && method !== "PATCH") || !isObject(body)) return;
    const path = new URL(url).pathname;
    if (TOKEN_PATH.test(path)) {
      const token = body.token;
      if (typeof token === "string") secrets.add(token);
      else if (isObject(token) && typeof token.token === "string") secrets.add(token.token);
    } else if (TFA_PATH.test(path) && isObject(body.tfa)) {
      const { uri, codes } = body.tfa;
      if (typeof uri === "string") secrets.add(uri, otpSecret(uri));
      if (Array.isArray(codes)) secrets.add(...codes.filter((code): code is string => typeof code === "string"));
    }
  };
}
