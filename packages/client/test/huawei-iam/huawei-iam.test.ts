import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  ConnectionError,
  createHuaweiIamClient,
  ForbiddenError,
  InsecureUrlError,
  InvalidResponseError,
  type NotFoundError,
  ServerError,
  UnauthorizedError,
  type HuaweiIamClientOptions,
  type HuaweiIamPasswordCredentials,
  type HuaweiIamRegion,
} from "../../src/huawei-iam.js";
import { failure, FakeClock, json, networkError, recordingFetch, settle, testPipeline, text, type Handler } from "../runtime/helpers.js";

const IAM = "https://iam.hcs.test";
const HOUR = 3_600_000;
const MIN = 60_000;
const PASSWORD = "Pa55-CANARY-w0rd!";
const CREDENTIALS: HuaweiIamPasswordCredentials = { username: "apiuser", password: PASSWORD, domain: "hcs_tenant01", project: "region_name2_project" };

const REGION: HuaweiIamRegion = {
  id: "1500365963661574434",
  parent_region_id: null,
  description: "",
  type: "public",
  locales: { "en-us": "region_name1", "zh-cn": "区域1" },
  links: { self: "https://sample.domain.com/v3/regions/1500365963661574434" },
};
const REGION_LIST = { regions: [REGION], links: { self: "https://sample.domain.com/v3/regions", previous: null, next: null } };

const iso = (ms: number): string => new Date(ms).toISOString().replace("Z", "000Z"); // Keystone style: microseconds

function tokenBody(issuedAt: number, lifetimeMs = 24 * HOUR) {
  return {
    token: {
      methods: ["password"],
      issued_at: iso(issuedAt),
      expires_at: iso(issuedAt + lifetimeMs),
      user: { id: "9f0e1d2c", name: "apiuser", domain: { id: "0a6a61b0", name: "hcs_tenant01" } },
      project: { id: "6a1f2f3a", name: "region_name2_project", domain: { id: "0a6a61b0", name: "hcs_tenant01" } },
      roles: [{ id: "2b8c4d1e", name: "te_admin" }],
    },
  };
}

interface FakeIamOptions {
  /** Server clock offset from the client's (skew), ms. */
  skewMs?: number;
  lifetimeMs?: number;
  /** Override the login answer (index = login number, 1-based). */
  login?: (n: number, request: Request) => Response | Promise<Response> | undefined;
  /** Override the answer to a token-protected call. */
  call?: (request: Request, token: string | null) => Response | Promise<Response> | undefined;
}

/** A small in-memory IAM: logins issue TOKEN-CANARY-<n>; only the latest token is accepted. */
function fakeIam(clock: FakeClock, options: FakeIamOptions = {}) {
  let logins = 0;
  let current: string | undefined;
  const handler: Handler = async (request) => {
    const url = new URL(request.url);
    if (request.method === "POST" && url.pathname === "/v3/auth/tokens") {
      logins += 1;
      const n = logins;
      await settle();
      const custom = await options.login?.(n, request);
      if (custom) return custom;
      current = `MIIDkgYJ-TOKEN-CANARY-${n}-${"x".repeat(40)}`;
      return json(201, tokenBody(clock.now() + (options.skewMs ?? 0), options.lifetimeMs), { "X-Subject-Token": current });
    }
    if (request.method === "GET" && url.pathname === "/v3") {
      return json(200, { version: { id: "v3.6", status: "stable", updated: "2016-04-04T00:00:00Z", links: [{ rel: "self", href: `${IAM}/v3/` }], "media-types": [{ base: "application/json", type: "application/vnd.openstack.identity-v3+json" }] } });
    }
    const token = request.headers.get("x-auth-token");
    const custom = await options.call?.(request, token);
    if (custom) return custom;
    if (token === null || token !== current) {
      return json(401, { error: { code: 401, title: "Unauthorized", message: "The request you have made requires authentication." } }, { "WWW-Authenticate": `Keystone uri="${IAM}/v3"` });
    }
    if (url.pathname === "/v3/regions") return json(200, REGION_LIST);
    if (url.pathname.startsWith("/v3/regions/")) {
      const id = decodeURIComponent(url.pathname.slice("/v3/regions/".length));
      if (id !== REGION.id) return json(404, { error: { code: 404, title: "Not Found", message: `Could not find region: ${id}.` } });
      return json(200, { region: REGION });
    }
    return text(404, "no route");
  };
  return { handler, logins: () => logins, current: () => current };
}

