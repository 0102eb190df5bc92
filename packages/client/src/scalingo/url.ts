/** Base URL handling for the auth API. */
import { basePathOf, normalizeBaseUrl } from "../runtime/index.js";

/** The public Scalingo auth API (one host for every region). */
export const SCALINGO_AUTH_URL = "https://auth.scalingo.com";

/** Path of the token exchange, relative to the base URL. */
export const EXCHANGE_PATH = "/v1/tokens/exchange";

/** Trims, drops trailing slashes and a trailing `/v1` (the spec's paths already start with `/v1`). */
export const normalizeAuthUrl = (url: string, what = "authUrl"): string => normalizeBaseUrl(url, "v1", `createScalingoClient: ${what} must be a non-empty URL`);

/** A predicate telling whether a request is `POST {base}/v1/tokens/exchange`. */
export function exchangeMatcher(baseUrl: string): (request: Request) => boolean {
  const path = `${basePathOf(baseUrl)}${EXCHANGE_PATH}`;
  return (request) => request.method.toUpperCase() === "POST" && basePathOf(request.url) === path;
}
