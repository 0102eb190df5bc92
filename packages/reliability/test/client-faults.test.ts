/**
 * Protects the client's behaviour against a real misbehaving server on loopback: transient
 * 503/429 (with Retry-After), connection resets, answers slower than the timeout, truncated and
 * non-JSON bodies. Idempotent calls recover within the retry budget; a POST that may have reached
 * the server is never sent twice; every failure is a typed error, never an unhandled rejection.
 */
import type { ServerResponse } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type ApiError, ConnectionError, InvalidResponseError, NotFoundError, ServerError, TimeoutError, createScalingoClient } from "@openregions/client/scalingo";
import { startScriptedServer, type Answer, type ScriptedServer } from "@openregions/test-support/scripted-server";

type Fault = Answer;

const REGIONS = JSON.stringify({ regions: [{ name: "osc-fr1", display_name: "Paris", api: "https://api.example", dashboard: "https://my.example", database_api: "https://db.example", ssh: "ssh.example:22", default: true }] });
const KEY = JSON.stringify({ key: { id: "k1", name: "laptop", content: "ssh-ed25519 AAAA", fingerprint: "SHA256:x", created_at: "2018-04-26T11:31:07.248Z", owner: { id: "us-1", email: "a@b.c", username: "a" } } });
const ok = (body: string): Fault => (res) => res.writeHead(200, { "content-type": "application/json" }).end(body);
const reset: Fault = (_res, req) => req.socket.destroy();

let server: ScriptedServer;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  server = await startScriptedServer();
});
afterEach(() => server.reset());
afterAll(async () => {
  await server.close();
  process.off("unhandledRejection", onUnhandled);
  expect(unhandled, "no unhandled rejection during the fault tests").toEqual([]);
});

const client = (timeoutMs = 2_000) =>
  createScalingoClient({ authUrl: server.url, bearer: "eyJhbGciOiJub25lIn0.eyJleHAiOjQxMDI0NDQ4MDB9.", env: false, timeoutMs, retry: { baseDelayMs: 10, maxDelayMs: 50 } });

describe("idempotent calls recover within the retry budget", () => {
  it("503 then 200", async () => {
    server.answer((r) => r.writeHead(503, { "content-type": "application/json" }).end('{"error":"busy"}'), ok(REGIONS));
    const { data } = await client().GET("/v1/regions");
    expect(data.regions[0]!.name).toBe("osc-fr1");
    expect(server.seen).toHaveLength(2);
  });

  it("429 with Retry-After: 1 waits about a second, then succeeds", async () => {
    server.answer((r) => r.writeHead(429, { "content-type": "text/plain", "retry-after": "1" }).end("Retry later"), ok(REGIONS));
    const started = Date.now();
    await client().GET("/v1/regions");
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(server.seen).toHaveLength(2);
  });

  it("a connection reset, then 200", async () => {
    server.answer(reset, ok(REGIONS));
    await client().GET("/v1/regions");
    expect(server.seen).toHaveLength(2);
  });

  it("three 503s exhaust the budget (1 + 2 retries) and surface a ServerError", async () => {
    server.answer(...Array.from({ length: 5 }, () => (r: ServerResponse) => r.writeHead(503, { "content-type": "application/json" }).end('{"error":"busy"}')));
    await expect(client().GET("/v1/regions")).rejects.toBeInstanceOf(ServerError);
    expect(server.seen).toHaveLength(3);
  });

  it("answers slower than the timeout become a TimeoutError after the retries", async () => {
    const slow: Fault = (r) => setTimeout(() => r.writeHead(200).end(REGIONS), 1_000).unref();
    server.answer(slow, slow, slow);
    await expect(client(150).GET("/v1/regions")).rejects.toBeInstanceOf(TimeoutError);
    expect(server.seen).toHaveLength(3);
  });
});

describe("a POST that may have reached the server is sent once", () => {
  const body = { key: { name: "laptop", content: "ssh-ed25519 AAAA" } };

  it("on a reset after the body was read", async () => {
    server.answer(reset, ok(KEY));
    await expect(client().POST("/v1/keys", { body })).rejects.toBeInstanceOf(ConnectionError);
    expect(server.seen.map((r) => `${r.method} ${r.url}`)).toEqual(["POST /v1/keys"]);
  });

  it("on a 503", async () => {
    server.answer((r) => r.writeHead(503, { "content-type": "application/json" }).end('{"error":"busy"}'), ok(KEY));
    await expect(client().POST("/v1/keys", { body })).rejects.toBeInstanceOf(ServerError);
    expect(server.seen).toHaveLength(1);
  });

  it("on a timeout", async () => {
    server.answer((r) => setTimeout(() => r.writeHead(201).end(KEY), 1_000).unref(), ok(KEY));
    await expect(client(150).POST("/v1/keys", { body })).rejects.toBeInstanceOf(TimeoutError);
    expect(server.seen).toHaveLength(1);
  });
});

describe("malformed answers become typed errors", () => {
  it("a body cut short by a closed connection: a ConnectionError itself, after the retries", async () => {
    const truncated: Fault = (res, req) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "5000" });
      res.write(REGIONS.slice(0, 40));
      setTimeout(() => req.socket.destroy(), 20).unref();
    };
    server.answer(truncated, truncated, truncated, ok(REGIONS));
    const error = await client().GET("/v1/regions").catch((e: unknown) => e);
    // The exact class: not a subclass such as TimeoutError, not the ApiError base, not a raw TypeError.
    expect((error as object).constructor).toBe(ConnectionError);
    expect((error as Error).message).toMatch(/^GET \/v1\/regions → connection failed/);
    // A GET is idempotent: the first attempt and both retries were cut short; the fourth answer was never asked for.
    expect(server.seen).toHaveLength(3);
  });

  it("a 200 that is not JSON", async () => {
    server.answer((r) => r.writeHead(200, { "content-type": "application/json" }).end("<html>maintenance</html>"));
    await expect(client().GET("/v1/regions")).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it("an error status with an empty body", async () => {
    server.answer((r) => r.writeHead(404).end());
    const error = await client().GET("/v1/keys/{id}", { params: { path: { id: "k1" } } }).catch((e: unknown) => e);
    expect((error as object).constructor).toBe(NotFoundError);
    expect((error as ApiError).status).toBe(404);
    expect(server.seen).toHaveLength(1);
    expect((error as Error).message).toMatch(/GET \/v1\/keys\/k1/);
  });
});