function setup(iamOptions: FakeIamOptions = {}, options: Partial<HuaweiIamClientOptions> = {}) {
  const clock = new FakeClock();
  const iam = fakeIam(clock, iamOptions);
  const { options: pipeline, calls, sleeps, logs } = testPipeline(iam.handler, clock);
  const client = createHuaweiIamClient({ baseUrl: IAM, credentials: CREDENTIALS, ...pipeline, ...options } as HuaweiIamClientOptions);
  const loginCalls = () => calls.filter((c) => c.method === "POST" && c.url.includes("/v3/auth/tokens"));
  const apiCalls = () => calls.filter((c) => !c.url.includes("/v3/auth/tokens"));
  return { client, clock, iam, calls, sleeps, logs, loginCalls, apiCalls };
}

describe("Huawei IAM: password login", () => {
  it("posts the password method, the user's domain and the project scope, with nocatalog", async () => {
    const { client, loginCalls } = setup();
    await client.listRegions();
    const login = loginCalls()[0]!;
    expect(login.method).toBe("POST");
    expect(login.url).toBe(`${IAM}/v3/auth/tokens?nocatalog=true`);
    expect(login.headers["content-type"]).toBe("application/json");
    expect(login.headers["x-auth-token"]).toBeUndefined();
    expect(JSON.parse(login.body)).toEqual({
      auth: {
        identity: {
          methods: ["password"],
          password: { user: { name: "apiuser", password: PASSWORD, domain: { name: "hcs_tenant01" } } },
        },
        scope: { project: { name: "region_name2_project" } },
      },
    });
  });

  it.each<[string, HuaweiIamPasswordCredentials, object]>([
    ["project id", { username: "u", password: PASSWORD, domain: "acme", projectId: "6a1f2f3a" }, { project: { id: "6a1f2f3a" } }],
    ["no project: the domain", { username: "u", password: PASSWORD, domain: "acme" }, { domain: { name: "acme" } }],
  ])("scope by %s", async (_label, credentials, scope) => {
    const { client, loginCalls } = setup({}, { credentials });
    await client.listRegions();
    expect(JSON.parse(loginCalls()[0]!.body).auth.scope).toEqual(scope);
  });

  it("reads the token from X-Subject-Token and sends it verbatim in X-Auth-Token", async () => {
    const { client, iam, apiCalls } = setup();
    expect(await client.listRegions()).toEqual([REGION]);
    expect(await client.getRegion(REGION.id)).toEqual(REGION);
    const token = iam.current()!;
    expect(apiCalls().map((c) => c.headers["x-auth-token"])).toEqual([token, token]);
    expect(apiCalls().every((c) => c.headers.authorization === undefined)).toBe(true);
  });

  it("reuses the token until expires_at - 5 min, then logs in again before it expires", async () => {
    const { client, clock, iam } = setup();
    const start = clock.now();
    await client.listRegions();
    expect(iam.logins()).toBe(1);
    clock.set(start + 24 * HOUR - 5 * MIN - 1);
    await client.listRegions();
    expect(iam.logins()).toBe(1);
    clock.set(start + 24 * HOUR - 5 * MIN);
    await client.listRegions();
    expect(iam.logins()).toBe(2);
    clock.set(start + 24 * HOUR + HOUR);
    await client.listRegions();
    expect(iam.logins()).toBe(2);
  });

  it("refreshMarginMs moves the re-login", async () => {
    const { client, clock, iam } = setup({}, { refreshMarginMs: HOUR });
    const start = clock.now();
    await client.listRegions();
    clock.set(start + 23 * HOUR - 1);
    await client.listRegions();
    expect(iam.logins()).toBe(1);
    clock.set(start + 23 * HOUR);
    await client.listRegions();
    expect(iam.logins()).toBe(2);
  });

  it("counts the lifetime (expires_at - issued_at) from the local send time, so a skewed server clock does not matter", async () => {
    // the server thinks it is 3 years ago (like the mock's 2022 example): its expires_at is long past for us
    const { client, clock, iam } = setup({ skewMs: -3 * 365 * 24 * HOUR });
    const start = clock.now();
    await client.listRegions();
    await client.listRegions();
    clock.set(start + 23 * HOUR);
    await client.listRegions();
    expect(iam.logins()).toBe(1);
    clock.set(start + 24 * HOUR - 5 * MIN);
    await client.listRegions();
    expect(iam.logins()).toBe(2);
  });

  it("without issued_at, expires_at is used as is; without either, 24 h", async () => {
    const clock = new FakeClock();
    let body: object = {};
    const handler: Handler = (request) =>
      request.method === "POST" ? json(201, body, { "X-Subject-Token": "TOKEN-abcdef-123456" }) : json(200, REGION_LIST);
    const { fetch } = recordingFetch(handler);
    const start = clock.now();
    let logins = 0;
    const counting = (request: Request) => {
      if (request.method === "POST") logins += 1;
      return fetch(request);
    };
    const client = createHuaweiIamClient({ baseUrl: IAM, credentials: CREDENTIALS, fetch: counting, clock });
    body = { token: { methods: ["password"], expires_at: iso(start + 2 * HOUR), user: {} } };
    await client.listRegions();
    clock.set(start + 2 * HOUR - 5 * MIN - 1);
    await client.listRegions();
    expect(logins).toBe(1);
    body = {};
    clock.set(start + 2 * HOUR - 5 * MIN);
    await client.listRegions();
    expect(logins).toBe(2);
    const second = clock.now();
    clock.set(second + 24 * HOUR - 5 * MIN - 1);
    await client.listRegions();
    expect(logins).toBe(2);
  });

  it("100 concurrent first calls share ONE login", async () => {
    const { client, iam, apiCalls } = setup();
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? client.listRegions() : client.getRegion(REGION.id))));
    expect(results).toHaveLength(100);
    expect(iam.logins()).toBe(1);
    expect(new Set(apiCalls().map((c) => c.headers["x-auth-token"]))).toEqual(new Set([iam.current()]));
  });

  it("a missing X-Subject-Token header is an InvalidResponseError naming the CORS cause", async () => {
    const { client } = setup({ login: () => json(201, tokenBody(Date.now())) });
    const err = await failure(client.listRegions());
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect(err.message).toMatch(/^POST \/v3\/auth\/tokens → 201 Created: no X-Subject-Token header/);
    expect(err.message).toContain("Access-Control-Expose-Headers");
  });

  it("the login is retried on 503 (it creates nothing persistent) but never on 400/401", async () => {
    const flaky = setup({ login: (n) => (n === 1 ? json(503, { error: { code: 503, title: "Service Unavailable", message: "busy" } }) : undefined) });
    expect(await flaky.client.listRegions()).toEqual([REGION]);
    expect(flaky.iam.logins()).toBe(2);
    expect(flaky.sleeps).toHaveLength(1);

    const bad = setup({ login: () => json(400, { error_msg: "The request body is invalid.", error_code: "IAM.0007" }) });
    expect(await failure(bad.client.listRegions())).toMatchObject({ name: "BadRequestError", code: "IAM.0007" });
    expect(bad.iam.logins()).toBe(1);
  });

  it("a wrong password: UnauthorizedError from the login, sent once, no API call made", async () => {
    const { client, iam, apiCalls } = setup({
      login: () => json(401, { error: { code: 401, title: "Unauthorized", message: "The username or password is wrong." } }),
    });
    const err = await failure(client.listRegions());
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect(err.message).toBe("POST /v3/auth/tokens → 401 Unauthorized: The username or password is wrong.");
    expect(iam.logins()).toBe(1);
    expect(apiCalls()).toHaveLength(0);
  });

  it("concurrent callers share a refused login; later calls fail at once until the cool-down ends", async () => {
    const { client, iam, clock } = setup({ login: (n) => (n === 1 ? json(403, { error_msg: "The account is locked.", error_code: "IAM.0104" }) : undefined) });
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => client.listRegions()));
    expect(results.every((r) => r.status === "rejected" && r.reason instanceof ForbiddenError)).toBe(true);
    expect(iam.logins()).toBe(1);

    await clock.advance(15 * MIN - 1);
    const again = await failure(client.listRegions());
    expect(again).toBeInstanceOf(ForbiddenError);
    expect(again).toMatchObject({ status: 403, code: "IAM.0104", method: "POST", path: "/v3/auth/tokens" });
    expect(again.message).toBe(
      "POST /v3/auth/tokens → 403 Forbidden: The account is locked. (IAM.0104) (login refused earlier: not sent again for 1 min, so that repeated failures do not lock the account)",
    );
    expect(iam.logins()).toBe(1);

    await clock.advance(1);
    expect(await client.listRegions()).toEqual([REGION]);
    expect(iam.logins()).toBe(2);
  });

  it("a wrong password is sent once per cool-down, however many calls follow", async () => {
    const { client, iam, clock, apiCalls } = setup({
      login: () => json(401, { error: { code: 401, title: "Unauthorized", message: "The username or password is wrong." } }),
    });
    for (let i = 0; i < 10; i++) expect(await failure(client.listRegions())).toBeInstanceOf(UnauthorizedError);
    expect(iam.logins()).toBe(1);
    await clock.advance(15 * MIN);
    for (let i = 0; i < 10; i++) expect(await failure(client.getRegion(REGION.id))).toBeInstanceOf(UnauthorizedError);
    expect(iam.logins()).toBe(2);
    expect(apiCalls()).toHaveLength(0);
  });

  it("refusedLoginCooldownMs: 0 tries the login on every call; a 5xx or 429 is never remembered", async () => {
    const refused = setup({ login: () => json(401, { error: { code: 401, title: "Unauthorized", message: "wrong" } }) }, { refusedLoginCooldownMs: 0 });
    await failure(refused.client.listRegions());
    await failure(refused.client.listRegions());
    expect(refused.iam.logins()).toBe(2);

    const busy = setup({ login: (n) => (n <= 2 ? json(429, { error_msg: "Too many requests", error_code: "IAM.0005" }) : undefined) }, { retry: false });
    expect(await failure(busy.client.listRegions())).toMatchObject({ status: 429 });
    expect(await failure(busy.client.listRegions())).toMatchObject({ status: 429 });
    expect(await busy.client.listRegions()).toEqual([REGION]);
    expect(busy.iam.logins()).toBe(3);
  });
});

