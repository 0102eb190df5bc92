/**
 * Holds the typed Scalingo client and the Prism mock to the spec: every operation is called
 * through `createScalingoClient`, the bearer ones through the real token flow (the API token
 * exchanged with Basic auth for the mock's JWT, then sent as `Authorization: Bearer`), and each
 * answer must carry the documented status and a body that validates against the documented
 * schema. Requests that break the spec must be refused with the platform's own error shape.
 */
import { afterAll, describe, expect, it } from "vitest";
import {
  createApiToken,
  createScalingoClient,
  UnauthorizedError,
  type ScalingoClientOptions,
} from "@openregions/client/scalingo";
import { readBody, useMock } from "./harness.js";

const harness = useMock("scalingo");
/** Any API token: the mock checks the scheme (Basic), not the value. */
const API_TOKEN = "tk-us-contractTESTtoken0123456789abcdefghijklmnopqrs";
/** The exchange example of the spec (unsigned JWT, exp 2100-01-01), for the raw requests below. */
const BEARER =
  "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJpc3MiOiJTY2FsaW5nbyIsInVpZCI6InVzLThhNGIyYzFkLTRlNWYtNGE2Yi05YzdkLTBlMWYyYTNiNGM1ZCIsInJuZCI6IjZjMWUyYjRmOWEiLCJpYXQiOjE1MjIyNjY5NjksImV4cCI6NDEwMjQ0NDgwMH0.";
