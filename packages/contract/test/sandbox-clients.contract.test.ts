/**
 * The clients against the stateful sandboxes (Prism validating in front): what unit tests can
 * only script with fakes. Scalingo's refresh five minutes before `exp` (the clock control moves
 * the sandbox and the client together), the one re-exchange after the bearer is revoked,
 * create → list → delete → 404 for tokens and keys, pagination over several pages, the
 * two-factor helpers (enrol → validate → status → disable) and the OTP prompt flow; Huawei IAM's
 * re-login once its token has expired and its token helpers (validate → check → revoke → check);
 * Rainbond's create → show.
 * Every file's sandboxes must report zero response violations.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "@openregions/mock";
import { BadRequestError, createApiToken, createScalingoClient, NotFoundError, OtpRequiredError, UnauthorizedError } from "@openregions/client/scalingo";
import { createHuaweiIamClient, NotFoundError as IamNotFoundError } from "@openregions/client/huawei-iam";
import { createRainbondClient } from "@openregions/client/rainbond";

const SSH_KEY = (index: number) =>
  `ssh-ed25519 ${Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from("ssh-ed25519"), Buffer.alloc(36, index + 1)]).toString("base64")} client${index}`;

const sandboxes: RunningSandbox[] = [];
afterAll(async () => {
  const violations = sandboxes.flatMap((sandbox) => sandbox.violations);
  await Promise.all(sandboxes.map((sandbox) => sandbox.close()));
  expect(violations, "Prism found sandbox answers outside the spec").toEqual([]);
});

async function start(api: string): Promise<RunningSandbox> {
  const sandbox = await startSandbox({ api, onViolation: () => {} });
  sandboxes.push(sandbox);
  return sandbox;
}

/** A client clock that follows the sandbox's, so both see the same `exp`. */
function sharedClock() {
  let offsetMs = 0;
  return {
    clock: { now: () => Date.now() + offsetMs, setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (handle: unknown) => clearTimeout(handle as NodeJS.Timeout) },
    async advance(sandbox: RunningSandbox, seconds: number) {
      const answer = await fetch(`${sandbox.url}/__sandbox/clock`, { method: "POST", body: JSON.stringify({ advanceSeconds: seconds }) });
      expect(answer.status).toBe(200);
      offsetMs += seconds * 1000;
    },
  };
}

/** fetch that counts the requests made to each path. */
function countingFetch() {
  const counts = new Map<string, number>();
  const fetchImpl = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    counts.set(url.pathname, (counts.get(url.pathname) ?? 0) + 1);
    return fetch(input, init);
  };
  return { fetch: fetchImpl as typeof fetch, count: (path: string) => counts.get(path) ?? 0 };
}

