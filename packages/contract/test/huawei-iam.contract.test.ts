/**
 * Holds the Huawei Cloud Stack IAM client and the Prism mock to the spec: every operation is
 * called through `createHuaweiIamClient`, the token ones through the real password-login flow
 * (201 + `X-Subject-Token`, then `X-Auth-Token`), and each answer must carry the documented
 * status and a body that validates against the documented schema. Requests that break the spec
 * must be refused in one of the two documented error shapes, thrown as typed errors.
 */
import { afterAll, describe, expect, it } from "vitest";
import {
  BadRequestError,
  createHuaweiIamClient,
  type HuaweiIamClientOptions,
  type HuaweiIamPasswordCredentials,
  type HuaweiIamTokenRequest,
} from "@openregions/client/huawei-iam";
import { readBody, useMock } from "./harness.js";

const harness = useMock("huawei-iam");
/** The `X-Subject-Token` example of the spec, which the mock returns. */
const SPEC_TOKEN = "MIIDkgYJKoZIhvcNAQcCoIIDgzCCA38CAQExDTALBglghkgBZQMEAgEwgXXXXX";
const REGION_ID = "1500365963661574434";
const PROJECT_LOGIN: HuaweiIamPasswordCredentials = {
  username: "apiuser",
  password: "Example#Passw0rd",
  domain: "hcs_tenant01",
  project: "region_name2_project",
};

interface Exchange {
  request: Request;
  body: string;
  response: Response;
}

/** The client, over a fetch that keeps a copy of every request and raw answer. */
function client(auth: Pick<HuaweiIamClientOptions, "credentials" | "token"> = { credentials: PROJECT_LOGIN }) {
  const exchanges: Exchange[] = [];
  const api = createHuaweiIamClient({
    baseUrl: harness.mock.url,
    retry: false,
    ...auth,
    fetch: async (request) => {
      const copy = request.clone();
      const body = request.body === null ? "" : await request.clone().text();
      const response = await globalThis.fetch(request);
      exchanges.push({ request: copy, body, response: response.clone() });
      return response;
    },
  } as HuaweiIamClientOptions);
  const logins = () => exchanges.filter((e) => e.request.method === "POST" && new URL(e.request.url).pathname === "/v3/auth/tokens");
  return { api, exchanges, logins };
}

describe("Huawei Cloud Stack IAM: every operation through the typed client", () => {
  it("getVersion reads the version document without a token and without logging in", async () => {
    const { api, exchanges } = client();
    const { data, response } = await api.GET("/v3");
    harness.expectConforms("getVersion", response, data);
    expect(data.version.id).toMatch(/^v3/);
    expect((await api.getVersion()).status).toBe(data.version.status);
    expect(exchanges.map((e) => e.request.headers.get("x-auth-token"))).toEqual([null, null]);
    expect(exchanges.every((e) => e.request.method === "GET")).toBe(true);
  });

  it("the first region call logs in with the password (201 + X-Subject-Token) and sends that token", async () => {
    const { api, exchanges, logins } = client();
    const { data, response } = await api.GET("/v3/regions");
    harness.expectConforms("listRegions", response, data);

    expect(logins()).toHaveLength(1);
    const login = logins()[0]!;
    harness.expectConforms("createToken", login.response, await readBody(login.response));
    expect(login.response.status).toBe(201);
    expect(login.response.headers.get("x-subject-token")).toBe(SPEC_TOKEN);
    expect(new URL(login.request.url).searchParams.get("nocatalog")).toBe("true");
    const sent = JSON.parse(login.body) as HuaweiIamTokenRequest;
    expect(sent.auth.identity.methods).toEqual(["password"]);
    expect(sent.auth.scope).toEqual({ project: { name: "region_name2_project" } });
    expect(login.request.headers.get("x-auth-token")).toBeNull();

    const call = exchanges.find((e) => new URL(e.request.url).pathname === "/v3/regions")!;
    expect(call.request.headers.get("x-auth-token")).toBe(SPEC_TOKEN);
    expect(data.regions.map((region) => region.id)).toContain(REGION_ID);
    expect(data.links.next).toBeNull();
  });

  it("one login serves every later call (the mock's 2022 expires_at is read as a 24 h lifetime)", async () => {
    const { api, logins, exchanges } = client();
    const regions = await api.listRegions();
    const children = await api.GET("/v3/regions", { params: { query: { parent_region_id: REGION_ID } } });
    harness.expectConforms("listRegions", children.response, children.data);
    const one = await api.GET("/v3/regions/{region_id}", { params: { path: { region_id: REGION_ID } } });
    harness.expectConforms("getRegion", one.response, one.data);
    const viaHelper = await api.getRegion(REGION_ID);

    expect(regions.length).toBeGreaterThan(0);
    expect(one.data.region.id).toBeTruthy();
    expect(viaHelper).toEqual(one.data.region);
    expect(logins()).toHaveLength(1);
    const tokenCalls = exchanges.filter((e) => new URL(e.request.url).pathname.startsWith("/v3/regions"));
    expect(tokenCalls).toHaveLength(4);
    expect(tokenCalls.every((e) => e.request.headers.get("x-auth-token") === SPEC_TOKEN)).toBe(true);
  });

  it("a domain-scoped login (no project) is accepted too", async () => {
    const { api, logins } = client({ credentials: { username: "apiuser", password: "Example#Passw0rd", domain: "hcs_tenant01" } });
    await api.listRegions();
    const login = logins()[0]!;
    harness.expectConforms("createToken", login.response, await readBody(login.response));
    expect(JSON.parse(login.body).auth.scope).toEqual({ domain: { name: "hcs_tenant01" } });
  });

  it("concurrent first calls share one login", async () => {
    const { api, logins } = client();
    await Promise.all(Array.from({ length: 20 }, () => api.listRegions()));
    expect(logins()).toHaveLength(1);
  });

  it("a token obtained elsewhere is sent as is, with no login", async () => {
    const { api, exchanges, logins } = client({ token: SPEC_TOKEN });
    const { data, response } = await api.GET("/v3/regions/{region_id}", { params: { path: { region_id: REGION_ID } } });
    harness.expectConforms("getRegion", response, data);
    expect(logins()).toHaveLength(0);
    expect(exchanges[0]!.request.headers.get("x-auth-token")).toBe(SPEC_TOKEN);
  });
});

