import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  ApiError,
  basicAuth,
  ConnectionError,
  createFetch,
  errorFromResponse,
  headerAuth,
  NotFoundError,
  redactText,
  redactValue,
  sanitizeError,
  SecretRegistry,
  TimeoutError,
  TokenCache,
  tokenAuth,
  UnauthorizedError,
  type UnprocessableEntityError,
  type AuthStrategy,
  type FetchPipelineOptions,
  type LogEntry,
} from "../../src/runtime/index.js";
import { BASE, FakeClock, hang, json, makeJwt, networkError, recordingFetch, recordingSleep, text, type Handler } from "./helpers.js";

const API_TOKEN = "tk-us-CANARYa1b2c3d4e5f6g7h8i9j0klmnopqrstuv";
const JWT = makeJwt({ exp: 1_900_000_000, sub: "CANARY-JWT-SUBJECT", uid: "CANARYJWTUID" });
const PASSWORD = "Pa55-CANARY-w0rd!";
const BASIC = Buffer.from(`:${API_TOKEN}`).toString("base64");
const CANARIES = [API_TOKEN, JWT, JWT.split(".")[1] ?? "", PASSWORD, BASIC, "CANARY"];

function renderings(err: unknown): string[] {
  const e = err as Error;
  return [
    e.message,
    String(e),
    JSON.stringify(e),
    inspect(e),
    inspect(e, { showHidden: true, depth: 20 }),
    e.stack ?? "",
    inspect(e.cause, { showHidden: true, depth: 20 }),
  ];
}

function expectClean(label: string, values: string[]): void {
  for (const value of values) {
    for (const canary of CANARIES) {
      if (value.includes(canary)) throw new Error(`${label}: leaked ${canary.slice(0, 12)}… in: ${value.slice(0, 300)}`);
    }
  }
}

/** Every failure path, each with auth holding the canaries. */
const scenarios: Array<[string, Handler, Partial<FetchPipelineOptions>?, string?]> = [
  ["401 echoing the API token in JSON", () => json(401, { error: `invalid token ${API_TOKEN}` })],
  ["401 echoing the bearer JWT", () => json(401, { error: `token ${JWT} expired` })],
  ["400 echoing the Authorization header as text", () => text(400, `bad header Authorization: Basic ${BASIC}\nBearer ${JWT}`)],
  ["422 with the password in field errors", () => json(422, { errors: { password: [`${PASSWORD} is too weak`], token: [API_TOKEN] } })],
  ["400 with secrets under sensitive keys", () => json(400, { error: "bad", password: PASSWORD, auth: { token: JWT, api_key: API_TOKEN } })],
  ["Keystone echoing the password", () => json(401, { error: { message: `Invalid password ${PASSWORD} for user`, code: 401 } })],
  ["gateway echoing X-Auth-Token", () => json(403, { error_msg: `X-Auth-Token: ${JWT} is not allowed`, error_code: "APIGW.0302" })],
  ["Rainbond echoing the key", () => json(404, { msg: `key ${API_TOKEN} unknown`, msg_show: API_TOKEN, resource: API_TOKEN })],
  ["500 HTML page with the token", () => text(500, `<html>${API_TOKEN}</html>`)],
  ["404 echoing the bearer in x-request-id", () => json(404, { error: "not found" }, { "x-request-id": `req-${JWT}` })],
  ["503 with the token in Retry-After-ish body", () => json(503, { message: `retry with ${JWT}` })],
  [
    "network error whose cause mentions the token",
    () => {
      throw networkError("ECONNRESET", `socket hang up while sending Authorization: Bearer ${JWT} to proxy?token=${API_TOKEN}`);
    },
  ],
  [
    "network error with a nested cause carrying the password",
    () => {
      throw new TypeError("fetch failed", { cause: new Error("proxy auth failed", { cause: new Error(`password=${PASSWORD}`) }) });
    },
  ],
  ["timeout", hang, { timeoutMs: 10, random: () => 0 }],
  ["secret in the URL path and query", () => json(404, { error: "not found" }), {}, `/v1/tokens/${API_TOKEN}?api_key=${API_TOKEN}&password=${PASSWORD}`],
  ["2xx with an invalid JSON body echoing the token", () => new Response(`oops ${API_TOKEN}`, { status: 200, headers: { "content-type": "application/json" } })],
];