const TOKEN_ID = "e061a292-bab4-47fa-bb08-d7f7895ae5b6";
const KEY_ID = "5ae1bb5b3de6ec000e5d0d9d";
const SCM_ID = "5bb2e877-9e5c-a83f-8e0e-7c75eebf212c";
const LOGIN = { login: "john@doe.com", password: "correct horse battery staple" };
const basic = (user: string, password: string) => `Basic ${btoa(`${user}:${password}`)}`;
const jwtExp = (jwt: string): number =>
  JSON.parse(atob(jwt.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/"))).exp as number;

interface Exchange {
  request: Request;
  body: string;
  response: Response;
}

/** The client over a fetch that keeps a copy of every request and raw answer. */
function client(options: Partial<ScalingoClientOptions> = {}) {
  const exchanges: Exchange[] = [];
  const recordingFetch = async (request: Request): Promise<Response> => {
    const copy = request.clone();
    const body = request.body === null ? "" : await request.clone().text();
    const response = await globalThis.fetch(request);
    exchanges.push({ request: copy, body, response: response.clone() });
    return response;
  };
  const api = createScalingoClient({
    authUrl: harness.mock.url,
    apiToken: API_TOKEN,
    retry: false,
    env: false,
    ...options,
    fetch: recordingFetch,
  });
  const to = (method: string, path: string) =>
    exchanges.filter((e) => e.request.method === method && new URL(e.request.url).pathname === path);
  return { api, exchanges, recordingFetch, to, tokenExchanges: () => to("POST", "/v1/tokens/exchange") };
}

const anonymous = () => client({ apiToken: undefined });

describe("Scalingo auth API: every operation through the typed client", () => {
  it("exchangeToken: the first call trades the API token (Basic, empty user) for a JWT, then sends it as the bearer", async () => {
    const { api, tokenExchanges, to } = client();
    const { data, response } = await api.GET("/v1/users/self");
    harness.expectConforms("getCurrentUser", response, data);
    expect(data.user.id).toMatch(/^us-/);

    expect(tokenExchanges()).toHaveLength(1);
    const exchange = tokenExchanges()[0]!;
    harness.expectConforms("exchangeToken", exchange.response, await readBody(exchange.response));
    expect(exchange.response.status).toBe(200);
    expect(exchange.request.headers.get("authorization")).toBe(basic("", API_TOKEN));
    expect(JSON.parse(exchange.body)).toEqual({});

    const bearer = await api.bearer();
    expect(jwtExp(bearer)).toBeGreaterThan(Date.now() / 1000);
    expect(to("GET", "/v1/users/self")[0]!.request.headers.get("authorization")).toBe(`Bearer ${bearer}`);
  });

  it("exchangeToken through the typed POST is sent with the API token, not a bearer", async () => {
    const { api, exchanges } = client();
    const { data, response } = await api.POST("/v1/tokens/exchange", { body: {} });
    harness.expectConforms("exchangeToken", response, data);
    expect(jwtExp(data.token)).toBeGreaterThan(Date.now() / 1000);
    expect(exchanges.map((e) => e.request.headers.get("authorization"))).toEqual([basic("", API_TOKEN)]);
  });

  it("concurrent first calls share one exchange, and the bearer serves every later call", async () => {
    const { api, tokenExchanges, to } = client();
    await Promise.all(Array.from({ length: 20 }, () => api.GET("/v1/users/self")));
    await api.GET("/v1/keys");
    expect(tokenExchanges()).toHaveLength(1);
    const bearer = await api.bearer();
    expect(to("GET", "/v1/users/self").every((e) => e.request.headers.get("authorization") === `Bearer ${bearer}`)).toBe(true);
  });

  it("listRegions answers with and without a bearer, listing the two Paris regions", async () => {
    for (const [who, { api, to }] of [["bearer", client()], ["anonymous", anonymous()]] as const) {
      const { data, response } = await api.GET("/v1/regions");
      harness.expectConforms("listRegions", response, data);
      expect(data.regions.map((region) => region.name)).toEqual(["osc-fr1", "osc-secnum-fr1"]);
      expect(data.regions.find((region) => region.default)?.name).toBe("osc-fr1");
      const sent = to("GET", "/v1/regions")[0]!.request.headers.get("authorization");
      if (who === "anonymous") expect(sent).toBeNull();
      else expect(sent).toMatch(/^Bearer ey/);
    }
  });

  it("the region helpers pick by name, else the default, from one cached list", async () => {
    const { api, to } = client();
    expect((await api.getRegion()).name).toBe("osc-fr1");
    expect((await api.regionHosts("osc-secnum-fr1")).api).toBe("https://api.osc-secnum-fr1.scalingo.com");
    expect((await api.listRegions()).length).toBe(2);
    expect(to("GET", "/v1/regions")).toHaveLength(1);
    harness.expectConforms("listRegions", to("GET", "/v1/regions")[0]!.response, await readBody(to("GET", "/v1/regions")[0]!.response));
    await expect(api.getRegion("osc-nowhere")).rejects.toThrow(/Unknown Scalingo region "osc-nowhere"; available regions: osc-fr1, osc-secnum-fr1/);
  });

  it("listTokens returns the whole list, without secrets and without paging", async () => {
    const { api, to } = client();
    const { data, response } = await api.GET("/v1/tokens");
    harness.expectConforms("listTokens", response, data);
    expect(data.tokens.length).toBeGreaterThan(0);
    for (const token of data.tokens) expect(token).not.toHaveProperty("token");
    expect(data).not.toHaveProperty("meta");
    expect(new URL(to("GET", "/v1/tokens")[0]!.request.url).search).toBe("");
  });

  it("listScmIntegrationOrganizations: paginate walks the one paginated list until next_page is null", async () => {
    const { api, to } = client();
    const path = `/v1/scm_integrations/${SCM_ID}/orgs`;
    const logins: string[] = [];
    for await (const org of api.paginate("/v1/scm_integrations/{id}/orgs", { path: { id: SCM_ID }, per_page: 20, maxPages: 5 })) logins.push(org.login);
    expect(logins).toEqual(["Test", "Another Organization"]);
    const pages = to("GET", path);
    expect(new URL(pages[0]!.request.url).searchParams.get("page")).toBe("1");
    expect(new URL(pages[0]!.request.url).searchParams.get("per_page")).toBe("20");
    for (const page of pages) harness.expectConforms("listScmIntegrationOrganizations", page.response, await readBody(page.response));
  });

  it("createToken accepts the rooted body with login and OTP, and returns the secret once", async () => {
    const { api, to } = client();
    const token = await api.createApiToken({ ...LOGIN, otp: "123456", name: "Test Token" });
    expect(token.token).toMatch(/^tk-us-/);
    const [call] = to("POST", "/v1/tokens");
    harness.expectConforms("createToken", call!.response, await readBody(call!.response));
    expect(call!.response.status).toBe(201);
    expect(call!.request.headers.get("authorization")).toBe(basic(LOGIN.login, LOGIN.password));
    expect(call!.request.headers.get("x-authorization-otp")).toBe("123456");
    expect(JSON.parse(call!.body)).toEqual({ token: { name: "Test Token" } });
    expect(to("POST", "/v1/tokens/exchange")).toHaveLength(0);
  });

  it("createToken with login through the standalone createApiToken and through the typed POST", async () => {
    const { recordingFetch } = client();
    const token = await createApiToken({ authUrl: harness.mock.url, fetch: recordingFetch, retry: false, env: false, ...LOGIN, name: "CLI" });
    expect(token.token).toMatch(/^tk-us-/);

    const { api } = client();
    const { data, response } = await api.POST("/v1/tokens", {
      headers: { Authorization: basic(LOGIN.login, LOGIN.password) },
      params: { header: { "X-Authorization-OTP": "123456" } },
      body: { token: { name: "Test Token" } },
    });
    harness.expectConforms("createToken", response, data);
    expect(response.status).toBe(201);
  });

  it("createToken also accepts the unwrapped body one official client sends, with a bearer", async () => {
    const { api, to } = client();
    const { data, response } = await api.POST("/v1/tokens", { body: { name: "CI deploys" } });
    harness.expectConforms("createToken", response, data);
    expect(response.status).toBe(201);
    expect(to("POST", "/v1/tokens")[0]!.request.headers.get("authorization")).toMatch(/^Bearer ey/);
  });

  it("renewToken returns a new secret", async () => {
    const { api } = client();
    const { data, response } = await api.PATCH("/v1/tokens/{id}/renew", { params: { path: { id: TOKEN_ID } } });
    harness.expectConforms("renewToken", response, data);
    expect(data.token.id).toBe(TOKEN_ID);
    expect(data.token.token).toMatch(/^tk-us-/);
  });

  it("renewTokenWithPut: the Ruby client's PUT renews the same way, with no body", async () => {
    const { api, to } = client();
    const { data, response } = await api.PUT("/v1/tokens/{id}/renew", { params: { path: { id: TOKEN_ID } } });
    harness.expectConforms("renewTokenWithPut", response, data);
    expect(data.token.id).toBe(TOKEN_ID);
    expect(data.token.token).toMatch(/^tk-us-/);
    expect(to("PUT", `/v1/tokens/${TOKEN_ID}/renew`)[0]!.body).toBe("");
  });

  it("deleteToken answers 204 with no body", async () => {
    const { api } = client();
    const { data, response } = await api.DELETE("/v1/tokens/{id}", { params: { path: { id: TOKEN_ID } } });
    harness.expectConforms("deleteToken", response, data);
    expect(response.status).toBe(204);
  });

  it("listKeys, getKey, createKey (both shapes) and deleteKey", async () => {
    const { api, tokenExchanges } = client();
    const list = await api.GET("/v1/keys");
    harness.expectConforms("listKeys", list.response, list.data);
    expect(list.data.keys[0]!.owner?.username).toBe("john-doe");

    const one = await api.GET("/v1/keys/{id}", { params: { path: { id: KEY_ID } } });
    harness.expectConforms("getKey", one.response, one.data);
    expect(one.data.key.fingerprint).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){15}$/);

    const content = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHeJsbVRXzsMMw6wVmWdrZ4YJb1X6kxXH2Vf0ZPgB8Lr john@laptop";
    for (const body of [{ key: { name: "laptop", content } }, { name: "laptop", content }]) {
      const created = await api.POST("/v1/keys", { body });
      harness.expectConforms("createKey", created.response, created.data);
      expect(created.response.status).toBe(201);
    }

    const removed = await api.DELETE("/v1/keys/{id}", { params: { path: { id: KEY_ID } } });
    harness.expectConforms("deleteKey", removed.response, removed.data);
    expect(removed.response.status).toBe(204);
    expect(tokenExchanges()).toHaveLength(1);
  });
});