describe("Huawei Cloud Stack IAM / Keystone v3: tokens, scopes and region administration", () => {
  const subject = { params: { header: { "X-Subject-Token": SPEC_TOKEN } } };

  it("getToken validates the X-Subject-Token with the caller's X-Auth-Token, and answers the token document", async () => {
    const { api, exchanges } = client({ token: SPEC_TOKEN });
    const { data, response } = await api.GET("/v3/auth/tokens", subject);
    harness.expectConforms("getToken", response, data);
    expect(response.headers.get("x-subject-token")).toBe(SPEC_TOKEN);
    expect(exchanges[0]!.request.headers.get("x-auth-token")).toBe(SPEC_TOKEN);
    expect(exchanges[0]!.request.headers.get("x-subject-token")).toBe(SPEC_TOKEN);
    expect(data.token.methods).toContain("password");
  });

  it("checkToken (HEAD) answers 200 with headers only, deleteToken answers 204", async () => {
    const { api } = client({ token: SPEC_TOKEN });
    const head = await api.HEAD("/v3/auth/tokens", subject);
    harness.expectConforms("checkToken", head.response, undefined);
    expect(head.response.status).toBe(200);
    const revoked = await api.DELETE("/v3/auth/tokens", subject);
    harness.expectConforms("deleteToken", revoked.response, undefined);
    expect(revoked.response.status).toBe(204);
  });

  it("a password + one-time code login is accepted and answers a multi-factor token", async () => {
    const { api, exchanges } = client({ token: SPEC_TOKEN });
    const body: HuaweiIamTokenRequest = {
      auth: {
        identity: {
          methods: ["password", "totp"],
          password: { user: { name: "apiuser", password: "Example#Passw0rd", domain: { name: "hcs_tenant01" } } },
          totp: { user: { id: "9f0e1d2c3b4a4958a7b6c5d4e3f2a1b0", passcode: "483920" } },
        },
        scope: { project: { name: "region_name2_project" } },
      },
    };
    const { data, response } = await api.POST("/v3/auth/tokens", { body, headers: { Prefer: "example=multiFactor" } });
    harness.expectConforms("createToken", response, data);
    expect(data.token.methods).toEqual(["password", "totp"]);
    expect(data.token.mfa_authn_at).toBeTruthy();
    expect(exchanges[0]!.request.headers.get("x-auth-token")).toBeNull();

    const badCode = structuredClone(body);
    badCode.auth.identity.totp!.user.passcode = "4839";
    expect(await api.POST("/v3/auth/tokens", { body: badCode }).catch((e: unknown) => e)).toBeInstanceOf(BadRequestError);
  });

  it("listAuthProjects and listAuthDomains list the scopes a token may take", async () => {
    const { api } = client();
    const projects = await api.GET("/v3/auth/projects");
    harness.expectConforms("listAuthProjects", projects.response, projects.data);
    expect(projects.data.projects[0]).toMatchObject({ name: "region_name2_project", enabled: true });
    const domains = await api.GET("/v3/auth/domains");
    harness.expectConforms("listAuthDomains", domains.response, domains.data);
    expect(domains.data.domains[0]).toMatchObject({ name: "hcs_tenant01" });
  });

  it("checkRegions and checkRegion (HEAD) answer 200 with headers only", async () => {
    const { api } = client({ token: SPEC_TOKEN });
    const all = await api.HEAD("/v3/regions");
    harness.expectConforms("checkRegions", all.response, undefined);
    const one = await api.HEAD("/v3/regions/{region_id}", { params: { path: { region_id: REGION_ID } } });
    harness.expectConforms("checkRegion", one.response, undefined);
    expect([all.response.status, one.response.status]).toEqual([200, 200]);
  });

  it("Keystone region administration: create (201), update (200), delete (204); an empty update is refused", async () => {
    const { api } = client({ token: SPEC_TOKEN });
    const created = await api.POST("/v3/regions", { body: { region: { id: "RegionOneSubRegion", parent_region_id: "RegionOne", description: "My subregion" } } });
    harness.expectConforms("createRegion", created.response, created.data);
    expect(created.response.status).toBe(201);
    const updated = await api.PATCH("/v3/regions/{region_id}", {
      params: { path: { region_id: "RegionThree" } },
      body: { region: { description: "My subregion 3" } },
    });
    harness.expectConforms("updateRegion", updated.response, updated.data);
    const removed = await api.DELETE("/v3/regions/{region_id}", { params: { path: { region_id: "RegionOneSubRegion" } } });
    harness.expectConforms("deleteRegion", removed.response, undefined);
    expect(removed.response.status).toBe(204);
    const empty = await api
      .PATCH("/v3/regions/{region_id}", { params: { path: { region_id: "RegionThree" } }, body: { region: {} } })
      .catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(BadRequestError);
  });

  it("the operations Huawei IAM does not document are marked x-keystone-only, and only those", () => {
    const marked = harness.validator.operations
      .filter((op) => typeof (op.operation as Record<string, unknown>)["x-keystone-only"] === "string")
      .map((op) => op.operationId)
      .sort();
    expect(marked).toEqual(["checkRegion", "checkRegions", "checkToken", "createRegion", "deleteRegion", "deleteToken", "updateRegion"]);
  });
});

