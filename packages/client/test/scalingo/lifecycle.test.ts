import { describe, expect, it } from "vitest";
import { InvalidResponseError, UnauthorizedError } from "../../src/scalingo.js";
import { API_TOKEN, basic, fakeScalingo, HOUR, json, makeJwt, MIN } from "./fake.js";

const SELF = "GET /v1/users/self";
const EXCHANGE = "POST /v1/tokens/exchange";

describe("Scalingo token lifecycle", () => {
  it("exchanges the API token (Basic, empty user) once for 100 concurrent first calls, then sends the bearer", async () => {
    const s = fakeScalingo();
    const client = s.client();
    const results = await Promise.all(Array.from({ length: 100 }, () => client.GET("/v1/users/self")));
    expect(results.every((r) => r.data?.user.id === "us-1")).toBe(true);
    expect(s.count(EXCHANGE)).toBe(1);
    const exchange = s.callsTo(EXCHANGE)[0]!;
    expect(exchange.headers.authorization).toBe(basic("", API_TOKEN));
    expect(JSON.parse(exchange.body)).toEqual({});
    expect(new Set(s.callsTo(SELF).map((c) => c.headers.authorization))).toEqual(new Set([`Bearer ${s.bearers[0]}`]));
  });

  it("exchanges again at exp - 5 min, not before", async () => {
    const s = fakeScalingo();
    const client = s.client();
    const start = s.clock.now();
    await client.GET("/v1/users/self");
    const exp = Math.floor((start + HOUR) / 1000) * 1000;
    s.clock.set(exp - 5 * MIN - 1);
    await client.GET("/v1/users/self");
    expect(s.count(EXCHANGE)).toBe(1);
    s.clock.set(exp - 5 * MIN);
    await client.GET("/v1/users/self");
    expect(s.count(EXCHANGE)).toBe(2);
    expect(s.callsTo(SELF).at(-1)!.headers.authorization).toBe(`Bearer ${s.bearers[1]}`);
  });

  it("concurrent calls on an expiring client share one exchange", async () => {
    const s = fakeScalingo();
    const client = s.client();
    await client.GET("/v1/users/self");
    s.clock.set(s.clock.now() + HOUR - 2 * MIN);
    await Promise.all(Array.from({ length: 50 }, () => client.GET("/v1/users/self")));
    expect(s.count(EXCHANGE)).toBe(2);
  });

  it("refreshMarginMs is configurable", async () => {
    const s = fakeScalingo();
    const client = s.client({ refreshMarginMs: 15 * MIN });
    await client.GET("/v1/users/self");
    s.clock.set(s.clock.now() + 45 * MIN - 1_000);
    await client.GET("/v1/users/self");
    expect(s.count(EXCHANGE)).toBe(1);
    s.clock.set(s.clock.now() + 1_000);
    await client.GET("/v1/users/self");
    expect(s.count(EXCHANGE)).toBe(2);
  });

  it("a 401 on a bearer call triggers one re-exchange and one replay", async () => {
    const s = fakeScalingo();
    const client = s.client();
    s.on(SELF, (request) =>
      request.headers.get("authorization") === `Bearer ${s.bearers[0]}`
        ? json(401, { error: "You are not authorized to do this operation" })
        : json(200, { user: { id: "us-2" } }),
    );
    const { data } = await client.GET("/v1/users/self");
    expect(data?.user.id).toBe("us-2");
    expect(s.count(EXCHANGE)).toBe(2);
    expect(s.count(SELF)).toBe(2);
  });

  it("a persistent 401 re-exchanges once, not in a loop, then throws UnauthorizedError", async () => {
    const s = fakeScalingo();
    const client = s.client();
    s.on(SELF, () => json(401, { error: "You are not authorized to do this operation" }, { "x-request-id": "req-42" }));
    const err = await client.GET("/v1/users/self").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect(err).toMatchObject({ method: "GET", path: "/v1/users/self", status: 401, requestId: "req-42", body: { error: "You are not authorized to do this operation" } });
    expect(s.count(EXCHANGE)).toBe(2);
    expect(s.count(SELF)).toBe(2);
  });

  it("100 concurrent calls hit by a 401 share one re-exchange", async () => {
    const s = fakeScalingo();
    const client = s.client();
    await client.GET("/v1/users/self");
    s.on(SELF, (request) =>
      request.headers.get("authorization") === `Bearer ${s.bearers[0]}` ? json(401, { error: "expired" }) : json(200, { user: { id: "us-3" } }),
    );
    const results = await Promise.all(Array.from({ length: 100 }, () => client.GET("/v1/users/self")));
    expect(results.every((r) => r.data?.user.id === "us-3")).toBe(true);
    expect(s.count(EXCHANGE)).toBe(2);
  });

  it("a rejected API token (401 on the exchange) is final: no loop, the error names the exchange", async () => {
    const s = fakeScalingo();
    const client = s.client();
    s.on(EXCHANGE, () => json(401, { error: "invalid token" }));
    const err = await client.GET("/v1/users/self").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect(err).toMatchObject({ method: "POST", path: "/v1/tokens/exchange", status: 401 });
    expect(s.count(EXCHANGE)).toBe(1);
    expect(s.count(SELF)).toBe(0);
    // the next call tries again (a failed exchange is not cached)
    await client.GET("/v1/users/self").catch(() => undefined);
    expect(s.count(EXCHANGE)).toBe(2);
  });

  it("an exchange answer without a token is an InvalidResponseError", async () => {
    const s = fakeScalingo();
    s.on(EXCHANGE, () => json(200, { bearer: "nope" }));
    const err = await s.client().GET("/v1/users/self").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect((err as Error).message).toContain("POST /v1/tokens/exchange → 200");
  });

  it("a bearer without exp is kept one hour", async () => {
    const s = fakeScalingo();
    s.on(EXCHANGE, () => json(200, { token: "opaque-bearer-value-123" }));
    const client = s.client();
    await client.GET("/v1/users/self");
    s.clock.set(s.clock.now() + 55 * MIN - 1);
    await client.GET("/v1/users/self");
    expect(s.count(EXCHANGE)).toBe(1);
    s.clock.set(s.clock.now() + 1);
    await client.GET("/v1/users/self");
    expect(s.count(EXCHANGE)).toBe(2);
  });

  it("a local clock ahead of the server's does not cause an exchange per call (lifetime from iat)", async () => {
    const s = fakeScalingo();
    const serverNow = s.clock.now() - 2 * HOUR; // the server's clock is 2 h behind ours
    s.on(EXCHANGE, () => json(200, { token: makeJwt({ iat: serverNow / 1000, exp: (serverNow + HOUR) / 1000 }) }));
    const client = s.client();
    await client.GET("/v1/users/self");
    await client.GET("/v1/users/self");
    expect(s.count(EXCHANGE)).toBe(1);
  });

  it("a fixed bearer is sent as is: no exchange, and a 401 is final", async () => {
    const s = fakeScalingo();
    const jwt = makeJwt({ exp: 4102444800 });
    const client = s.client({ apiToken: undefined, bearer: jwt });
    await client.GET("/v1/users/self");
    expect(s.callsTo(SELF)[0]!.headers.authorization).toBe(`Bearer ${jwt}`);
    expect(await client.bearer()).toBe(jwt);
    s.on(SELF, () => json(401, { error: "expired" }));
    await expect(client.GET("/v1/users/self")).rejects.toBeInstanceOf(UnauthorizedError);
    expect(s.count(SELF)).toBe(2);
    expect(s.count(EXCHANGE)).toBe(0);
  });

  it("bearer + apiToken: the bearer is used until its exp - 5 min, then exchanged", async () => {
    const s = fakeScalingo();
    const seeded = makeJwt({ exp: (s.clock.now() + 20 * MIN) / 1000 });
    const client = s.client({ bearer: seeded });
    await client.GET("/v1/users/self");
    expect(s.count(EXCHANGE)).toBe(0);
    expect(s.callsTo(SELF)[0]!.headers.authorization).toBe(`Bearer ${seeded}`);
    s.clock.set(s.clock.now() + 15 * MIN);
    await client.GET("/v1/users/self");
    expect(s.count(EXCHANGE)).toBe(1);
    expect(s.callsTo(SELF)[1]!.headers.authorization).toBe(`Bearer ${s.bearers[0]}`);
  });

  it("bearer() returns the current bearer; refresh forces an exchange", async () => {
    const s = fakeScalingo();
    const client = s.client();
    expect(await client.bearer()).toBe(s.bearers[0]);
    expect(await client.bearer()).toBe(s.bearers[0]);
    expect(await client.bearer({ refresh: true })).toBe(s.bearers[1]);
    expect(s.count(EXCHANGE)).toBe(2);
    await expect(fakeScalingo().client({ apiToken: undefined }).bearer()).rejects.toThrow(/no credentials/);
  });

  it("the typed POST /v1/tokens/exchange is sent with the API token, not a bearer", async () => {
    const s = fakeScalingo();
    const client = s.client();
    const { data } = await client.POST("/v1/tokens/exchange", { body: {} });
    expect(data?.token).toBe(s.bearers[0]);
    expect(s.calls.map((c) => c.headers.authorization)).toEqual([basic("", API_TOKEN)]);
  });

  it("without credentials, calls are anonymous", async () => {
    const s = fakeScalingo();
    const client = s.client({ apiToken: undefined });
    await client.GET("/v1/regions");
    expect(s.calls[0]!.headers.authorization).toBeUndefined();
    expect(s.count(EXCHANGE)).toBe(0);
  });

  it("rejects empty credentials without echoing them", () => {
    const s = fakeScalingo();
    expect(() => s.client({ apiToken: "  " })).toThrow(TypeError);
    expect(() => s.client({ bearer: "" })).toThrow(/bearer must be a non-empty string/);
  });
});
