/**
 * Protects the pipeline's default path: no `fetch` option, so each attempt goes to the platform
 * fetch as `(request, init)` with the attempt's headers, body and signal, and nothing is raced in
 * JavaScript. A real loopback server checks that what arrives on the wire is right (auth,
 * defaults, the replayed body) and that timeouts, aborts, redirects and re-auth still hold when
 * the platform fetch is the only thing watching the signal. Timeouts run on an injected clock,
 * advanced only once the server has seen the request, so a slow machine cannot reorder them.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startScriptedServer, type Answer, type ScriptedServer } from "@openregions/test-support/scripted-server";
import {
  AbortError,
  ApiError,
  createFetch,
  InvalidResponseError,
  TimeoutError,
  TokenCache,
  tokenAuth,
  type FetchPipelineOptions,
} from "../../src/runtime/index.js";
import { FakeClock, settle } from "./helpers.js";

let server: ScriptedServer;
let base: string;

beforeAll(async () => {
  server = await startScriptedServer();
  base = server.url;
});
afterEach(() => server.reset());
afterAll(() => server.close());

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Answer =>
  (res) =>
    res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
/** Sends the headers, then never the body. */
const stallBody: Answer = (res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.write('{"regions": [');
};
/** Never answers. */
const stallHeaders: Answer = () => undefined;

/** Waits (a bounded number of turns, real time) until `done()`; fails the test otherwise. */
async function until(what: string, done: () => boolean): Promise<void> {
  for (let i = 0; i < 2_000 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!done()) throw new Error(`timed out waiting until ${what}`);
}

const pipeline = (extra: Partial<FetchPipelineOptions> = {}) =>
  createFetch({ retry: { baseDelayMs: 5, maxDelayMs: 20 }, timeoutMs: 2_000, ...extra });

describe("what reaches the server", () => {
  it("the auth header, the default headers and the request's own, on the platform fetch", async () => {
    server.answer(json(200, { ok: true }));
    const cache = new TokenCache({ fetchToken: async () => ({ value: "tok-1234567890" }) });
    const fetch = pipeline({ auth: tokenAuth({ cache }), headers: { accept: "application/json", "x-default": "d" }, userAgent: "openregions-test" });
    const response = await fetch(new Request(`${base}/v1/regions?page=2`, { headers: { "x-default": "mine" } }));
    expect(await response.json()).toEqual({ ok: true });
    expect(server.seen[0]).toMatchObject({
      method: "GET",
      url: "/v1/regions?page=2",
      headers: { authorization: "Bearer tok-1234567890", accept: "application/json", "x-default": "mine", "user-agent": "openregions-test" },
    });
  });

  it("a retryable POST sends the same body on every attempt", async () => {
    server.answer(json(503, { error: "busy" }), json(200, { token: "t" }));
    const response = await pipeline().with({ retryable: true })(
      new Request(`${base}/v1/tokens/exchange`, { method: "POST", body: '{"a":1}', headers: { "content-type": "application/json" } }),
    );
    expect(response.status).toBe(200);
    expect(server.seen.map((s) => `${s.method} ${s.body}`)).toEqual(['POST {"a":1}', 'POST {"a":1}']);
  });

  it("a 401 refreshes the token once and replays with the new one", async () => {
    let n = 0;
    const cache = new TokenCache({ fetchToken: async () => ({ value: `tok-${++n}-abcdefgh` }) });
    server.answer(json(401, { error: "expired" }), json(200, { ok: true }));
    const response = await pipeline({ auth: tokenAuth({ cache }) })(new Request(`${base}/v1/users/self`));
    expect(response.status).toBe(200);
    expect(server.seen.map((s) => s.headers.authorization)).toEqual(["Bearer tok-1-abcdefgh", "Bearer tok-2-abcdefgh"]);
  });

  it("a 401 on a POST with a body refreshes the token and replays the body with the new one", async () => {
    let n = 0;
    const cache = new TokenCache({ fetchToken: async () => ({ value: `tok-${++n}-abcdefgh` }) });
    server.answer(json(401, { error: "expired" }), json(201, { key: { id: "k1" } }));
    const response = await pipeline({ auth: tokenAuth({ cache }) })(
      new Request(`${base}/v1/keys`, { method: "POST", body: '{"key":{"name":"laptop"}}', headers: { "content-type": "application/json" } }),
    );
    expect(response.status).toBe(201);
    expect(server.seen.map((s) => [s.headers.authorization, s.body])).toEqual([
      ["Bearer tok-1-abcdefgh", '{"key":{"name":"laptop"}}'],
      ["Bearer tok-2-abcdefgh", '{"key":{"name":"laptop"}}'],
    ]);
  });
});