describe("Huawei IAM: 401 on a call", () => {
  it("401 → one re-login + one retry, then success", async () => {
    let rejectNext = false;
    const { client, iam, apiCalls } = setup({
      call: () => {
        if (!rejectNext) return undefined;
        rejectNext = false;
        return json(401, { error: { code: 401, title: "Unauthorized", message: "The token has been revoked." } });
      },
    });
    await client.listRegions();
    rejectNext = true;
    expect(await client.getRegion(REGION.id)).toEqual(REGION);
    expect(iam.logins()).toBe(2);
    const sent = apiCalls().map((c) => c.headers["x-auth-token"]);
    expect(sent[1]).toBe(sent[0]);
    expect(sent[2]).toBe(iam.current());
    expect(sent[2]).not.toBe(sent[0]);
  });

  it("401 again after the re-login → UnauthorizedError (exactly 2 logins, 2 attempts, no loop)", async () => {
    const { client, iam, apiCalls, logs } = setup({
      call: () => json(401, { error_msg: "Incorrect IAM authentication information: token expired", error_code: "IAM.0001" }),
    });
    const err = await failure(client.listRegions());
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect(err.message).toBe("GET /v3/regions → 401 Unauthorized: Incorrect IAM authentication information: token expired (IAM.0001)");
    expect((err as UnauthorizedError).code).toBe("IAM.0001");
    expect(iam.logins()).toBe(2);
    expect(apiCalls()).toHaveLength(2);
    expect(logs.some((l) => l.level === "info" && l.message.includes("replaying once"))).toBe(true);
  });

  it("100 concurrent calls failing with the same stale token cause ONE re-login", async () => {
    let stale: string | undefined;
    const { client, iam } = setup({ call: (_request, token) => (token === stale ? json(401, { error: { code: 401, title: "Unauthorized", message: "expired" } }) : undefined) });
    await client.listRegions();
    stale = iam.current();
    const results = await Promise.all(Array.from({ length: 100 }, () => client.listRegions()));
    expect(results).toHaveLength(100);
    expect(iam.logins()).toBe(2);
  });

  it("with a fixed token, a 401 is not replayed", async () => {
    const clock = new FakeClock();
    const { fetch, calls } = recordingFetch(() => json(401, { error: { code: 401, title: "Unauthorized", message: "The request you have made requires authentication." } }));
    const client = createHuaweiIamClient({ baseUrl: IAM, token: "FIXED-TOKEN-CANARY-abcdef", fetch, clock });
    const err = await failure(client.listRegions());
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.headers["x-auth-token"]).toBe("FIXED-TOKEN-CANARY-abcdef");
    expect(JSON.stringify(err)).not.toContain("CANARY");
  });
});

