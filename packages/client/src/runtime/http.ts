/** Small HTTP helpers shared by the error factory and the retry policy. */

const REASONS: Readonly<Record<number, string>> = {
  200: "OK",
  201: "Created",
  202: "Accepted",
  203: "Non-Authoritative Information",
  204: "No Content",
  206: "Partial Content",
  300: "Multiple Choices",
  301: "Moved Permanently",
  302: "Found",
  303: "See Other",
  304: "Not Modified",
  307: "Temporary Redirect",
  308: "Permanent Redirect",
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  408: "Request Timeout",
  409: "Conflict",
  410: "Gone",
  411: "Length Required",
  412: "Precondition Failed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  423: "Locked",
  425: "Too Early",
  428: "Precondition Required",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** The reason phrase for a status: the server's `statusText` if any (HTTP/2 has none), else the standard one. */
export function reasonPhrase(status: number, statusText?: string): string {
  const fromServer = statusText?.trim();
  if (fromServer) return fromServer;
  return REASONS[status] ?? "";
}

/**
 * Parses a `Retry-After` header value: delta-seconds (`"120"`, `"1.5"`) or an
 * HTTP-date. Returns milliseconds from `now` (never negative), or undefined
 * when absent or unparseable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    return Math.round(Number(trimmed) * 1000);
  }
  if (!/[a-z]/i.test(trimmed)) return undefined; // "-3", "1e3": not a delta, not an HTTP-date
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Response headers that carry a server-side request id, most specific first. */
const REQUEST_ID_HEADERS = ["x-request-id", "x-openstack-request-id", "x-amzn-requestid"] as const;

export function requestIdFrom(headers: Headers): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value) return value.slice(0, 200);
  }
  return undefined;
}

/** True for `application/json`, `application/problem+json`, `…+json`, `text/json`. */
const JSON_MEDIA_TYPE = /^\s*(?:application\/json|text\/json|[\w!#$&^.-]+\/[\w!#$&^.-]+\+json)\s*(?:;|$)/i;

export function isJsonContentType(contentType: string | null | undefined): boolean {
  return contentType ? JSON_MEDIA_TYPE.test(contentType) : false;
}

/** The pathname of a URL: no origin, userinfo, query or fragment (queries may carry secrets). */
export function safePath(url: string | URL): string {
  try {
    const parsed = typeof url === "string" ? new URL(url) : url;
    return parsed.pathname;
  } catch {
    const str = String(url);
    return str.split(/[?#]/, 1)[0] ?? "";
  }
}
