/** Base URL handling for the auth API. */

/** The public Scalingo auth API (one host for every region). */
export const SCALINGO_AUTH_URL = "https://auth.scalingo.com";

/** Path of the token exchange, relative to the base URL. */
export const EXCHANGE_PATH = "/v1/tokens/exchange";

/**
 * Trims, drops trailing slashes and a trailing `/v1` (the spec's paths
 * already start with `/v1`). The TLS rule is checked by the pipeline.
 */
export function normalizeAuthUrl(url: string, what = "authUrl"): string {
  if (typeof url !== "string" || url.trim() === "") throw new TypeError(`createScalingoClient: ${what} must be a non-empty URL`);
  return url.trim().replace(/\/+$/, "").replace(/\/v1$/i, "");
}

/** The pathname part of a base URL, without a trailing slash ("" for a host root). */
export function basePathOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).pathname.replace(/\/+$/, "");
  } catch {
    return ""; // the pipeline rejects it with InsecureUrlError
  }
}

/** A predicate telling whether a request is `POST {base}/v1/tokens/exchange`. */
export function exchangeMatcher(baseUrl: string): (request: Request) => boolean {
  const path = `${basePathOf(baseUrl)}${EXCHANGE_PATH}`;
  return (request) => {
    if (request.method.toUpperCase() !== "POST") return false;
    try {
      return new URL(request.url).pathname.replace(/\/+$/, "") === path;
    } catch {
      return false;
    }
  };
}