describe("Huawei IAM: helpers and public endpoints", () => {
  it("getVersion needs no token and triggers no login", async () => {
    const { client, calls } = setup();
    const version = await client.getVersion();
    expect(version.id).toBe("v3.6");
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe(`${IAM}/v3`);
    expect(calls[0]?.headers["x-auth-token"]).toBeUndefined();
  });

  it("raw GET /v3 and POST /v3/auth/tokens through the client get no token either", async () => {
    const { client, calls, iam } = setup();
    await client.GET("/v3");
    const { response } = await client.POST("/v3/auth/tokens", {
      body: { auth: { identity: { methods: ["password"], password: { user: { name: "other", password: PASSWORD, domain: { name: "d" } } } }, scope: { domain: { name: "d" } } } },
    });
    expect(response.status).toBe(201);
    expect(calls.every((c) => c.headers["x-auth-token"] === undefined)).toBe(true);
    expect(iam.logins()).toBe(1);
  });

  it("a 401 on a raw POST /v3/auth/tokens is not answered with a re-login and replay", async () => {
    const { client, iam } = setup({ login: (n) => (n === 1 ? json(401, { error: { code: 401, title: "Unauthorized", message: "wrong password" } }) : undefined) });
    const body = { auth: { identity: { methods: ["password" as const], password: { user: { name: "u", password: PASSWORD, domain: { name: "d" } } } }, scope: { domain: { name: "d" } } } };
    expect(await failure(client.POST("/v3/auth/tokens", { body }))).toBeInstanceOf(UnauthorizedError);
    expect(iam.logins()).toBe(1);
  });

  it("listRegions passes parent_region_id", async () => {
    const { client, apiCalls } = setup();
    await client.listRegions({ parentRegionId: "1500365963661574434" });
    expect(apiCalls()[0]?.url).toBe(`${IAM}/v3/regions?parent_region_id=1500365963661574434`);
  });

  it("a base URL ending in /v3 (a Keystone auth_url) is accepted", async () => {
    const { client, calls } = setup({}, { baseUrl: `${IAM}/v3/` });
    await client.listRegions();
    expect(calls.map((c) => new URL(c.url).pathname)).toEqual(["/v3/auth/tokens", "/v3/regions"]);
  });

  it("a base URL with a path prefix keeps public endpoints public", async () => {
    const { fetch, calls } = recordingFetch(() => json(200, { version: { id: "v3.6" } }));
    const client = createHuaweiIamClient({ baseUrl: "https://gw.hcs.test/iam", credentials: CREDENTIALS, fetch });
    await client.getVersion();
    expect(calls[0]?.url).toBe("https://gw.hcs.test/iam/v3");
    expect(calls).toHaveLength(1);
  });
});

