import { Buffer } from "node:buffer";
import { describe, expect, it } from "vitest";
import {
  base64Encode,
  basicAuth,
  bearerAuth,
  createFetch,
  decodeJwtPayload,
  headerAuth,
  jwtExpiresAt,
  SecretRegistry,
  TokenCache,
  tokenAuth,
  tokenFromJwt,
  UnauthorizedError,
  type Token,
} from "../../src/runtime/index.js";
import { b64url, BASE, FakeClock, json, makeJwt, recordingFetch, settle } from "./helpers.js";


const HOUR = 3_600_000;
const MIN = 60_000;

function counter(clock: FakeClock, lifetimeMs = HOUR) {
  let n = 0;
  const fetchToken = async (): Promise<Token> => {
    n += 1;
    await settle();
    return { value: `jwt-${n}-abcdef`, expiresAt: clock.now() + lifetimeMs };
  };
  return { fetchToken, count: () => n };
}

describe("TokenCache", () => {
  it("100 concurrent first calls share ONE refresh", async () => {
    const clock = new FakeClock();
    const { fetchToken, count } = counter(clock);
    const cache = new TokenCache({ fetchToken, clock });
    const tokens = await Promise.all(Array.from({ length: 100 }, () => cache.get()));
    expect(count()).toBe(1);
    expect(new Set(tokens)).toEqual(new Set(["jwt-1-abcdef"]));
    expect(cache.refreshCount).toBe(1);
  });

  it("peek() gives the token only while it needs no refresh, and never starts one", async () => {
    const clock = new FakeClock();
    const { fetchToken, count } = counter(clock);
    const cache = new TokenCache({ fetchToken, clock });
    expect(cache.peek()).toBeUndefined();
    expect(count()).toBe(0);
    await cache.get();
    expect(cache.peek()).toBe("jwt-1-abcdef");
    await clock.advance(HOUR - 5 * 60_000);
    expect(cache.peek()).toBeUndefined();
    expect(count()).toBe(1);
  });

  it("tokenAuth answers synchronously from a fresh cache (no promise per call), asynchronously when it must refresh", async () => {
    const clock = new FakeClock();
    const { fetchToken } = counter(clock);
    const auth = tokenAuth({ cache: new TokenCache({ fetchToken, clock }) });
    const request = new Request("https://auth.example/v1/regions");
    const first = auth.authorize(request);
    expect(first).toBeInstanceOf(Promise);
    expect(await first).toEqual({ Authorization: "Bearer jwt-1-abcdef" });
    expect(auth.authorize(request)).toEqual({ Authorization: "Bearer jwt-1-abcdef" });
  });

  it("refreshes at exp - 5 min, not before", async () => {
    const clock = new FakeClock();
    const { fetchToken, count } = counter(clock);
    const cache = new TokenCache({ fetchToken, clock });
    const start = clock.now();
    expect(await cache.get()).toBe("jwt-1-abcdef");
    const exp = start + HOUR;
    expect(cache.expiresAt).toBe(exp);
    clock.set(exp - 5 * MIN - 1);
    expect(await cache.get()).toBe("jwt-1-abcdef");
    expect(count()).toBe(1);
    clock.set(exp - 5 * MIN);
    expect(await cache.get()).toBe("jwt-2-abcdef");
    expect(count()).toBe(2);
  });

  it("concurrent callers on an expiring cache share one refresh", async () => {
    const clock = new FakeClock();
    const { fetchToken, count } = counter(clock);
    const cache = new TokenCache({ fetchToken, clock });
    await cache.get();
    clock.set(clock.now() + HOUR - MIN);
    const tokens = await Promise.all(Array.from({ length: 50 }, () => cache.get()));
    expect(count()).toBe(2);
    expect(new Set(tokens)).toEqual(new Set(["jwt-2-abcdef"]));
  });

  it("custom refreshMarginMs; short-lived tokens refresh at half-life, not on every call", async () => {
    const clock = new FakeClock();
    const { fetchToken, count } = counter(clock, 2 * MIN);
    const cache = new TokenCache({ fetchToken, clock, refreshMarginMs: 5 * MIN });
    await cache.get();
    await cache.get();
    expect(count()).toBe(1);
    clock.set(clock.now() + MIN - 1);
    await cache.get();
    expect(count()).toBe(1);
    clock.set(clock.now() + 1);
    await cache.get();
    expect(count()).toBe(2);
  });

  it("a failed refresh rejects all waiters; the next call tries again", async () => {
    let n = 0;
    const cache = new TokenCache({
      fetchToken: async () => {
        n += 1;
        await settle();
        if (n === 1) throw new Error("exchange failed");
        return { value: "jwt-ok-123456" };
      },
    });
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => cache.get()));
    expect(results.every((r) => r.status === "rejected" && (r.reason as Error).message === "exchange failed")).toBe(true);
    expect(n).toBe(1);
    expect(await cache.get()).toBe("jwt-ok-123456");
    expect(n).toBe(2);
  });

  it("a synchronously throwing fetchToken does not wedge the cache", async () => {
    let n = 0;
    const cache = new TokenCache({
      fetchToken: () => {
        n += 1;
        if (n === 1) throw new Error("sync");
        return Promise.resolve({ value: "jwt-ok-123456" });
      },
    });
    await expect(cache.get()).rejects.toThrow("sync");
    expect(await cache.get()).toBe("jwt-ok-123456");
  });

  it("invalidate(stale) is a no-op once the token has been replaced", async () => {
    const clock = new FakeClock();
    const { fetchToken, count } = counter(clock);
    const cache = new TokenCache({ fetchToken, clock });
    await cache.get();
    cache.invalidate("jwt-0-other");
    expect(await cache.get()).toBe("jwt-1-abcdef");
    cache.invalidate("jwt-1-abcdef");
    expect(await cache.get()).toBe("jwt-2-abcdef");
    expect(count()).toBe(2);
  });

  it("registers tokens with the secret registry", async () => {
    const secrets = new SecretRegistry();
    const cache = new TokenCache({ fetchToken: async () => ({ value: "jwt-secret-value" }), secrets });
    await cache.get();
    expect(secrets.redact("echo jwt-secret-value")).toBe("echo [REDACTED]");
  });
});

