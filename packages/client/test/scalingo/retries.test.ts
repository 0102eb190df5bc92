import { describe, expect, it } from "vitest";
import { ConnectionError, RateLimitError, ServerError, TimeoutError, createApiToken } from "../../src/scalingo.js";
import { hang, networkError, text } from "../runtime/helpers.js";
import { AUTH_URL, fakeScalingo, json } from "./fake.js";

const EXCHANGE = "POST /v1/tokens/exchange";
const CREATE_TOKEN = "POST /v1/tokens";
const CREATE_KEY = "POST /v1/keys";
const unavailable = () => json(503, { error: "Service Unavailable" });

describe("Scalingo retries", () => {
  it("the token exchange (creates nothing) is retried on 503", async () => {
    const s = fakeScalingo();
    s.on(EXCHANGE, (_r, n) => (n < 3 ? unavailable() : json(200, { token: s.issue() })));
    const { data } = await s.client().GET("/v1/users/self");
    expect(data?.user.id).toBe("us-1");
    expect(s.count(EXCHANGE)).toBe(3);
    expect(s.sleeps).toHaveLength(2);
    expect(s.logs.filter((l) => l.level === "warn").map((l) => l.path)).toEqual(["/v1/tokens/exchange", "/v1/tokens/exchange"]);
  });

  it("the exchange is retried on a connection reset too, and the typed POST /v1/tokens/exchange as well", async () => {
    const s = fakeScalingo();
    s.on(EXCHANGE, (_r, n) => {
      if (n === 1) throw networkError("ECONNRESET", "socket hang up");
      return json(200, { token: s.issue() });
    });
    const client = s.client();
    const { data } = await client.POST("/v1/tokens/exchange", { body: {} });
    expect(data?.token).toBe(s.bearers[0]);
    expect(s.count(EXCHANGE)).toBe(2);
  });

  it("the exchange gives up after 2 retries with a ServerError", async () => {
    const s = fakeScalingo();
    s.on(EXCHANGE, unavailable);
    await expect(s.client().GET("/v1/users/self")).rejects.toBeInstanceOf(ServerError);
    expect(s.count(EXCHANGE)).toBe(3);
  });

  it("Retry-After is honoured (429 on the exchange, 503 on a GET)", async () => {
    const s = fakeScalingo();
    s.on(EXCHANGE, (_r, n) => (n === 1 ? text(429, "Retry later", { "retry-after": "7" }) : json(200, { token: s.issue() })));
    s.on("GET /v1/regions", (_r, n) => (n === 1 ? json(503, { error: "busy" }, { "retry-after": "2" }) : json(200, { regions: [] })));
    const client = s.client();
    await client.listRegions();
    expect(s.sleeps).toEqual([7_000, 2_000]);
  });

  it("a 429 that persists becomes a RateLimitError with retryAfterMs and the plain-text message", async () => {
    const s = fakeScalingo();
    s.on("GET /v1/users/self", () => text(429, "Retry later", { "retry-after": "3" }));
    const err = await s.client().GET("/v1/users/self").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err).toMatchObject({ status: 429, retryAfterMs: 3_000, body: "Retry later" });
    expect((err as Error).message).toBe("GET /v1/users/self → 429 Too Many Requests: Retry later");
    expect(s.count("GET /v1/users/self")).toBe(3);
  });

  it("POST /v1/tokens with login is never retried on 503", async () => {
    const s = fakeScalingo();
    s.on(CREATE_TOKEN, unavailable);
    const err = await createApiToken({ authUrl: AUTH_URL, ...s.pipeline, login: "john@doe.com", password: "p4ssw0rd!", name: "ci" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect(s.count(CREATE_TOKEN)).toBe(1);
    expect(s.sleeps).toEqual([]);
  });

  it("POST /v1/tokens with a bearer is never retried on 503 nor on a timeout", async () => {
    const s = fakeScalingo();
    const client = s.client({ timeoutMs: 1_000 });
    s.on(CREATE_TOKEN, unavailable);
    await expect(client.createApiToken({ name: "ci" })).rejects.toBeInstanceOf(ServerError);
    await expect(client.POST("/v1/tokens", { body: { name: "ci" } })).rejects.toBeInstanceOf(ServerError);
    expect(s.count(CREATE_TOKEN)).toBe(2);

    s.on(CREATE_TOKEN, (request) => hang(request));
    const pending = client.POST("/v1/tokens", { body: { token: { name: "ci" } } }).catch((e: unknown) => e);
    await s.clock.advance(1_000);
    expect(await pending).toBeInstanceOf(TimeoutError);
    expect(s.count(CREATE_TOKEN)).toBe(3);
  });

  it("POST /v1/keys is never retried on 503 or a reset, only when the connection was refused (never sent)", async () => {
    const s = fakeScalingo();
    const client = s.client();
    const body = { key: { name: "laptop", content: "ssh-ed25519 AAAA" } };
    s.on(CREATE_KEY, unavailable);
    await expect(client.POST("/v1/keys", { body })).rejects.toBeInstanceOf(ServerError);
    expect(s.count(CREATE_KEY)).toBe(1);

    s.on(CREATE_KEY, () => {
      throw networkError("ECONNRESET", "socket hang up");
    });
    await expect(client.POST("/v1/keys", { body })).rejects.toBeInstanceOf(ConnectionError);
    expect(s.count(CREATE_KEY)).toBe(2);

    s.on(CREATE_KEY, (_r, n) => {
      if (n === 3) throw networkError("ECONNREFUSED");
      return json(201, { key: { id: "k1" } });
    });
    const { data } = await client.POST("/v1/keys", { body });
    expect(data?.key.id).toBe("k1");
    expect(s.count(CREATE_KEY)).toBe(4);
  });

  it("GETs are retried on 503 (idempotent)", async () => {
    const s = fakeScalingo();
    s.on("GET /v1/tokens", (_r, n) => (n === 1 ? unavailable() : json(200, { tokens: [] })));
    const { data } = await s.client().GET("/v1/tokens");
    expect(data?.tokens).toEqual([]);
    expect(s.count("GET /v1/tokens")).toBe(2);
  });

  it("retry: false disables retries, the exchange included", async () => {
    const s = fakeScalingo();
    s.on(EXCHANGE, unavailable);
    await expect(s.client({ retry: false }).GET("/v1/users/self")).rejects.toBeInstanceOf(ServerError);
    expect(s.count(EXCHANGE)).toBe(1);
  });
});