describe("Huawei IAM: both error shapes give readable, typed errors", () => {
  it.each<[string, Response, string, string | undefined, string]>([
    ["Keystone 404", json(404, { error: { code: 404, title: "Not Found", message: "Could not find region: nope." } }), "NotFoundError", "404", "GET /v3/regions/nope → 404 Not Found: Could not find region: nope."],
    ["gateway 404", json(404, { error_msg: "The region does not exist.", error_code: "IAM.0004", request_id: "abc" }), "NotFoundError", "IAM.0004", "GET /v3/regions/nope → 404 Not Found: The region does not exist. (IAM.0004)"],
    ["Keystone 403", json(403, { error: { code: 403, title: "Forbidden", message: "You are not authorized to perform the requested action." } }), "ForbiddenError", "403", "GET /v3/regions/nope → 403 Forbidden: You are not authorized to perform the requested action."],
    ["gateway 403", json(403, { error_msg: "Policy doesn't allow iam:regions:get to be performed.", error_code: "IAM.0003" }), "ForbiddenError", "IAM.0003", "GET /v3/regions/nope → 403 Forbidden: Policy doesn't allow iam:regions:get to be performed. (IAM.0003)"],
    ["Keystone title only", json(400, { error: { code: 400, title: "Bad Request" } }), "BadRequestError", "400", "GET /v3/regions/nope → 400 Bad Request: Bad Request"],
  ])("%s", async (_label, response, name, code, message) => {
    const { client } = setup({ call: () => response.clone() }, { retry: false });
    const err = await failure(client.getRegion("nope"));
    expect(err.name).toBe(name);
    expect(err.message).toBe(message);
    expect((err as NotFoundError).code).toBe(code);
    expect((err as NotFoundError).status).toBe(response.status);
  });

  it("5xx Keystone and gateway bodies on GET are retried, then a ServerError", async () => {
    const { client, apiCalls } = setup({ call: () => json(503, { error: { code: 503, title: "Service Unavailable", message: "The service is unavailable." } }) });
    const err = await failure(client.listRegions());
    expect(err).toBeInstanceOf(ServerError);
    expect(err.message).toBe("GET /v3/regions → 503 Service Unavailable: The service is unavailable.");
    expect(apiCalls()).toHaveLength(3);
  });

  it("a 200 HTML page → InvalidResponseError", async () => {
    const { client } = setup({ call: () => new Response("<html>portal</html>", { headers: { "content-type": "text/html;charset=utf-8" } }) });
    expect(await failure(client.listRegions())).toBeInstanceOf(InvalidResponseError);
  });
});

