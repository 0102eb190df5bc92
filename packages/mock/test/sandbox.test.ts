/**
 * Protects the sandbox's behaviour as a client sees it through Prism's validating proxy:
 * collections keep what is created and forget what is deleted, the auth lifecycle of each
 * platform (exchange, revocation, renewal, two-factor login, expiry), the controls, the state
 * file, concurrent writers, and, over every request of this file, zero response violations.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "../src/index.js";

const SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl test@sandbox";

const running: RunningSandbox[] = [];
async function sandbox(api: string, options: Partial<Parameters<typeof startSandbox>[0]> = {}): Promise<RunningSandbox> {
  const started = await startSandbox({ api, onViolation: () => {}, ...options });
  running.push(started);
  return started;
}

afterAll(async () => {
  const violations = running.flatMap((instance) => instance.violations);
  await Promise.all(running.map((instance) => instance.close()));
  expect(violations, "Prism found answers outside the spec").toEqual([]);
});

const json = { "content-type": "application/json" };
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field in assertions, their shapes are the spec's
async function call(base: string, path: string, init: RequestInit = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(`${base}${path}`, init);
  const text = await response.text();
  const body = text && (response.headers.get("content-type") ?? "").includes("json") ? JSON.parse(text) : text;
  return { status: response.status, body, headers: response.headers };
}

describe("Scalingo sandbox", () => {
  let sb: RunningSandbox;
  let apiToken: string;
  let bearer: string;
  beforeAll(async () => {
    sb = await sandbox("scalingo");
  });
  beforeEach(async () => {
    await call(sb.url, "/__sandbox/reset", { method: "POST" });
    apiToken = sb.credentials[0]!.env["SCALINGO_API_TOKEN"]!;
    const exchanged = await call(sb.url, "/v1/tokens/exchange", { method: "POST", headers: { authorization: basic("", apiToken), ...json }, body: "{}" });
    expect(exchanged.status).toBe(200);
    bearer = exchanged.body.token;
  });
  const auth = () => ({ authorization: `Bearer ${bearer}` });

  it("issues a JWT whose iat and exp are the sandbox's now and now + one hour", async () => {
    const claims = JSON.parse(Buffer.from(bearer.split(".")[1]!, "base64url").toString());
    const now = Date.now() / 1000;
    expect(Math.abs(claims.iat - now)).toBeLessThan(5);
    expect(claims.exp - claims.iat).toBe(3600);
  });

  it("lists a created key, then forgets it once deleted (404 with Scalingo's body)", async () => {
    const created = await call(sb.url, "/v1/keys", { method: "POST", headers: { ...auth(), ...json }, body: JSON.stringify({ key: { name: "laptop", content: SSH_KEY } }) });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatchObject({ name: "laptop", content: SSH_KEY, owner: { username: "doc-account" } });
    expect(created.body.key.fingerprint).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
    const listed = await call(sb.url, "/v1/keys", { headers: auth() });
    expect(listed.body.keys.map((key: { id: string }) => key.id)).toContain(created.body.key.id);
    expect((await call(sb.url, `/v1/keys/${created.body.key.id}`, { headers: auth() })).body.key.name).toBe("laptop");
    expect((await call(sb.url, `/v1/keys/${created.body.key.id}`, { method: "DELETE", headers: auth() })).status).toBe(204);
    const gone = await call(sb.url, `/v1/keys/${created.body.key.id}`, { headers: auth() });
    expect(gone).toMatchObject({ status: 404, body: { resource: "key", error: "not found" } });
  });

  it("accepts the unwrapped body one official client sends, and refuses an invalid key with a 422 naming the field", async () => {
    const unwrapped = await call(sb.url, "/v1/keys", { method: "POST", headers: { ...auth(), ...json }, body: JSON.stringify({ name: "ci", content: SSH_KEY }) });
    expect(unwrapped.status).toBe(201);
    const invalid = await call(sb.url, "/v1/keys", { method: "POST", headers: { ...auth(), ...json }, body: JSON.stringify({ key: { name: "x", content: "not a key" } }) });
    expect(invalid.status).toBe(422);
    expect(Object.keys(invalid.body.errors)).toEqual(["content"]);
  });

  it("names the missing field of a body that breaks the schema", async () => {
    const invalid = await call(sb.url, "/v1/keys", { method: "POST", headers: { ...auth(), ...json }, body: JSON.stringify({ key: { name: "x" } }) });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors.content).toBeDefined();
  });

  it("a body of the rooted shape gets that shape's problems, each once, not the unwrapped shape's", async () => {
    const invalid = await call(sb.url, "/v1/keys", { method: "POST", headers: { ...auth(), ...json }, body: JSON.stringify({ key: { name: "" } }) });
    expect(invalid).toMatchObject({ status: 422, body: { errors: { content: ["must have required property 'content'"], name: ["must NOT have fewer than 1 characters"] } } });
    expect(Object.keys(invalid.body.errors).sort()).toEqual(["content", "name"]);
  });

  it("a created API token exchanges for a bearer until it is deleted, then is refused", async () => {
    const created = await call(sb.url, "/v1/tokens", { method: "POST", headers: { ...auth(), ...json }, body: JSON.stringify({ token: { name: "ci" } }) });
    expect(created.status).toBe(201);
    expect(created.body.token.name).toBe("ci");
    const secret = created.body.token.token as string;
    expect(secret).toMatch(/^tk-us-/);
    const listed = await call(sb.url, "/v1/tokens", { headers: auth() });
    expect(listed.body.tokens.find((token: { id: string }) => token.id === created.body.token.id)).not.toHaveProperty("token");
    const exchange = () => call(sb.url, "/v1/tokens/exchange", { method: "POST", headers: { authorization: basic("", secret), ...json }, body: "{}" });
    expect((await exchange()).status).toBe(200);
    const used = await call(sb.url, "/v1/tokens", { headers: auth() });
    expect(used.body.tokens.find((token: { id: string }) => token.id === created.body.token.id).last_used_at).not.toBeNull();
    expect((await call(sb.url, `/v1/tokens/${created.body.token.id}`, { method: "DELETE", headers: auth() })).status).toBe(204);
    expect(await exchange()).toMatchObject({ status: 401, body: { error: expect.any(String) } });
  });

  it("renewing a token replaces its secret: the old one is refused, the new one exchanges", async () => {
    const created = await call(sb.url, "/v1/tokens", { method: "POST", headers: { ...auth(), ...json }, body: JSON.stringify({ token: { name: "renew-me" } }) });
    const renewed = await call(sb.url, `/v1/tokens/${created.body.token.id}/renew`, { method: "PATCH", headers: { ...auth(), "content-type": "application/x-www-form-urlencoded" } });
    expect(renewed.status).toBe(200);
    expect(renewed.body.token.token).not.toBe(created.body.token.token);
    const exchangeWith = (secret: string) => call(sb.url, "/v1/tokens/exchange", { method: "POST", headers: { authorization: basic("", secret), ...json }, body: "{}" });
    expect((await exchangeWith(created.body.token.token)).status).toBe(401);
    expect((await exchangeWith(renewed.body.token.token)).status).toBe(200);
  });

  it("refuses an unknown bearer, and an expired one once the clock has moved an hour", async () => {
    expect((await call(sb.url, "/v1/users/self", { headers: { authorization: "Bearer not-a-token" } })).status).toBe(401);
    expect((await call(sb.url, "/v1/users/self", { headers: auth() })).status).toBe(200);
    const moved = await call(sb.url, "/__sandbox/clock", { method: "POST", body: JSON.stringify({ advanceSeconds: 3600 }) });
    expect(moved.body.offsetSeconds).toBe(3600);
    expect(await call(sb.url, "/v1/users/self", { headers: auth() })).toMatchObject({ status: 401, body: { error: expect.any(String) } });
  });

  it("enrols two-factor authentication; the login then asks for the one-time code, and stops asking once it is disabled", async () => {
    const login = basic(sb.credentials[2]!.env["SCALINGO_LOGIN"]!, sb.credentials[2]!.env["SCALINGO_PASSWORD"]!);
    const body = JSON.stringify({ token: { name: "cli" } });
    expect((await call(sb.url, "/v1/tokens", { method: "POST", headers: { authorization: login, ...json }, body })).status, "2FA is off at first").toBe(201);
    expect((await call(sb.url, "/v1/client/tfa/validate", { method: "POST", headers: { ...auth(), ...json }, body: JSON.stringify({ tfa: { attempt: 123456 } }) })).body).toEqual({ error: "otp not created" });
    const enrolled = await call(sb.url, "/v1/client/tfa", { method: "POST", headers: { ...auth(), ...json }, body: JSON.stringify({ tfa: { provider: "totp" } }) });
    expect(enrolled.status).toBe(201);
    expect(enrolled.body.tfa.uri).toMatch(/^otpauth:/);
    expect((await call(sb.url, "/v1/client/tfa/validate", { method: "POST", headers: { ...auth(), ...json }, body: JSON.stringify({ tfa: { attempt: 111111 } }) })).body).toEqual({ error: "unable to validate otp attempt" });
    const validated = await call(sb.url, "/v1/client/tfa/validate", { method: "POST", headers: { ...auth(), ...json }, body: JSON.stringify({ tfa: { attempt: "123456" } }) });
    expect(validated.status).toBe(201);
    expect((await call(sb.url, "/v1/client/tfa", { headers: auth() })).body.tfa.enabled).toBe(true);
    expect((await call(sb.url, "/v1/users/self", { headers: auth() })).body.user.flags.tfa_enabled).toBe(true);
    expect(await call(sb.url, "/v1/tokens", { method: "POST", headers: { authorization: login, ...json }, body })).toMatchObject({ status: 401, body: { error: "OTP Required" } });
    expect((await call(sb.url, "/v1/tokens", { method: "POST", headers: { authorization: basic("john-doe", "wrong"), ...json }, body })).status).toBe(401);
    const issued = await call(sb.url, "/v1/tokens", { method: "POST", headers: { authorization: login, "x-authorization-otp": "123456", ...json }, body });
    expect(issued.status).toBe(201);
    const disabled = await call(sb.url, "/v1/client/tfa", { method: "DELETE", headers: { ...auth(), ...json }, body: JSON.stringify({ tfa: { attempt: 123456 } }) });
    expect(disabled.status).toBe(200);
    expect(disabled.body.tfa.enabled).toBe(false);
    expect((await call(sb.url, "/v1/tokens", { method: "POST", headers: { authorization: login, ...json }, body })).status).toBe(201);
  });

  it("lists an SCM integration's organisations page by page while it exists, 404 once it is deleted", async () => {
    const integrations = (await call(sb.url, "/v1/scm_integrations", { headers: auth() })).body.scm_integrations as Array<{ id: string }>;
    const id = integrations[0]!.id;
    const first = await call(sb.url, `/v1/scm_integrations/${id}/orgs?page=1&per_page=1`, { headers: auth() });
    expect(first.body.organizations).toHaveLength(1);
    expect(first.body.meta.pagination).toMatchObject({ current_page: 1, next_page: 2, total_count: 2 });
    const second = await call(sb.url, `/v1/scm_integrations/${id}/orgs?page=2&per_page=1`, { headers: auth() });
    expect(second.body.organizations[0].login).not.toBe(first.body.organizations[0].login);
    expect(second.body.meta.pagination.next_page).toBeNull();
    expect((await call(sb.url, `/v1/scm_integrations/${id}`, { method: "DELETE", headers: auth() })).status).toBe(204);
    expect((await call(sb.url, `/v1/scm_integrations/${id}/orgs`, { headers: auth() })).status).toBe(404);
  });

  it("the spec's example bearer and API token work as printed", async () => {
    const exampleBearer = sb.credentials[1]!.env["SCALINGO_BEARER"]!;
    expect((await call(sb.url, "/v1/tokens", { headers: { authorization: `Bearer ${exampleBearer}` } })).status).toBe(200);
    expect((await call(sb.url, "/v1/regions")).status).toBe(200);
  });

  it("50 clients creating and deleting at once leave a consistent state", async () => {
    const before = (await call(sb.url, "/v1/keys", { headers: auth() })).body.keys.length as number;
    const keyOf = (index: number) => `ssh-ed25519 ${Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from("ssh-ed25519"), Buffer.alloc(36, index)]).toString("base64")} c${index}`;
    const created = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        call(sb.url, "/v1/keys", { method: "POST", headers: { ...auth(), ...json }, body: JSON.stringify({ key: { name: `k${index}`, content: keyOf(index) } }) }),
      ),
    );
    expect(created.map((answer) => answer.status)).toEqual(Array(50).fill(201));
    const ids = created.map((answer) => answer.body.key.id as string);
    expect(new Set(ids).size).toBe(50);
    const deleted = await Promise.all(ids.filter((_, index) => index % 2 === 0).map((id) => call(sb.url, `/v1/keys/${id}`, { method: "DELETE", headers: auth() })));
    expect(deleted.map((answer) => answer.status)).toEqual(Array(25).fill(204));
    const after = (await call(sb.url, "/v1/keys", { headers: auth() })).body.keys as Array<{ id: string }>;
    expect(after.length).toBe(before + 25);
    expect(after.map((key) => key.id)).toEqual(expect.arrayContaining(ids.filter((_, index) => index % 2 === 1)));
  });

  it("reset brings back the seed; the state control shows what exists", async () => {
    await call(sb.url, "/v1/keys", { method: "POST", headers: { ...auth(), ...json }, body: JSON.stringify({ key: { name: "tmp", content: SSH_KEY } }) });
    const state = await call(sb.url, "/__sandbox/state");
    expect(state.body.collections["/v1/keys"].some((key: { name: string }) => key.name === "tmp")).toBe(true);
    await call(sb.url, "/__sandbox/reset", { method: "POST" });
    const keys = (await call(sb.url, "/v1/keys", { headers: { authorization: `Bearer ${sb.credentials[1]!.env["SCALINGO_BEARER"]}` } })).body.keys;
    expect(keys.some((key: { name: string }) => key.name === "tmp")).toBe(false);
  });

  it("refuses a clock control without a number", async () => {
    expect((await call(sb.url, "/__sandbox/clock", { method: "POST", body: "{}" })).status).toBe(400);
  });
});

describe("Huawei IAM sandbox", () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await sandbox("huawei-iam");
  });
  const login = (password: string, scope: object = { project: { name: "region_name2_project" } }) =>
    call(sb.url, "/v3/auth/tokens", {
      method: "POST",
      headers: json,
      body: JSON.stringify({ auth: { identity: { methods: ["password"], password: { user: { name: "apiuser", password, domain: { name: "hcs_tenant01" } } } }, scope } }),
    });

  it("logs in with the example's password, puts the token in X-Subject-Token and the sandbox in the catalogue", async () => {
    const answer = await login(sb.credentials[0]!.env["HUAWEI_IAM_PASSWORD"]!);
    expect(answer.status).toBe(201);
    expect(answer.headers.get("x-subject-token")).toBeTruthy();
    const issued = Date.parse(answer.body.token.issued_at);
    expect(Date.parse(answer.body.token.expires_at) - issued).toBe(24 * 3600 * 1000);
    const identity = answer.body.token.catalog.find((service: { type: string }) => service.type === "identity");
    expect(identity.endpoints.every((endpoint: { url: string }) => endpoint.url === `${sb.url}/v3`)).toBe(true);
  });

  it("refuses a wrong password or domain with Keystone's 401 body and WWW-Authenticate", async () => {
    const answer = await login("wrong");
    expect(answer).toMatchObject({ status: 401, body: { error: { code: 401, title: "Unauthorized" } } });
    expect(answer.headers.get("www-authenticate")).toBe(`Keystone uri="${sb.url}/v3"`);
  });

  it("checks X-Auth-Token on every call; a token expires after 24 hours", async () => {
    const token = (await login(sb.credentials[0]!.env["HUAWEI_IAM_PASSWORD"]!)).headers.get("x-subject-token")!;
    expect((await call(sb.url, "/v3/regions", { headers: { "x-auth-token": token } })).status).toBe(200);
    expect((await call(sb.url, "/v3/regions", { headers: { "x-auth-token": "forged" } })).status).toBe(401);
    await call(sb.url, "/__sandbox/clock", { method: "POST", body: JSON.stringify({ advanceSeconds: 24 * 3600 }) });
    expect(await call(sb.url, "/v3/regions", { headers: { "x-auth-token": token } })).toMatchObject({ status: 401, body: { error: { code: 401 } } });
  });

  it("filters regions by parent_region_id and answers 404 for an unknown region", async () => {
    await call(sb.url, "/__sandbox/reset", { method: "POST" });
    const token = sb.credentials[1]!.env["HUAWEI_IAM_AUTH_TOKEN"]!;
    const all = (await call(sb.url, "/v3/regions", { headers: { "x-auth-token": token } })).body.regions as Array<{ id: string; parent_region_id: string | null }>;
    const child = all.find((region) => region.parent_region_id);
    if (child) {
      const filtered = (await call(sb.url, `/v3/regions?parent_region_id=${child.parent_region_id}`, { headers: { "x-auth-token": token } })).body.regions;
      expect(filtered.every((region: { parent_region_id: string }) => region.parent_region_id === child.parent_region_id)).toBe(true);
    }
    expect((await call(sb.url, `/v3/regions/${all[0]!.id}`, { headers: { "x-auth-token": token } })).body.region.id).toBe(all[0]!.id);
    expect(await call(sb.url, "/v3/regions/no-such-region", { headers: { "x-auth-token": token } })).toMatchObject({ status: 404, body: { error: { code: 404 } } });
  });
});

describe("Rainbond sandbox", () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await sandbox("rainbond");
  });
  const key = () => sb.credentials[0]!.env["RAINBOND_ACCESS_KEY"]!;
  const region = { region_name: "edge", region_alias: "Edge", url: "https://10.0.0.9:8443", wsurl: "wss://10.0.0.9:6060", httpdomain: "apps.example.com", tcpdomain: "10.0.0.9" };

  it("creates a region, shows it by name and by id, and refuses the same name twice", async () => {
    const created = await call(sb.url, "/openapi/v1/regions", { method: "POST", headers: { authorization: key(), ...json }, body: JSON.stringify(region) });
    expect(created.status).toBe(201);
    expect(created.body.region_id).toMatch(/^[0-9a-f]{32}$/);
    expect((await call(sb.url, "/openapi/v1/regions/edge", { headers: { authorization: key() } })).body.region_alias).toBe("Edge");
    expect((await call(sb.url, `/openapi/v1/regions/${created.body.region_id}`, { headers: { authorization: key() } })).body.region_name).toBe("edge");
    const listed = await call(sb.url, "/openapi/v1/regions", { headers: { authorization: key() } });
    expect(listed.body.map((item: { region_name: string }) => item.region_name)).toContain("edge");
    const again = await call(sb.url, "/openapi/v1/regions", { method: "POST", headers: { authorization: key(), ...json }, body: JSON.stringify(region) });
    expect(again.status).toBe(400);
  });

  it("refuses a missing key and an unknown one with the console's 401 bodies", async () => {
    expect(await call(sb.url, "/openapi/v1/regions")).toMatchObject({ status: 401, body: { code: 401 } });
    expect(await call(sb.url, "/openapi/v1/regions", { headers: { authorization: "0".repeat(40) } })).toMatchObject({ status: 401, body: { detail: "No such user" } });
  });

  it("answers 404 with the console's body for an unknown region", async () => {
    expect(await call(sb.url, "/openapi/v1/regions/nowhere", { headers: { authorization: key() } })).toMatchObject({ status: 404, body: { code: 404, msg: "no found region" } });
  });
});

describe("state file", () => {
  it("is saved after a change and on close, reloaded at start, and never left half-written", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "sandbox-state-")), "scalingo.json");
    const first = await sandbox("scalingo", { stateFile: file });
    const bearer = first.credentials[1]!.env["SCALINGO_BEARER"]!;
    const created = await call(first.url, "/v1/keys", { method: "POST", headers: { authorization: `Bearer ${bearer}`, ...json }, body: JSON.stringify({ key: { name: "kept", content: SSH_KEY } }) });
    await first.close();
    expect(JSON.parse(readFileSync(file, "utf8")).collections["/v1/keys"].some((key: { id: string }) => key.id === created.body.key.id)).toBe(true);
    const second = await sandbox("scalingo", { stateFile: file });
    expect((await call(second.url, `/v1/keys/${created.body.key.id}`, { headers: { authorization: `Bearer ${bearer}` } })).status).toBe(200);
    await second.close();
  });

  it("refuses a corrupt state file with its name instead of starting empty", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "sandbox-state-")), "broken.json");
    writeFileSync(file, '{"version": 1, "collections": {');
    await expect(startSandbox({ api: "scalingo", stateFile: file })).rejects.toThrow(/broken\.json: not a sandbox state file/);
  });
});
