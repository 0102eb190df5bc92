import type { IncomingMessage, ServerResponse } from "node:http";
import { PROXY_PATH, PROXY_TARGET_HEADER } from "./model.js";

/**
 * The docs server's forwarding proxy, for "Try it" panels pointed at a real server: a browser
 * cannot call most of them itself (CORS; Keystone's `X-Subject-Token` is not exposed). Requests
 * come from the site's own pages only (same origin, loopback Host), go to the server named by
 * `x-openregions-target`, follow redirects only on that origin, and come back with every header
 * readable (the page and the proxy share an origin). Nothing is logged, so no credential is either.
 */

const MAX_REDIRECTS = 5;
const MAX_BODY_BYTES = 1 << 20;
/** Never forwarded: hop-by-hop headers, the browser's own context, and the proxy's instruction. */
const DROPPED_REQUEST = new Set(["host", "connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-authorization", "te", "trailer", "origin", "referer", "cookie", "content-length", "accept-encoding", PROXY_TARGET_HEADER]);
const DROPPED_RESPONSE = new Set(["connection", "keep-alive", "transfer-encoding", "content-encoding", "content-length", "set-cookie", "strict-transport-security", "alt-svc"]);
const LOOPBACK_HOST = /^(127(\.\d{1,3}){3}|localhost|\[::1\])(:\d+)?$/i;

export const isLoopbackHostname = (hostname: string): boolean => /^(127(\.\d{1,3}){3}|localhost|\[::1\]|::1)$/i.test(hostname);

class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" }).end(`${JSON.stringify({ error: "proxy", message })}\n`);
}

/** The real server's URL for this request, or a refusal saying why not. */
function targetUrl(req: IncomingMessage): URL {
  const header = req.headers[PROXY_TARGET_HEADER];
  if (typeof header !== "string" || header === "") throw new Refusal(400, `the ${PROXY_TARGET_HEADER} header must name the server to forward to`);
  let base: URL;
  try {
    base = new URL(header);
  } catch {
    throw new Refusal(400, `${PROXY_TARGET_HEADER} is not a URL`);
  }
  if (base.protocol !== "https:" && base.protocol !== "http:") throw new Refusal(400, `only http and https servers can be tried, not ${base.protocol}`);
  if (base.username || base.password) throw new Refusal(400, "the target URL must not hold credentials");
  if (base.protocol === "http:" && !isLoopbackHostname(base.hostname)) {
    throw new Refusal(400, `plain http is refused for ${base.host}: credentials would travel in clear; use https`);
  }
  const incoming = new URL(req.url ?? "/", "http://proxy.invalid");
  const rest = incoming.pathname.slice(PROXY_PATH.length);
  return new URL(`${base.origin}${base.pathname.replace(/\/$/, "")}${rest}${incoming.search}`);
}

/** Only the site's own pages may use the proxy: a loopback Host (no DNS rebinding) and, when sent, the same Origin. */
function checkCaller(req: IncomingMessage): void {
  const host = req.headers.host ?? "";
  if (!LOOPBACK_HOST.test(host)) throw new Refusal(403, "the proxy answers only on loopback");
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) throw new Refusal(403, `requests from ${origin} are refused: only the docs site's own pages may use the proxy`);
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Refusal(413, `request bodies are limited to ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return chunks.length ? Buffer.concat(chunks) : undefined;
}

function forwardedHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || DROPPED_REQUEST.has(name)) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}

/** Sends the request, following redirects that stay on the target's scheme, host and port; refuses the others. */
async function forward(url: URL, method: string, headers: Headers, body: Buffer | undefined): Promise<Response> {
  let current = url;
  let currentMethod = method;
  let currentBody = body;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const response = await fetch(current, { method: currentMethod, headers, body: currentBody ? new Uint8Array(currentBody) : undefined, redirect: "manual" });
    const location = response.headers.get("location");
    if (response.status < 300 || response.status > 399 || location === null) return response;
    await response.body?.cancel();
    const next = new URL(location, current);
    if (next.origin !== url.origin) {
      throw new Refusal(502, `the server redirected to ${next.protocol}//${next.host}, another ${next.protocol !== url.protocol ? "scheme" : next.hostname !== url.hostname ? "host" : "port"} than ${url.origin}: refused`);
    }
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && currentMethod === "POST")) {
      currentMethod = "GET";
      currentBody = undefined;
      headers.delete("content-type");
    }
    current = next;
  }
  throw new Refusal(502, `more than ${MAX_REDIRECTS} redirects`);
}

/** Why fetch failed, as a code (ECONNREFUSED, ENOTFOUND, …) when Node gives one. */
function networkCode(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string; errors?: Array<{ code?: string }> } }).cause;
  return cause?.code ?? cause?.errors?.find((inner) => inner.code)?.code ?? cause?.message ?? (error as Error).message;
}

/** Handles one request under PROXY_PATH. */
export async function handleProxy(req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    if (req.method === "OPTIONS") throw new Refusal(405, "the proxy takes no preflight: only same-origin pages may use it");
    checkCaller(req);
    const url = targetUrl(req);
    const method = req.method ?? "GET";
    const body = method === "GET" || method === "HEAD" ? undefined : await readBody(req);
    const response = await forward(url, method, forwardedHeaders(req), body);
    const headers: Record<string, string> = { "x-openregions-proxied-to": url.origin };
    response.headers.forEach((value, name) => {
      if (!DROPPED_RESPONSE.has(name)) headers[name] = value;
    });
    const content = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, response.statusText, { ...headers, "content-length": String(content.length) }).end(content);
  } catch (error) {
    if (error instanceof Refusal) refuse(res, error.status, error.message);
    else refuse(res, 502, `the server could not be reached: ${networkCode(error)}`);
  }
}