describe("JWT exp", () => {
  it("reads exp from an alg:none JWT (base64url, UTF-8 claims)", () => {
    const jwt = makeJwt({ exp: 1_900_000_000, sub: "usér-ü?>>", data: "~~~???" });
    expect(jwt.endsWith(".")).toBe(true);
    expect(jwtExpiresAt(jwt)).toBe(1_900_000_000_000);
    expect(decodeJwtPayload(jwt)?.sub).toBe("usér-ü?>>");
    expect(tokenFromJwt(jwt)).toEqual({ value: jwt, expiresAt: 1_900_000_000_000 });
  });

  it("reads exp from an HS256-shaped JWT", () => {
    const jwt = `${b64url('{"alg":"HS256"}')}.${b64url('{"exp":1700000000}')}.c2lnbmF0dXJl`;
    expect(jwtExpiresAt(jwt)).toBe(1_700_000_000_000);
  });

  it.each([["not-a-jwt"], ["a.b"], ["a.!!!.c"], [`x.${b64url("[1,2]")}.y`], [`x.${b64url('{"exp":"soon"}')}.y`], [`x.${b64url("{bad json")}.y`]])(
    "undefined for %s",
    (token) => {
      expect(jwtExpiresAt(token)).toBeUndefined();
    },
  );
});

