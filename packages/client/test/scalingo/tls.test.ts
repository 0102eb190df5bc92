import { describe, expect, it } from "vitest";
import { createApiToken, createScalingoClient, InsecureUrlError } from "../../src/scalingo.js";
import { API_TOKEN, fakeScalingo } from "./fake.js";

describe("Scalingo TLS rule", () => {
  it.each([
    "http://auth.scalingo.com",
    "http://10.0.0.5:4010",
    "ftp://auth.scalingo.com",
    "not a url",
  ])("refuses %s", (url) => {
    expect(() => createScalingoClient({ authUrl: url, apiToken: API_TOKEN, env: false })).toThrow(InsecureUrlError);
  });

  it.each(["http://127.0.0.1:4010", "http://localhost:4010", "http://[::1]:4010", "https://auth.scalingo.com"])("allows %s", async (url) => {
    const s = fakeScalingo();
    const client = createScalingoClient({ authUrl: url, apiToken: API_TOKEN, fetch: s.fetch, clock: s.clock, env: false });
    await client.GET("/v1/users/self");
    expect(new URL(s.calls[0]!.url).origin).toBe(new URL(url).origin);
  });

  it("the error shows the origin only, never userinfo credentials", () => {
    let err: unknown;
    try {
      createScalingoClient({ authUrl: `http://user:${API_TOKEN}@auth.example.com/v1?token=${API_TOKEN}`, env: false });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InsecureUrlError);
    expect(String(err)).not.toContain(API_TOKEN);
    expect(JSON.stringify(err)).not.toContain(API_TOKEN);
  });

  it("baseUrl is an alias of authUrl; a trailing /v1 is dropped; conflicting values are refused", async () => {
    const s = fakeScalingo();
    const client = createScalingoClient({ baseUrl: "http://127.0.0.1:4010/v1/", apiToken: API_TOKEN, fetch: s.fetch, clock: s.clock, env: false });
    expect(client.authUrl).toBe("http://127.0.0.1:4010");
    expect(client.baseUrl).toBe("http://127.0.0.1:4010");
    await client.GET("/v1/regions");
    expect(s.calls.map((c) => new URL(c.url).pathname)).toEqual(["/v1/tokens/exchange", "/v1/regions"]);
    expect(() => createScalingoClient({ authUrl: "https://a.test", baseUrl: "https://b.test", env: false })).toThrow(/differ/);
  });

  it("a base path is kept (the exchange is recognised under it)", async () => {
    const s = fakeScalingo();
    const client = createScalingoClient({ authUrl: "https://proxy.test/scalingo", apiToken: API_TOKEN, fetch: async (r) => {
      const url = new URL(r.url);
      url.pathname = url.pathname.replace(/^\/scalingo/, "");
      return s.fetch(new Request(url, r));
    }, clock: s.clock, env: false });
    await client.GET("/v1/users/self");
    expect(s.callsTo("POST /v1/tokens/exchange")[0]!.headers.authorization).toMatch(/^Basic /);
    expect(s.callsTo("GET /v1/users/self")[0]!.headers.authorization).toMatch(/^Bearer /);
  });

  it("createApiToken refuses an insecure URL before sending the password", async () => {
    await expect(createApiToken({ authUrl: "http://auth.example.com", login: "a", password: "secret-pw", name: "n", env: false })).rejects.toBeInstanceOf(InsecureUrlError);
  });
});
