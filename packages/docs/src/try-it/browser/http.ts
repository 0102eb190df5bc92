import { PROXY_PATH, PROXY_TARGET_HEADER } from "../model.js";

/** Where a panel sends: a base URL, called directly (CORS) or through the docs server's proxy. */
export interface Target {
  readonly kind: "sandbox" | "static" | "other";
  readonly url: string;
  readonly viaProxy: boolean;
}

export interface OutgoingRequest {
  readonly method: string;
  /** Path and query, e.g. `/v1/keys?page=2`. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** An answer as a panel shows and checks it. */
export interface Answer {
  readonly status: number;
  readonly statusText: string;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly contentType: string | null;
  readonly text: string;
  /** The parsed JSON body, the text when it is not JSON, undefined when empty. */
  readonly body: unknown;
  readonly milliseconds: number;
}

/** Headers the proxy adds about itself: not the server's, so not shown. */
const OWN_HEADERS = new Set(["x-openregions-proxied-to"]);

export function requestUrl(target: Target, path: string): string {
  return target.viaProxy ? `${PROXY_PATH}${path}` : `${target.url.replace(/\/$/, "")}${path}`;
}

/** Sends a request to the target; a network failure (server down, CORS) throws with a message that says so. */
export async function send(target: Target, request: OutgoingRequest): Promise<Answer> {
  const headers: Record<string, string> = { ...request.headers };
  if (target.viaProxy) headers[PROXY_TARGET_HEADER] = target.url;
  const started = performance.now();
  let response: Response;
  try {
    response = await fetch(requestUrl(target, request.path), { method: request.method, headers, body: request.body, credentials: "omit", redirect: target.viaProxy ? "error" : "follow", cache: "no-store" });
  } catch {
    const where = target.viaProxy ? `the docs server's proxy (for ${target.url})` : target.url;
    throw new Error(`no answer from ${where}: is it running${target.viaProxy ? "" : ", and does it allow this page's origin (CORS)"}?`);
  }
  const text = await response.text();
  const contentType = response.headers.get("content-type");
  let body: unknown = text === "" ? undefined : text;
  if (text !== "" && /json/i.test(contentType ?? "")) {
    try {
      body = JSON.parse(text);
    } catch {
      // shown as text; the check reports it
    }
  }
  return {
    status: response.status,
    statusText: response.statusText,
    headers: [...response.headers].filter(([name]) => !OWN_HEADERS.has(name)),
    contentType,
    text,
    body,
    milliseconds: Math.round(performance.now() - started),
  };
}
