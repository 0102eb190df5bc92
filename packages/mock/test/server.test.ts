/**
 * Protects the mock launcher: free-port start and clean stop, the proxy mode that validates a
 * real server's answers, and logs that never print credentials.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startMock, type RunningMock } from "../src/index.js";

const running: RunningMock[] = [];
const servers: Server[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(running.splice(0).map((mock) => mock.close()));
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function start(...args: Parameters<typeof startMock>): Promise<RunningMock> {
  const mock = await startMock(...args);
  running.push(mock);
  return mock;
}

/** A stand-in for a real server that answers every request with the given body. */
async function upstream(body: unknown, status = 200): Promise<string> {
  const server = createServer((_req, res) => {
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("startMock", () => {
  it("listens on a free loopback port and answers from the spec's examples", async () => {
    const mock = await start({ api: "scalingo" });
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mock.port).toBeGreaterThan(0);
    const response = await fetch(`${mock.url}/v1/regions`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { regions: unknown[] }).regions).toHaveLength(2);
  });

  it("runs several APIs side by side on distinct ports", async () => {
    const [a, b] = await Promise.all([start({ api: "scalingo" }), start({ api: "rainbond" })]);
    expect(a!.port).not.toBe(b!.port);
    expect((await fetch(`${b!.url}/openapi/v1/regions`, { headers: { Authorization: "0".repeat(40) } })).status).toBe(200);
  });

  it("stops: the port refuses connections after close", async () => {
    const mock = await startMock({ api: "scalingo" });
    await mock.close();
    await mock.close();
    await expect(fetch(`${mock.url}/v1/regions`)).rejects.toThrow();
  });

  it("rejects an unknown API by name", async () => {
    await expect(startMock({ api: "nope" })).rejects.toThrow(/unknown API "nope"/);
  });
});

describe("proxy mode", () => {
  it("passes a conforming answer through without violations", async () => {
    const target = await upstream({ regions: [{ name: "osc-fr1", display_name: "Paris", api: "https://api.example", dashboard: "https://my.example", database_api: "https://db.example", ssh: "ssh.example:22" }] });
    const proxy = await start({ api: "scalingo", upstream: target });
    const response = await fetch(`${proxy.url}/v1/regions`);
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
  });

  it("flags a real server's answer that breaks the spec", async () => {
    const target = await upstream({ regions: [{ name: 42 }] });
    const proxy = await start({ api: "scalingo", upstream: target });
    const response = await fetch(`${proxy.url}/v1/regions`);
    expect(response.headers.get("sl-violations")).toMatch(/display_name|must be string/);
  });

  it("with errors on, turns the violation into an error response", async () => {
    const target = await upstream({ regions: "not a list" });
    const proxy = await start({ api: "scalingo", upstream: target, errors: true });
    const response = await fetch(`${proxy.url}/v1/regions`);
    expect(response.status).toBeGreaterThanOrEqual(500);
  });
});

describe("logs", () => {
  it("never print the credentials of a request", async () => {
    const lines: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const mock = await start({ api: "scalingo", logLevel: "debug" });
    const canary = "CANARY-bearer-5f2c9d8e7a6b";
    await fetch(`${mock.url}/v1/tokens?per_page=1000`, { headers: { Authorization: `Bearer ${canary}`, "X-Authorization-OTP": "654321" } });
    await fetch(`${mock.url}/v1/tokens/exchange`, { method: "POST", headers: { Authorization: `Basic ${btoa(`:${canary}`)}` } });
    expect(lines.length).toBeGreaterThan(0);
    const output = lines.join("");
    expect(output).not.toContain(canary);
    expect(output).not.toContain(btoa(`:${canary}`));
    expect(output).not.toContain("654321");
    expect(output).toContain("authorization: [redacted]");
  });
});