describe("no secret ever leaks from an error or a log line", () => {
  it.each(scenarios)("%s", async (label, handler, extra = {}, path = "/v1/regions") => {
    const clock = new FakeClock();
    const { sleep } = recordingSleep(clock);
    const logs: LogEntry[] = [];
    const secrets = new SecretRegistry().add(PASSWORD);
    const cache = new TokenCache({ fetchToken: async () => ({ value: JWT }), clock });
    const { fetch } = recordingFetch(handler);
    const pipeline = createFetch({
      fetch,
      clock,
      sleep,
      secrets,
      auth: tokenAuth({ cache }),
      onLog: (e) => logs.push(e),
      ...extra,
    });
    // Basic credentials share the registry (as an exchange client would)
    basicAuth("", API_TOKEN).useSecrets?.(secrets);
    const outcome = pipeline(new Request(`${BASE}${path}`)).then(
      () => undefined,
      (e: unknown) => e,
    );
    for (let i = 0; i < 3; i++) await clock.advance(10);
    const err = await outcome;
    expect(err).toBeInstanceOf(ApiError);
    expectClean(label, renderings(err));
    expectClean(`${label} (logs)`, logs.map((l) => JSON.stringify(l)));
    expect(logs.length).toBeGreaterThan(0);
  });

  it("without any registry, pattern rules still catch JWTs, Bearer/Basic and key=value; a registry adds a platform's token shapes", () => {
    const body = JSON.stringify({ error: `got Bearer ${JWT} and ${API_TOKEN}, password=${PASSWORD}`, password: PASSWORD });
    const plain = errorFromResponse({ method: "POST", url: `${BASE}/v1/tokens/exchange`, status: 401, bodyText: body });
    expect(plain.message).toBe(`POST /v1/tokens/exchange → 401 Unauthorized: got Bearer [REDACTED] and ${API_TOKEN}, password=[REDACTED]`);
    const secrets = new SecretRegistry().addPattern(/\btk-[a-z]{2,4}-[A-Za-z0-9_-]{6,}/g);
    const err = errorFromResponse({ method: "POST", url: `${BASE}/v1/tokens/exchange`, status: 401, bodyText: body }, { secrets });
    expectClean("patterns", renderings(err));
    expect(err.message).toBe("POST /v1/tokens/exchange → 401 Unauthorized: got Bearer [REDACTED] and [REDACTED], password=[REDACTED]");
    expect(err.body).toEqual({ error: "got Bearer [REDACTED] and [REDACTED], password=[REDACTED]", password: "[REDACTED]" });
  });

  it("redacted fields stay useful: fieldErrors keep their keys, the body is scrubbed", async () => {
    const secrets = new SecretRegistry().add(API_TOKEN, PASSWORD);
    const e422 = errorFromResponse(
      { method: "POST", url: `${BASE}/v1/users`, status: 422, bodyText: JSON.stringify({ errors: { password: [`${PASSWORD} is too weak`] } }) },
      { secrets },
    ) as UnprocessableEntityError;
    expect(e422.fieldErrors).toEqual({ password: ["[REDACTED] is too weak"] });
    const e404 = errorFromResponse({ method: "GET", url: `${BASE}/x`, status: 404, bodyText: JSON.stringify({ resource: API_TOKEN }) }, { secrets }) as NotFoundError;
    expect(e404.body).toEqual({ resource: "[REDACTED]" });
  });

  it("the error never holds the Request, its headers or the full URL", async () => {
    const { fetch } = recordingFetch(() => json(404, { error: "nope" }));
    const err = (await createFetch({ fetch, auth: headerAuth("Authorization", API_TOKEN) })(new Request(`${BASE}/v1/x?q=1`)).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(NotFoundError);
    expect(Object.keys(err).sort()).toEqual(["body", "code", "method", "path", "requestId", "status"]);
    expect(err.path).toBe("/v1/x");
    expect(JSON.parse(JSON.stringify(err))).toEqual({
      name: "NotFoundError",
      message: "GET /v1/x → 404 Not Found: nope",
      method: "GET",
      path: "/v1/x",
      status: 404,
      body: { error: "nope" },
    });
  });

  it("ConnectionError keeps a sanitized cause (code and message), not the original object", async () => {
    const original = networkError("ECONNREFUSED", `connect ECONNREFUSED 10.0.0.1:443 ${API_TOKEN}`);
    (original as unknown as { request: unknown }).request = { headers: { authorization: `Basic ${BASIC}` } };
    const { fetch } = recordingFetch(() => {
      throw original;
    });
    const err = (await createFetch({ fetch, retry: false, auth: basicAuth("", API_TOKEN) })(new Request(`${BASE}/v1/x`)).catch((e: unknown) => e)) as ConnectionError;
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err.message).toBe("GET /v1/x → connection failed: connect ECONNREFUSED 10.0.0.1:443 [REDACTED]");
    expect(err.code).toBe("ECONNREFUSED");
    expect(err.neverSent).toBe(true);
    expect(err.cause).not.toBe(original);
    expect((err.cause as Error).message).toBe("fetch failed");
    expect(((err.cause as Error).cause as { code?: string }).code).toBe("ECONNREFUSED");
    expectClean("cause", renderings(err));
  });

  it("a non-ApiError thrown while authorizing is sanitized", async () => {
    const auth: AuthStrategy = {
      authorize: () => {
        throw new Error(`login failed for password ${PASSWORD}`);
      },
    };
    const secrets = new SecretRegistry().add(PASSWORD);
    const err = await createFetch({ fetch: recordingFetch(() => json(200, {})).fetch, auth, secrets })(new Request(`${BASE}/x`)).catch((e: unknown) => e);
    expect((err as Error).message).toBe("login failed for password [REDACTED]");
    expectClean("authorize", renderings(err));
  });

  it("TimeoutError and UnauthorizedError render cleanly with util.inspect", async () => {
    const t = new TimeoutError("GET /x → timed out after 5 ms", { method: "GET", path: "/x", timeoutMs: 5 });
    expect(inspect(t)).toContain("timeoutMs: 5");
    const u = new UnauthorizedError("GET /x → 401 Unauthorized", { method: "GET", path: "/x", status: 401 });
    expect(String(u)).toBe("UnauthorizedError: GET /x → 401 Unauthorized");
  });
});

