/**
 * Holds the typed Scalingo client and the Prism mock to the spec: every operation is called
 * through the client, and each answer must carry the documented status and a body that
 * validates against the documented schema. Requests that break the spec must be refused with
 * the platform's own error shape.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createScalingoClient } from "@openregions/client/scalingo";
import { readBody, useMock } from "./harness.js";

const harness = useMock("scalingo");
const BEARER = "eyJhbGciOiJub25lIn0.eyJleHAiOjQxMDI0NDQ4MDB9.";
const TOKEN_ID = "e061a292-bab4-47fa-bb08-d7f7895ae5b6";
const KEY_ID = "5ae1bb5b3de6ec000e5d0d9d";
const basic = (user: string, password: string) => `Basic ${btoa(`${user}:${password}`)}`;

const client = () => createScalingoClient({ baseUrl: harness.mock.url, bearer: BEARER });
const anonymous = () => createScalingoClient({ baseUrl: harness.mock.url });

describe("Scalingo auth API: every operation through the typed client", () => {
  it("exchangeToken trades an API token for a JWT bearer", async () => {
    const { data, response } = await anonymous().POST("/v1/tokens/exchange", {
      headers: { Authorization: basic("", "tk-us-example") },
      body: {},
    });
    harness.expectConforms("exchangeToken", response, data);
    expect(response.status).toBe(200);
    const payload = JSON.parse(atob(data!.token.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/")));
    expect(payload.exp).toBeGreaterThan(Date.now() / 1000);
  });

  it("listRegions answers with and without a bearer, listing the two Paris regions", async () => {
    for (const api of [client(), anonymous()]) {
      const { data, response } = await api.GET("/v1/regions");
      harness.expectConforms("listRegions", response, data);
      expect(data!.regions.map((region) => region.name)).toEqual(["osc-fr1", "osc-secnum-fr1"]);
      expect(data!.regions.find((region) => region.default)?.name).toBe("osc-fr1");
    }
  });

  it("listTokens returns tokens without their secrets, with pagination meta", async () => {
    const { data, response } = await client().GET("/v1/tokens", { params: { query: { page: 1, per_page: 20 } } });
    harness.expectConforms("listTokens", response, data);
    expect(data!.tokens.length).toBeGreaterThan(0);
    for (const token of data!.tokens) expect(token).not.toHaveProperty("token");
    expect(data!.meta?.pagination?.current_page).toBe(1);
  });

  it("createToken accepts the rooted body with login and OTP, and returns the secret once", async () => {
    const { data, response } = await anonymous().POST("/v1/tokens", {
      headers: { Authorization: basic("john@doe.com", "correct horse battery staple") },
      params: { header: { "X-Authorization-OTP": "123456" } },
      body: { token: { name: "Test Token" } },
    });
    harness.expectConforms("createToken", response, data);
    expect(response.status).toBe(201);
    expect(data!.token.token).toMatch(/^tk-us-/);
  });

  it("createToken also accepts the unwrapped body one official client sends, with a bearer", async () => {
    const { data, response } = await client().POST("/v1/tokens", { body: { name: "CI deploys" } });
    harness.expectConforms("createToken", response, data);
    expect(response.status).toBe(201);
  });

  it("renewToken returns a new secret", async () => {
    const { data, response } = await client().PATCH("/v1/tokens/{id}/renew", { params: { path: { id: TOKEN_ID } } });
    harness.expectConforms("renewToken", response, data);
    expect(data!.token.id).toBe(TOKEN_ID);
    expect(data!.token.token).toMatch(/^tk-us-/);
  });

  it("deleteToken answers 204 with no body", async () => {
    const { data, response } = await client().DELETE("/v1/tokens/{id}", { params: { path: { id: TOKEN_ID } } });
    harness.expectConforms("deleteToken", response, data);
    expect(response.status).toBe(204);
  });

  it("getCurrentUser returns the account behind the bearer", async () => {
    const { data, response } = await client().GET("/v1/users/self");
    harness.expectConforms("getCurrentUser", response, data);
    expect(data!.user.id).toMatch(/^us-/);
  });

  it("listKeys, getKey, createKey (both shapes) and deleteKey", async () => {
    const list = await client().GET("/v1/keys");
    harness.expectConforms("listKeys", list.response, list.data);
    expect(list.data!.keys[0]!.owner.username).toBe("john-doe");

    const one = await client().GET("/v1/keys/{id}", { params: { path: { id: KEY_ID } } });
    harness.expectConforms("getKey", one.response, one.data);
    expect(one.data!.key.fingerprint).toMatch(/^SHA256:/);

    const content = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHeJsbVRXzsMMw6wVmWdrZ4YJb1X6kxXH2Vf0ZPgB8Lr john@laptop";
    for (const body of [{ key: { name: "laptop", content } }, { name: "laptop", content }]) {
      const created = await client().POST("/v1/keys", { body });
      harness.expectConforms("createKey", created.response, created.data);
      expect(created.response.status).toBe(201);
    }

    const removed = await client().DELETE("/v1/keys/{id}", { params: { path: { id: KEY_ID } } });
    harness.expectConforms("deleteKey", removed.response, removed.data);
    expect(removed.response.status).toBe(204);
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

  it("an oversized page gets 400 {error}", async () => {
    await refused("listKeys", "/v1/keys?per_page=1000", { headers: { Authorization: `Bearer ${BEARER}` } }, 400);
  });
});

afterAll(() => {
  const every = harness.validator.operations.map((op) => op.operationId).sort();
  expect([...harness.called].sort(), "every operation of the spec is called through the client").toEqual(every);
});