describe("the signal is the platform fetch's to honour", () => {
  it("headers that never come: a TimeoutError after the retries", async () => {
    server.answer(stallHeaders, stallHeaders);
    const clock = new FakeClock();
    const call = pipeline({ clock, timeoutMs: 150, retry: { maxRetries: 1, baseDelayMs: 5 } })(new Request(`${base}/v1/regions`)).catch((e: unknown) => e);
    await until("the server saw the first attempt", () => server.seen.length === 1);
    await clock.advance(150); // the first attempt times out
    await clock.advance(10); // the backoff (at most 5 ms)
    await until("the server saw the retry", () => server.seen.length === 2);
    await clock.advance(150);
    const err = await call;
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as TimeoutError).message).toBe("GET /v1/regions → timed out after 150 ms");
    expect(server.seen).toHaveLength(2);
  });

  it("a JSON body that stalls mid-stream times out, and the GET is retried", async () => {
    server.answer(stallBody, json(200, { regions: [] }));
    const clock = new FakeClock();
    const logs: string[] = [];
    const call = pipeline({ clock, timeoutMs: 150, onLog: (entry) => logs.push(entry.message) })(new Request(`${base}/v1/regions`));
    await until("the stalled answer's headers arrived", () => logs.some((line) => line.startsWith("GET /v1/regions → 200")));
    await clock.advance(150); // the body read times out
    for (let i = 0; i < 20 && server.seen.length < 2; i++) await clock.advance(20); // the backoff (at most 20 ms)
    await until("the server saw the retry", () => server.seen.length === 2);
    await settle();
    const response = await call;
    expect(await response.json()).toEqual({ regions: [] });
    expect(server.seen).toHaveLength(2);
  });

  it("the caller's abort ends the call at once, as an AbortError, without a retry", async () => {
    const controller = new AbortController();
    server.answer(() => controller.abort(), json(200, {})); // aborts once the request has arrived, and never answers
    const call = pipeline()(new Request(`${base}/v1/regions`, { signal: controller.signal }));
    const err = await call.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect(err).not.toBeInstanceOf(TimeoutError);
    expect(server.seen).toHaveLength(1);
  });
});

describe("answers", () => {
  it("a redirect is not followed (the auth header would go with it) and surfaces as an error", async () => {
    server.answer((res) => res.writeHead(302, { location: "/elsewhere" }).end());
    const err = await pipeline()(new Request(`${base}/v1/regions`)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toBe("GET /v1/regions → 302 Found");
    expect(server.seen.map((s) => s.url)).toEqual(["/v1/regions"]);
  });

  it("a 200 whose JSON does not parse is an InvalidResponseError naming the call", async () => {
    server.answer((res) => res.writeHead(200, { "content-type": "application/json", "x-request-id": "req-7" }).end('{"regions": ['));
    const err = await pipeline()(new Request(`${base}/v1/regions`)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect(err).toMatchObject({ status: 200, requestId: "req-7", method: "GET", path: "/v1/regions" });
  });

  it("the response handed back is the server's: url, status, headers, readable once", async () => {
    server.answer(json(200, { regions: [1] }, { "x-request-id": "req-8" }));
    const response = await pipeline()(new Request(`${base}/v1/regions`));
    expect(response).toBeInstanceOf(Response);
    expect(response.url).toBe(`${base}/v1/regions`);
    expect(response.headers.get("x-request-id")).toBe("req-8");
    expect(await response.clone().text()).toBe('{"regions":[1]}');
    expect(await response.json()).toEqual({ regions: [1] });
    await expect(response.text()).rejects.toThrow(TypeError);
  });
});