describe("static strategies", () => {
  it("headerAuth sends a raw key (Rainbond)", async () => {
    const { fetch, calls } = recordingFetch(() => json(200, {}));
    await createFetch({ fetch, auth: headerAuth("Authorization", "rb-raw-key-123") })(new Request(`${BASE}/console/regions`));
    expect(calls[0]?.headers.authorization).toBe("rb-raw-key-123");
  });

  it("bearerAuth", async () => {
    const { fetch, calls } = recordingFetch(() => json(200, {}));
    await createFetch({ fetch, auth: bearerAuth("tok-123456") })(new Request(`${BASE}/x`));
    expect(calls[0]?.headers.authorization).toBe("Bearer tok-123456");
  });

  it("basicAuth encodes UTF-8 like Buffer does", async () => {
    expect(base64Encode(":tk-us-abc")).toBe(Buffer.from(":tk-us-abc").toString("base64"));
    expect(base64Encode("jöhn:pässwörd☃")).toBe(Buffer.from("jöhn:pässwörd☃").toString("base64"));
    const { fetch, calls } = recordingFetch(() => json(200, {}));
    await createFetch({ fetch, auth: basicAuth("", "tk-us-123456") })(new Request(`${BASE}/v1/tokens/exchange`, { method: "POST" }));
    expect(calls[0]?.headers.authorization).toBe(`Basic ${Buffer.from(":tk-us-123456").toString("base64")}`);
  });

  it("auth headers replace caller-set ones; { auth: false } skips auth", async () => {
    const { fetch, calls } = recordingFetch(() => json(200, {}));
    const pipeline = createFetch({ fetch, auth: bearerAuth("tok-123456") });
    await pipeline(new Request(`${BASE}/x`, { headers: { authorization: "Bearer forged" } }));
    await pipeline.with({ auth: false })(new Request(`${BASE}/public`));
    expect(calls[0]?.headers.authorization).toBe("Bearer tok-123456");
    expect(calls[1]?.headers.authorization).toBeUndefined();
  });

  it("default headers and user agent are added unless the request sets them", async () => {
    const { fetch, calls } = recordingFetch(() => json(200, {}));
    const pipeline = createFetch({ fetch, headers: { accept: "application/json", "x-a": "default" }, userAgent: "openregions/0.1" });
    await pipeline(new Request(`${BASE}/x`, { headers: { "x-a": "mine" } }));
    expect(calls[0]?.headers).toMatchObject({ accept: "application/json", "x-a": "mine", "user-agent": "openregions/0.1" });
  });
});

