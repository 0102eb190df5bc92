/**
 * Protects the mock launcher: free-port start and clean stop, the proxy mode that validates a
 * real server's answers, and logs that never print credentials.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startMock, type RunningMock } from "../src/index.js";
import type { Violation } from "../src/prism-components.js";

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

/** A stand-in for a real server that answers every request with the given body (a string is sent as it is). */
async function upstream(body: unknown, status = 200): Promise<string> {
  const server = createServer((_req, res) => {
    res.writeHead(status, { "content-type": "application/json" }).end(typeof body === "string" ? body : JSON.stringify(body));
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

  it("passes an upstream's invalid JSON through as it came, flagged as a violation (not hidden behind Prism's 500)", async () => {
    const target = await upstream('{"regions": [ {"name": "osc-fr1",', 200);
    const violations: Violation[] = [];
    const proxy = await start({ api: "scalingo", upstream: target, onViolation: (violation) => violations.push(violation) });
    const response = await fetch(`${proxy.url}/v1/regions`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{"regions": [ {"name": "osc-fr1",');
    expect(response.headers.get("sl-violations")).toMatch(/must be object/);
    expect(violations).toEqual([expect.objectContaining({ direction: "response", method: "GET", path: "/v1/regions", operationId: "listRegions", status: 200 })]);
  });

  it("logs each violation once, naming the request", async () => {
    const lines: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const target = await upstream({ regions: [{ name: 42 }] });
    const proxy = await start({ api: "scalingo", upstream: target, logLevel: "warn" });
    await fetch(`${proxy.url}/v1/regions?x=1`);
    const violationLines = lines.join("").split("\n").filter((line) => /violation/i.test(line));
    expect(violationLines).toHaveLength(1);
    expect(violationLines[0]).toMatch(/^\[scalingo\] GET \/v1\/regions \(listRegions\) answered 200: response violation: /);
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