describe("Scalingo auth API: the calls only some official clients make, in each shape they send", () => {
  it("getToken (go's TokenShow) returns one token without its secret", async () => {
    const { api } = client();
    const { data, response } = await api.GET("/v1/tokens/{id}", { params: { path: { id: TOKEN_ID } } });
    harness.expectConforms("getToken", response, data);
    expect(data.token.id).toBe(TOKEN_ID);
    expect(data.token).not.toHaveProperty("token");
  });

  it("updateCurrentUser (js, rb): PUT /v1/users/account with the fields to change, rooted under user", async () => {
    const { api, to } = client();
    const { data, response } = await api.PUT("/v1/users/account", { body: { user: { location: "Some other city" } } });
    harness.expectConforms("updateCurrentUser", response, data);
    expect(data.user.location).toBe("Some other city");
    expect(JSON.parse(to("PUT", "/v1/users/account")[0]!.body)).toEqual({ user: { location: "Some other city" } });
  });

  it("updateAccountProfile (go): PATCH /v1/account/profile with email or password", async () => {
    const { api } = client();
    const { data, response } = await api.PATCH("/v1/account/profile", { body: { user: { password: "correct horse battery staple" } } });
    harness.expectConforms("updateAccountProfile", response, data);
    expect(data.user.id).toMatch(/^us-/);
  });

  it("createFreeTrialStop accepts no body, go's {} and js's empty form body", async () => {
    const { api } = client();
    const typed = await api.POST("/v1/users/stop_free_trial", {});
    harness.expectConforms("createFreeTrialStop", typed.response, typed.data);
    expect(typed.response.status).toBe(200);
    for (const init of [
      { headers: { "Content-Type": "application/json" }, body: "{}" },
      { headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "" },
    ]) {
      const response = await fetch(`${harness.mock.url}/v1/users/stop_free_trial`, { method: "POST", ...init, headers: { ...init.headers, Authorization: `Bearer ${BEARER}` } });
      harness.expectConforms("createFreeTrialStop", response, await readBody(response));
      expect(response.status).toBe(200);
    }
  });

  it("two-factor enrolment: status, start (201 with an otpauth URI), validate with a number or a string, disable with or without a body", async () => {
    const { api, to } = client();
    const status = await api.GET("/v1/client/tfa");
    harness.expectConforms("getTwoFactorAuth", status.response, status.data);
    expect(typeof status.data.tfa.enabled).toBe("boolean");

    const started = await api.POST("/v1/client/tfa", { body: { tfa: { provider: "totp" } } });
    harness.expectConforms("createTwoFactorAuth", started.response, started.data);
    expect(started.response.status).toBe(201);
    expect(new URL(started.data.tfa.uri).searchParams.get("secret")).toBeTruthy();

    for (const attempt of [975037, "975037"]) {
      const validated = await api.POST("/v1/client/tfa/validate", { body: { tfa: { attempt } } });
      harness.expectConforms("createTwoFactorAuthValidation", validated.response, validated.data);
      expect(validated.response.status).toBe(201);
      expect(validated.data.tfa.user.enabled).toBe(true);
      expect(validated.data.tfa.codes.length).toBeGreaterThan(0);
    }

    const withBody = await api.DELETE("/v1/client/tfa", { body: { tfa: { attempt: 123456 } } });
    harness.expectConforms("deleteTwoFactorAuth", withBody.response, withBody.data);
    expect(JSON.parse(to("DELETE", "/v1/client/tfa")[0]!.body)).toEqual({ tfa: { attempt: 123456 } });
    const without = await api.DELETE("/v1/client/tfa", {});
    harness.expectConforms("deleteTwoFactorAuth", without.response, without.data);
    expect(without.data.tfa.enabled).toBe(false);
  });

  it("a provider other than totp is refused with 400 {error}", async () => {
    const response = await fetch(`${harness.mock.url}/v1/client/tfa`, {
      method: "POST",
      headers: { Authorization: `Bearer ${BEARER}`, "Content-Type": "application/json" },
      body: JSON.stringify({ tfa: { provider: "sms" } }),
    });
    expect(response.status).toBe(400);
    const body = await readBody(response);
    expect(harness.validator.checkResponse("createTwoFactorAuth", 400, response.headers.get("content-type"), body).problems).toEqual([]);
  });

  it("SCM integrations: list, create, show, import keys, search, branches, delete", async () => {
    const { api, to } = client();
    const list = await api.GET("/v1/scm_integrations");
    harness.expectConforms("listScmIntegrations", list.response, list.data);
    expect(list.data.scm_integrations.map((i) => i.scm_type)).toContain("github-enterprise");

    const created = await api.POST("/v1/scm_integrations", {
      body: { scm_integration: { scm_type: "gitlab-self-hosted", url: "https://gitlab.example.com", access_token: "some-access-token" } },
    });
    harness.expectConforms("createScmIntegration", created.response, created.data);
    expect(created.response.status).toBe(201);

    const one = await api.GET("/v1/scm_integrations/{id}", { params: { path: { id: SCM_ID } } });
    harness.expectConforms("getScmIntegration", one.response, one.data);
    expect(one.data.scm_integration.id).toBe(SCM_ID);

    const imported = await api.POST("/v1/scm_integrations/{id}/import_keys", { params: { path: { id: SCM_ID } } });
    harness.expectConforms("addScmIntegrationKeys", imported.response, imported.data);
    expect(imported.response.status).toBe(201);
    expect(imported.data.keys[0]!.fingerprint).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){15}$/);

    const repos = await api.GET("/v1/scm_integrations/{id}/search_repos", { params: { path: { id: SCM_ID }, query: { query: "example fork:true user:john-diggle" } } });
    harness.expectConforms("listScmIntegrationRepositories", repos.response, repos.data);
    expect(repos.data.repositories[0]!.fullName).toContain("/");
    expect(new URL(to("GET", `/v1/scm_integrations/${SCM_ID}/search_repos`)[0]!.request.url).searchParams.get("query")).toBe("example fork:true user:john-diggle");

    const pulls = await api.GET("/v1/scm_integrations/{id}/search_pull_requests", { params: { path: { id: SCM_ID }, query: { query: "is:open" } } });
    harness.expectConforms("listScmIntegrationPullRequests", pulls.response, pulls.data);
    expect(pulls.data.pull_requests[0]!.number).toBeGreaterThan(0);

    const branches = await api.GET("/v1/scm_integrations/{id}/branches", { params: { path: { id: SCM_ID }, query: { repo_name: "john-diggle/example-repository" } } });
    harness.expectConforms("listScmIntegrationBranches", branches.response, branches.data);
    expect(branches.data.branches.map((b) => b.name)).toContain("main");

    const page = await api.GET("/v1/scm_integrations/{id}/orgs", { params: { path: { id: SCM_ID }, query: { page: 1, per_page: 20 } } });
    harness.expectConforms("listScmIntegrationOrganizations", page.response, page.data);

    const removed = await api.DELETE("/v1/scm_integrations/{id}", { params: { path: { id: SCM_ID } } });
    harness.expectConforms("deleteScmIntegration", removed.response, removed.data);
    expect(removed.response.status).toBe(204);
  });

  it("a hosted SCM type cannot be created through the API: 422 {errors}", async () => {
    const response = await fetch(`${harness.mock.url}/v1/scm_integrations`, {
      method: "POST",
      headers: { Authorization: `Bearer ${BEARER}`, "Content-Type": "application/json" },
      body: JSON.stringify({ scm_integration: { scm_type: "github", url: "https://github.com", access_token: "x" } }),
    });
    expect(response.status).toBe(422);
    const body = await readBody(response);
    expect(harness.validator.checkResponse("createScmIntegration", 422, response.headers.get("content-type"), body).problems).toEqual([]);
  });
});