describe("Huawei Cloud Stack IAM: requests that break the spec are refused in a documented error shape", () => {
  function conformsAsError(operationId: string, response: Response, body: unknown) {
    const { problems } = harness.validator.checkResponse(operationId, response.status, response.headers.get("content-type"), body);
    expect(problems).toEqual([]);
  }

  it("a token body without identity gets 400, thrown as BadRequestError with the Keystone message", async () => {
    const { api, exchanges } = client({ token: SPEC_TOKEN });
    const body = { auth: { scope: { domain: { name: "hcs_tenant01" } } } } as unknown as HuaweiIamTokenRequest;
    const err = await api.POST("/v3/auth/tokens", { body }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    const error = err as BadRequestError;
    expect(error.message).toMatch(/^POST \/v3\/auth\/tokens → 400 Bad Request: \S/);
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]!.request.headers.get("x-auth-token")).toBeNull();
    const raw = await readBody(exchanges[0]!.response);
    conformsAsError("createToken", exchanges[0]!.response, raw);
    expect(error.body).toEqual(raw);
  });

  it("an unknown field in the login body gets 400", async () => {
    const { api, exchanges } = client({ token: SPEC_TOKEN });
    const body = {
      auth: {
        identity: { methods: ["password"], password: { user: { name: "u", password: "p", domain: { name: "d" } } } },
        scope: { project: { name: "p" } },
        extra: true,
      },
    } as unknown as HuaweiIamTokenRequest;
    expect(await api.POST("/v3/auth/tokens", { body }).catch((e: unknown) => e)).toBeInstanceOf(BadRequestError);
    conformsAsError("createToken", exchanges[0]!.response, await readBody(exchanges[0]!.response));
  });

  it("the error body is one object type: a body carrying members of both shapes is still one valid error", () => {
    // Protects generated clients: with a oneOf of two open objects, a body like this matched both branches and was refused.
    const both = {
      error: { code: 401, title: "Unauthorized", message: "Authentication failed" },
      error_msg: "Authentication failed",
      error_code: "IAM.0001",
    };
    for (const body of [both, { error: both.error }, { error_msg: both.error_msg, error_code: both.error_code }]) {
      expect(harness.validator.checkResponse("listRegions", 401, "application/json", body).problems).toEqual([]);
    }
    for (const body of [{}, { error_msg: "no code" }]) {
      expect(harness.validator.checkResponse("listRegions", 401, "application/json", body).problems).not.toEqual([]);
    }
  });

  it("a region call without X-Auth-Token gets 401 {error: {code, title, message}}", async () => {
    const response = await fetch(`${harness.mock.url}/v3/regions`);
    const body = await readBody(response);
    expect(response.status).toBe(401);
    conformsAsError("listRegions", response, body);
    expect(body).toMatchObject({ error: { code: 401, title: "Unauthorized" } });
  });
});

afterAll(() => {
  const every = harness.validator.operations.map((op) => op.operationId).sort();
  expect([...harness.called].sort(), "every operation of the spec is called through the client").toEqual(every);
});