describe("Scalingo client against the sandbox", () => {
  let sandbox: RunningSandbox;
  let apiToken: string;
  beforeAll(async () => {
    sandbox = await start("scalingo");
    apiToken = sandbox.credentials[0]!.env["SCALINGO_API_TOKEN"]!;
  });

  it("exchanges again when fewer than five minutes of the bearer remain, and once after the bearer is revoked", async () => {
    const time = sharedClock();
    const counter = countingFetch();
    const client = createScalingoClient({ authUrl: sandbox.url, apiToken, clock: time.clock, fetch: counter.fetch, retry: false });
    await client.GET("/v1/users/self");
    expect(counter.count("/v1/tokens/exchange")).toBe(1);
    await time.advance(sandbox, 3600 - 6 * 60);
    await client.GET("/v1/users/self");
    expect(counter.count("/v1/tokens/exchange"), "still six minutes left: no exchange").toBe(1);
    await time.advance(sandbox, 2 * 60);
    await client.GET("/v1/users/self");
    expect(counter.count("/v1/tokens/exchange"), "four minutes left: exchanged again").toBe(2);
    await fetch(`${sandbox.url}/__sandbox/revoke`, { method: "POST" });
    const { data } = await client.GET("/v1/users/self");
    expect(data.user.username).toBe("doc-account");
    expect(counter.count("/v1/tokens/exchange"), "a 401 triggers one re-exchange").toBe(3);
    expect(counter.count("/v1/users/self")).toBe(5);
  });

  it("creates, lists and deletes an API token and a key; a deleted one is a NotFoundError; a deleted token can no longer be exchanged", async () => {
    const client = createScalingoClient({ authUrl: sandbox.url, apiToken, retry: false });
    const token = await client.createApiToken({ name: "ci" });
    expect(token.token).toMatch(/^tk-us-/);
    const listed = await client.GET("/v1/tokens");
    expect(listed.data.tokens.map((item) => item.id)).toContain(token.id);
    const fresh = createScalingoClient({ authUrl: sandbox.url, apiToken: token.token, retry: false });
    await fresh.GET("/v1/users/self");
    await client.DELETE("/v1/tokens/{id}", { params: { path: { id: token.id } } });
    const after = await client.GET("/v1/tokens");
    expect(after.data.tokens.map((item) => item.id)).not.toContain(token.id);
    const refused = createScalingoClient({ authUrl: sandbox.url, apiToken: token.token, retry: false });
    await expect(refused.GET("/v1/users/self")).rejects.toBeInstanceOf(UnauthorizedError);

    const { data: created } = await client.POST("/v1/keys", { body: { key: { name: "laptop", content: SSH_KEY(0) } } });
    const keys = await client.GET("/v1/keys");
    expect(keys.data.keys.map((key) => key.id)).toContain(created.key.id);
    await client.DELETE("/v1/keys/{id}", { params: { path: { id: created.key.id } } });
    await expect(client.GET("/v1/keys/{id}", { params: { path: { id: created.key.id } } })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("paginates over several pages (an SCM integration's organisations, the one paginated list)", async () => {
    const client = createScalingoClient({ authUrl: sandbox.url, apiToken, retry: false });
    const integration = (await client.GET("/v1/scm_integrations")).data.scm_integrations[0]!;
    const orgsPath = `/v1/scm_integrations/${integration.id}/orgs`;
    const counter = countingFetch();
    const paging = createScalingoClient({ authUrl: sandbox.url, apiToken, retry: false, fetch: counter.fetch });
    const logins: string[] = [];
    for await (const org of paging.paginate("/v1/scm_integrations/{id}/orgs", { path: { id: integration.id }, per_page: 1 })) logins.push(org.login);
    expect(logins).toHaveLength(2);
    expect(new Set(logins).size).toBe(2);
    expect(counter.count(orgsPath), "one request per page").toBe(2);
  });

  it("enrols in two-factor authentication, validates a code the sandbox accepts, sees it enabled, then disables it", async () => {
    const client = createScalingoClient({ authUrl: sandbox.url, apiToken, retry: false });
    expect((await client.twoFactor.status()).enabled).toBe(false);
    const enrolment = await client.twoFactor.enrol();
    expect(enrolment.enabled).toBe(false);
    expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\/.*[?&]secret=/);
    await expect(client.twoFactor.validate("000000")).rejects.toBeInstanceOf(BadRequestError);
    const validation = await client.twoFactor.validate("975037"); // a code of the spec's examples
    expect(validation.codes.length).toBeGreaterThan(0);
    expect(validation.user.enabled).toBe(true);
    expect(await client.twoFactor.status()).toMatchObject({ enabled: true, provider: "totp" });
    expect((await client.twoFactor.disable()).enabled).toBe(false);
    expect((await client.twoFactor.status()).enabled).toBe(false);
  });

  it("prompts for the one-time code once two-factor authentication is on: OtpRequiredError first, then a token with the code", async () => {
    const login = sandbox.credentials[2]!.env["SCALINGO_LOGIN"]!;
    const password = sandbox.credentials[2]!.env["SCALINGO_PASSWORD"]!;
    const client = createScalingoClient({ authUrl: sandbox.url, apiToken, retry: false });
    await client.POST("/v1/client/tfa", { body: { tfa: { provider: "totp" } } });
    await client.POST("/v1/client/tfa/validate", { body: { tfa: { attempt: 123456 } } });
    await expect(createApiToken({ authUrl: sandbox.url, login, password, name: "laptop", retry: false })).rejects.toBeInstanceOf(OtpRequiredError);
    const token = await createApiToken({ authUrl: sandbox.url, login, password, otp: "123456", name: "laptop", retry: false });
    expect(token.name).toBe("laptop");
    await expect(createApiToken({ authUrl: sandbox.url, login, password: "wrong", otp: "123456", name: "laptop", retry: false })).rejects.toBeInstanceOf(UnauthorizedError);
  });
});

describe("Huawei IAM client against the sandbox", () => {
  it("logs in, lists regions, and logs in again once its token has expired", async () => {
    const sandbox = await start("huawei-iam");
    const time = sharedClock();
    const counter = countingFetch();
    const iam = createHuaweiIamClient({
      baseUrl: sandbox.url,
      credentials: { username: "apiuser", password: sandbox.credentials[0]!.env["HUAWEI_IAM_PASSWORD"]!, domain: "hcs_tenant01", project: "region_name2_project" },
      clock: time.clock,
      fetch: counter.fetch,
      retry: false,
    });
    const regions = await iam.listRegions();
    expect(regions.length).toBeGreaterThan(0);
    expect(await iam.getRegion(regions[0]!.id)).toMatchObject({ id: regions[0]!.id });
    expect(counter.count("/v3/auth/tokens")).toBe(1);
    await time.advance(sandbox, 24 * 3600 + 1);
    await iam.listRegions();
    expect(counter.count("/v3/auth/tokens"), "the expired token is replaced by a new login").toBe(2);
  });

  it("validates, checks and revokes a second token with the client's own", async () => {
    const sandbox = await start("huawei-iam");
    const credentials = { username: "apiuser", password: sandbox.credentials[0]!.env["HUAWEI_IAM_PASSWORD"]!, domain: "hcs_tenant01", project: "region_name2_project" } as const;
    const iam = createHuaweiIamClient({ baseUrl: sandbox.url, credentials, retry: false });
    // a second token, from a login of its own
    const login = await iam.POST("/v3/auth/tokens", {
      params: { query: { nocatalog: "true" } },
      body: { auth: { identity: { methods: ["password"], password: { user: { name: credentials.username, password: credentials.password, domain: { name: credentials.domain } } } }, scope: { project: { name: credentials.project } } } },
    });
    const second = login.response.headers.get("X-Subject-Token")!;
    expect(second).toBeTruthy();
    const token = await iam.validateToken(second, { nocatalog: true });
    expect(token.user.name).toBe("apiuser");
    expect(token.catalog).toBeUndefined();
    expect(await iam.checkToken(second)).toBe(true);
    await iam.revokeToken(second);
    expect(await iam.checkToken(second)).toBe(false);
    await expect(iam.validateToken(second)).rejects.toBeInstanceOf(IamNotFoundError);
    expect((await iam.listRegions()).length, "the client's own token still works").toBeGreaterThan(0);
  });
});

describe("Rainbond client against the sandbox", () => {
  it("creates a region and shows it by name", async () => {
    const sandbox = await start("rainbond");
    const rainbond = createRainbondClient({ baseUrl: sandbox.url, accessKey: sandbox.credentials[0]!.env["RAINBOND_ACCESS_KEY"]!, retry: false });
    const created = await rainbond.createRegion({
      region_name: "edge-1",
      region_alias: "Edge 1",
      url: "https://10.20.0.2:8443",
      wsurl: "wss://10.20.0.2:6060",
      httpdomain: "apps.edge.example.com",
      tcpdomain: "10.20.0.2",
    });
    expect(created.region_name).toBe("edge-1");
    const shown = await rainbond.getRegion("edge-1");
    expect(shown.region_alias).toBe("Edge 1");
    expect((await rainbond.listRegions()).map((region) => region.region_name)).toContain("edge-1");
  });
});