describe("token auth through the pipeline", () => {
  it("100 concurrent first requests: one token refresh, all authorized", async () => {
    const clock = new FakeClock();
    const { fetchToken, count } = counter(clock);
    const { fetch, calls } = recordingFetch(() => json(200, { ok: true }));
    const pipeline = createFetch({ fetch, clock, auth: tokenAuth({ cache: new TokenCache({ fetchToken, clock }) }) });
    const responses = await Promise.all(Array.from({ length: 100 }, (_, i) => pipeline(new Request(`${BASE}/v1/regions/${i}`))));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(count()).toBe(1);
    expect(calls).toHaveLength(100);
    expect(new Set(calls.map((c) => c.headers.authorization))).toEqual(new Set(["Bearer jwt-1-abcdef"]));
  });

  it("Huawei style: bare token in X-Auth-Token", async () => {
    const cache = new TokenCache({ fetchToken: async () => ({ value: "MIIhuawei-token" }) });
    const { fetch, calls } = recordingFetch(() => json(200, {}));
    await createFetch({ fetch, auth: tokenAuth({ cache, headerName: "X-Auth-Token", scheme: null }) })(new Request(`${BASE}/v3/regions`));
    expect(calls[0]?.headers["x-auth-token"]).toBe("MIIhuawei-token");
    expect(calls[0]?.headers.authorization).toBeUndefined();
  });

  it("a 401 invalidates, refreshes once and replays once, then succeeds", async () => {
    const clock = new FakeClock();
    const { fetchToken, count } = counter(clock);
    const { fetch, calls } = recordingFetch([() => json(401, { error: "token expired" }), () => json(200, { ok: true })]);
    const pipeline = createFetch({ fetch, clock, auth: tokenAuth({ cache: new TokenCache({ fetchToken, clock }) }) });
    const res = await pipeline(new Request(`${BASE}/v1/regions`));
    expect(res.status).toBe(200);
    expect(count()).toBe(2);
    expect(calls.map((c) => c.headers.authorization)).toEqual(["Bearer jwt-1-abcdef", "Bearer jwt-2-abcdef"]);
  });

  it("a persistent 401: re-auth happens once, then UnauthorizedError (no loop)", async () => {
    const clock = new FakeClock();
    const { fetchToken, count } = counter(clock);
    const { fetch, calls } = recordingFetch(() => json(401, { error: "invalid token" }));
    const pipeline = createFetch({ fetch, clock, auth: tokenAuth({ cache: new TokenCache({ fetchToken, clock }) }) });
    const err = await pipeline(new Request(`${BASE}/v1/regions`)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect((err as UnauthorizedError).message).toBe("GET /v1/regions → 401 Unauthorized: invalid token");
    expect(calls).toHaveLength(2);
    expect(count()).toBe(2);
  });

  it("a POST gets the single 401 replay too (a 401 means it was rejected before processing)", async () => {
    const clock = new FakeClock();
    const { fetchToken } = counter(clock);
    const { fetch, calls } = recordingFetch([() => json(401, {}), () => json(201, { id: 1 })]);
    const pipeline = createFetch({ fetch, clock, auth: tokenAuth({ cache: new TokenCache({ fetchToken, clock }) }) });
    const res = await pipeline(new Request(`${BASE}/v1/apps`, { method: "POST", body: '{"name":"a"}' }));
    expect(res.status).toBe(201);
    expect(calls.map((c) => c.body)).toEqual(['{"name":"a"}', '{"name":"a"}']);
  });

  it("100 concurrent requests hitting 401 with the same stale token cause ONE refresh", async () => {
    const clock = new FakeClock();
    const { fetchToken, count } = counter(clock);
    const { fetch, calls } = recordingFetch((req) =>
      req.headers.get("authorization") === "Bearer jwt-1-abcdef" ? json(401, { error: "revoked" }) : json(200, { ok: true }),
    );
    const pipeline = createFetch({ fetch, clock, auth: tokenAuth({ cache: new TokenCache({ fetchToken, clock }) }) });
    const responses = await Promise.all(Array.from({ length: 100 }, () => pipeline(new Request(`${BASE}/v1/regions`))));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(count()).toBe(2);
    expect(calls).toHaveLength(200);
  });

  it("static strategies have no onUnauthorized: the 401 surfaces at once", async () => {
    const { fetch, calls } = recordingFetch(() => json(401, { error: "bad key" }));
    const err = await createFetch({ fetch, auth: headerAuth("Authorization", "rb-raw-key-123") })(new Request(`${BASE}/x`)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect(calls).toHaveLength(1);
  });

  it("an ApiError from the token exchange propagates unchanged", async () => {
    const exchange = createFetch({ fetch: recordingFetch(() => json(401, { error: "OTP Required" })).fetch });
    // (the OTP class itself is Scalingo's: see scalingo/errors.test.ts)
    const cache = new TokenCache({
      fetchToken: async () => {
        const res = await exchange(new Request(`${BASE}/v1/tokens/exchange`, { method: "POST" }));
        return tokenFromJwt(((await res.json()) as { token: string }).token);
      },
    });
    const { fetch, calls } = recordingFetch(() => json(200, {}));
    const err = await createFetch({ fetch, auth: tokenAuth({ cache }) })(new Request(`${BASE}/v1/regions`)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect((err as UnauthorizedError).message).toBe("POST /v1/tokens/exchange → 401 Unauthorized: OTP Required");
    expect(calls).toHaveLength(0);
  });
});
