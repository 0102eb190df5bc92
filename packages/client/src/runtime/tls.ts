/**
 * Transport rule: credentials only travel over TLS. Plain `http:` is allowed
 * solely for loopback hosts (local mocks): `localhost`, 127.0.0.0/8, `[::1]`.
 */

/** Thrown at client creation (or request time) for a URL that would send credentials in clear text. */
export class InsecureUrlError extends Error {
  readonly url: string;
  constructor(url: string, reason: string) {
    super(`Refusing ${reason} URL ${JSON.stringify(url)}: use https:, or http: only for a loopback host (localhost, 127.0.0.0/8, [::1])`);
    this.url = url;
  }
}
Object.defineProperty(InsecureUrlError.prototype, "name", { value: "InsecureUrlError", enumerable: false, configurable: true, writable: true });

/** True for `localhost`, any 127.x.y.z address and `[::1]` (also `::ffff:127.x.y.z`). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  if (host === "localhost") return true;
  if (host === "[::1]" || host === "::1") return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) return Number(v4[1]) === 127 && v4.slice(2).every((o) => Number(o) <= 255);
  // IPv4-mapped IPv6 loopback, as normalised by the URL parser: [::ffff:7f00:1]
  return /^\[?::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]?$/.test(host);
}

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