describe("Huawei IAM: password and tokens never leak", () => {
  const renderings = (err: Error): string[] => [
    err.message,
    String(err),
    JSON.stringify(err),
    inspect(err, { showHidden: true, depth: 20 }),
    err.stack ?? "",
    inspect(err.cause, { showHidden: true, depth: 20 }),
  ];
  const expectClean = (values: string[]): void => {
    for (const value of values) {
      expect(value).not.toContain("CANARY");
      expect(value).not.toContain(PASSWORD);
    }
  };

  it.each<[string, FakeIamOptions]>([
    ["login 401 echoing the password (Keystone)", { login: () => json(401, { error: { code: 401, title: "Unauthorized", message: `Invalid password ${PASSWORD} for user apiuser` } }) }],
    ["login 400 echoing the password (gateway)", { login: () => json(400, { error_msg: `bad body near "${PASSWORD}"`, error_code: "IAM.0007" }) }],
    ["login 500 echoing the whole request as text", { login: async (_n, request) => text(500, `failed: ${await request.clone().text()}`) }],
    ["login network error quoting the body", { login: () => Promise.reject(networkError("ECONNRESET", `reset while sending password=${PASSWORD}`)) }],
    ["call 401 echoing the token (gateway), twice", { call: (_r, token) => json(401, { error_msg: `token ${token} expired`, error_code: "IAM.0001" }) }],
    ["call 403 echoing the token in Keystone message", { call: (_r, token) => json(403, { error: { code: 403, title: "Forbidden", message: `X-Auth-Token ${token} may not list regions` } }) }],
    ["call network error quoting the header", { call: (_r, token) => Promise.reject(networkError("ECONNRESET", `socket closed after X-Auth-Token: ${token}`)) }],
    ["call 500 echoing headers as text", { call: (_r, token) => text(500, `upstream rejected headers {"X-Auth-Token": "${token}"}`) }],
  ])("%s", async (_label, iamOptions) => {
    const { client, logs } = setup(iamOptions);
    const err = await failure(client.listRegions());
    expectClean([...renderings(err), JSON.stringify(logs), ...logs.map((l) => l.message)]);
    expect(err instanceof ConnectionError || JSON.stringify(err).includes("[REDACTED]")).toBe(true);
  });

  it("the client object prints neither the password nor the token", async () => {
    const { client } = setup();
    await client.listRegions();
    expectClean([inspect(client, { showHidden: true, depth: 8 }), JSON.stringify(client) ?? ""]);
  });

  it("credential checks name the field, never the value", () => {
    const bad: Array<Record<string, unknown>> = [
      { username: "u", domain: "d" },
      { username: "u", password: PASSWORD },
      { username: "", password: PASSWORD, domain: "d" },
      { username: "u", password: PASSWORD, domain: "d", project: "p", projectId: "id" },
      { username: "u", password: PASSWORD, domain: "d", project: "" },
    ];
    for (const credentials of bad) {
      let error: unknown;
      try {
        createHuaweiIamClient({ baseUrl: IAM, credentials: credentials as unknown as HuaweiIamPasswordCredentials });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TypeError);
      expect(String(error)).not.toContain(PASSWORD);
    }
    expect(() => createHuaweiIamClient({ baseUrl: IAM } as HuaweiIamClientOptions)).toThrow(TypeError);
    expect(() => createHuaweiIamClient({ baseUrl: IAM, token: "t-abcdef", credentials: CREDENTIALS } as unknown as HuaweiIamClientOptions)).toThrow(TypeError);
  });
});

describe("Huawei IAM: TLS rule", () => {
  it.each(["http://iam.hcs.test", "http://10.0.0.5:31943/v3", "ftp://localhost"])("refuses %s", (baseUrl) => {
    expect(() => createHuaweiIamClient({ baseUrl, credentials: CREDENTIALS })).toThrow(InsecureUrlError);
  });

  it.each(["https://iam.hcs.test", "http://127.0.0.1:5000", "http://localhost:4010/v3"])("accepts %s", async (baseUrl) => {
    const clock = new FakeClock();
    const iam = fakeIam(clock);
    const { fetch } = recordingFetch(iam.handler);
    const client = createHuaweiIamClient({ baseUrl, credentials: CREDENTIALS, fetch, clock });
    expect(await client.listRegions()).toEqual([REGION]);
  });
});