describe("SecretRegistry and pattern rules", () => {
  it("redacts registered values and their URL/JSON-escaped forms; ignores tiny secrets", () => {
    const reg = new SecretRegistry().add('p@ss w"rd/1', "abc", "", undefined);
    expect(reg.redact('x p@ss w"rd/1 y')).toBe("x [REDACTED] y");
    expect(reg.redact(`x ${encodeURIComponent('p@ss w"rd/1')} y`)).toBe("x [REDACTED] y");
    expect(reg.redact(JSON.stringify({ v: 'p@ss w"rd/1' }))).toBe('{"v":"[REDACTED]"}');
    expect(reg.redact("abc")).toBe("abc");
    expect(reg.size).toBe(3); // the secret, its URL form and its JSON form: "abc" was too short to register
  });

  it("never prints its contents", () => {
    const reg = new SecretRegistry().add(API_TOKEN);
    expect(JSON.stringify(reg)).toBe('{"secrets":1}');
    expect(inspect(reg, { showHidden: true, depth: 10 })).toBe("SecretRegistry(1 secrets)");
    expect(String(reg)).toBe("SecretRegistry(1 secrets)");
  });

  it("auth strategies and token caches don't print secrets either", async () => {
    const cache = new TokenCache({ fetchToken: async () => ({ value: JWT }) });
    await cache.get();
    const strategies = [basicAuth("", API_TOKEN), headerAuth("Authorization", API_TOKEN), tokenAuth({ cache })];
    expectClean("strategies", [...strategies.map((s) => inspect(s, { showHidden: true, depth: 10 })), inspect(cache, { showHidden: true }), JSON.stringify(cache)]);
  });

  it.each([
    ["Authorization: Bearer abc.def-ghi_jkl", "Authorization: [REDACTED] [REDACTED]"],
    ["basic dXNlcjpwYXNzd29yZA==", "basic [REDACTED]"],
    ['{"access_token": "abcd1234", "x": 1}', '{"access_token": "[REDACTED]", "x": 1}'],
    ["?client_secret=s3cr3t&page=2", "?client_secret=[REDACTED]&page=2"],
    ["X-Subject-Token: MIIabc123", "X-Subject-Token: [REDACTED]"],
    ["token not found", "token not found"],
    ["Token expired", "Token expired"],
    ["Basic authentication failed", "Basic authentication failed"],
    ["Bearer eyJhbGciOi", "Bearer [REDACTED]"],
    ["GET /v1/regions → 404 Not Found: region eu-fr-1 not found", "GET /v1/regions → 404 Not Found: region eu-fr-1 not found"],
  ])("redactText(%j)", (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it("redactValue leaves the input untouched", () => {
    const input = { token: "abcdef", nested: [{ password: "x" }, "Bearer abc123defg"] };
    const out = redactValue(input);
    expect(out).toEqual({ token: "[REDACTED]", nested: [{ password: "[REDACTED]" }, "Bearer [REDACTED]"] });
    expect(input.token).toBe("abcdef");
  });

  it("sanitizeError copies name, code and frames only", () => {
    const e = Object.assign(new RangeError(`bad ${API_TOKEN}`), { code: "E_X", request: { secret: API_TOKEN } });
    const s = sanitizeError(e, new SecretRegistry().add(API_TOKEN));
    expect(s.name).toBe("RangeError");
    expect(s.message).toBe("bad [REDACTED]");
    expect((s as Error & { code?: string }).code).toBe("E_X");
    expect(Object.keys(s)).toEqual(["code"]);
    expect(s.stack?.split("\n")[0]).toBe("RangeError: bad [REDACTED]");
    expect(s.stack?.split("\n").length).toBeGreaterThan(1);
  });
});
