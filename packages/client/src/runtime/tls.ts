/**
 * Transport rule: credentials only travel over TLS. Plain `http:` is allowed
 * solely for loopback hosts (local mocks): `localhost`, 127.0.0.0/8, `[::1]`.
 */
import { isLoopbackHost } from "../generated/loopback.js";

/** Thrown at client creation (or request time) for a URL that would send credentials in clear text. */
export class InsecureUrlError extends Error {
  readonly url: string;
  constructor(url: string, reason: string) {
    super(`Refusing ${reason} URL ${JSON.stringify(url)}: use https:, or http: only for a loopback host (localhost, 127.0.0.0/8, [::1])`);
    this.url = url;
  }
}
Object.defineProperty(InsecureUrlError.prototype, "name", { value: "InsecureUrlError", enumerable: false, configurable: true, writable: true });

// The one loopback rule of the repository (packages/apis/src/loopback.ts), copied at build time.
export { isLoopbackHost };

/** Origin only: never echo userinfo, path or query of a rejected URL. */
function displayUrl(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

/**
 * Parses `url` and checks the transport rule. Returns the parsed URL.
 * @throws InsecureUrlError for anything but https:, or http: on loopback.
 */
export function assertSecureUrl(url: string | URL, what = "base"): URL {
  let parsed: URL;
  try {
    parsed = typeof url === "string" ? new URL(url) : url;
  } catch {
    throw new InsecureUrlError("(unparseable)", `invalid ${what}`);
  }
  if (parsed.protocol === "https:") return parsed;
  if (parsed.protocol === "http:" && isLoopbackHost(parsed.hostname)) return parsed;
  throw new InsecureUrlError(displayUrl(parsed), `insecure ${what}`);
}