describe("Scalingo auth API: requests that break the spec are refused in the platform's error shape", () => {
  async function refused(operationId: string, path: string, init: RequestInit, status: number) {
    const response = await fetch(`${harness.mock.url}${path}`, init);
    const body = await readBody(response);
    expect(response.status).toBe(status);
    const { problems } = harness.validator.checkResponse(operationId, response.status, response.headers.get("content-type"), body);
    expect(problems).toEqual([]);
    return body;
  }

  it("a bearer call without credentials gets 401 {error}", async () => {
    const body = await refused("listTokens", "/v1/tokens", {}, 401);
    expect(body).toHaveProperty("error");
  });

  it("through the client, the same call throws a typed UnauthorizedError carrying method, path, status and body", async () => {
    const { api, exchanges } = anonymous();
    const err = await api.GET("/v1/tokens").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnauthorizedError);
    const error = err as UnauthorizedError;
    expect(error).toMatchObject({ method: "GET", path: "/v1/tokens", status: 401 });
    expect(error.body).toEqual(await readBody(exchanges[0]!.response));
    expect(error.message).toMatch(/^GET \/v1\/tokens → 401 Unauthorized/);
  });

  it("the exchange refuses a bearer where it needs the API token", async () => {
    await refused("exchangeToken", "/v1/tokens/exchange", { method: "POST", headers: { Authorization: `Bearer ${BEARER}` } }, 401);
  });

  it("a token without a name gets 422 {errors: {field: [...]}}", async () => {
    const body = await refused("createToken", "/v1/tokens", {
      method: "POST",
      headers: { Authorization: `Bearer ${BEARER}`, "Content-Type": "application/json" },
      body: JSON.stringify({ token: {} }),
    }, 422);
    expect(Object.keys((body as { errors: object }).errors).length).toBeGreaterThan(0);
  });

  it("an SSH key without content gets 422", async () => {
    await refused("createKey", "/v1/keys", {
      method: "POST",
      headers: { Authorization: `Bearer ${BEARER}`, "Content-Type": "application/json" },
      body: JSON.stringify({ key: { name: "laptop" } }),
    }, 422);
  });

  it("paging parameters on the unpaginated key list are ignored, as the server ignores them", async () => {
    const response = await fetch(`${harness.mock.url}/v1/keys?per_page=1000`, { headers: { Authorization: `Bearer ${BEARER}` } });
    expect(response.status).toBe(200);
    harness.expectConforms("listKeys", response, await readBody(response));
  });
});

afterAll(() => {
  const every = harness.validator.operations.map((op) => op.operationId).sort();
  expect([...harness.called].sort(), "every operation of the spec is called through the client").toEqual(every);
});
