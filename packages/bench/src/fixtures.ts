/**
 * The bytes every client and server of the benchmark exchanges: the regions list and the bearer
 * exchange of the Scalingo spec's own examples, so the stub, the bare server and the Prism mock
 * answer with the same payloads.
 */
import { deref, getApi, loadBundledSpec, type BundledSpec } from "@openregions/apis";

export const REGIONS_PATH = "/v1/regions";
export const EXCHANGE_PATH = "/v1/tokens/exchange";

/** A placeholder API token (never a real one: every target is a stub or a loopback server). */
export const BENCH_API_TOKEN = "tk-us-bench-0000000000000000000000000000000000000000";

function responseExample(spec: BundledSpec, path: string, method: string, status: string): unknown {
  const operation = spec.paths[path]?.[method] as { responses?: Record<string, unknown> } | undefined;
  if (!operation?.responses?.[status]) throw new Error(`the Scalingo spec has no ${status} response for ${method.toUpperCase()} ${path}`);
  const response = deref<{ content?: Record<string, { example?: unknown; examples?: Record<string, unknown> }> }>(spec, operation.responses[status]);
  const media = response.content?.["application/json"];
  if (!media) throw new Error(`${method.toUpperCase()} ${path} ${status} has no application/json content`);
  if (media.example !== undefined) return media.example;
  const first = Object.values(media.examples ?? {})[0];
  if (first === undefined) throw new Error(`${method.toUpperCase()} ${path} ${status} has no example`);
  return deref<{ value?: unknown }>(spec, first).value;
}

/** `GET /v1/regions`'s example, serialized once: the body every target returns. */
export function regionsBody(): string {
  const example = responseExample(loadBundledSpec(getApi("scalingo")), REGIONS_PATH, "get", "200") as { regions?: unknown[] };
  if (!Array.isArray(example.regions) || example.regions.length === 0) throw new Error("the regions example lists no region");
  return JSON.stringify(example);
}

/** How many regions `regionsBody()` holds, to check every client read the whole answer. */
export function regionCount(body: string): number {
  return (JSON.parse(body) as { regions: unknown[] }).regions.length;
}

const base64url = (text: string): string => Buffer.from(text, "utf8").toString("base64url");

/** An unsigned JWT shaped like Scalingo's bearer, valid for one hour from `now`. */
export function bearerJwt(now: number = Date.now()): string {
  const iat = Math.floor(now / 1000);
  const header = base64url(JSON.stringify({ alg: "HS512", typ: "JWT" }));
  const payload = base64url(JSON.stringify({ iss: "Scalingo Test", uuid: "us-bench", rnd: "bench", iat, exp: iat + 3600 }));
  return `${header}.${payload}.${base64url("bench-signature")}`;
}

/** The body of a successful `POST /v1/tokens/exchange`. */
export function exchangeBody(jwt: string = bearerJwt()): string {
  return JSON.stringify({ token: jwt });
}
