/**
 * The docs server's forwarding proxy for "Try it" panels pointed at a real server: forwards the
 * request and every header of the answer (X-Subject-Token included), follows redirects only on
 * the target's own origin, refuses other callers than the site's pages, plain http off loopback,
 * and logs nothing (so never a credential).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { startScriptedServer, type ScriptedServer } from "@openregions/test-support/scripted-server";
import { serveStatic, type RunningSite } from "../src/serve.js";
import { PROXY_PATH, PROXY_TARGET_HEADER, TARGETS_PATH } from "../src/try-it/model.js";

let root: string;
let site: RunningSite;
let upstream: ScriptedServer;
let other: ScriptedServer;
const SECRET = "Example#Passw0rd-canary";

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "openregions-proxy-"));
  await writeFile(join(root, "index.html"), "<!doctype html>");
  [upstream, other] = await Promise.all([startScriptedServer(), startScriptedServer()]);
  site = await serveStatic(root, 0, "127.0.0.1", { targets: { scalingo: { sandbox: "http://127.0.0.1:1" } } });
});
afterEach(() => {
  upstream.reset();
  other.reset();
});
afterAll(async () => {
  await Promise.allSettled([site?.close(), upstream?.close(), other?.close()]);
  await rm(root, { recursive: true, force: true });
});

const viaProxy = (path: string, init: RequestInit & { target?: string } = {}) =>
  fetch(`${site.url}${PROXY_PATH}${path}`, { ...init, headers: { [PROXY_TARGET_HEADER]: init.target ?? upstream.url, ...(init.headers as Record<string, string>) } });

test("the docs server tells the panels which servers run, and that it forwards", async () => {
  expect(await (await fetch(`${site.url}${TARGETS_PATH}`)).json()).toEqual({ proxy: true, apis: { scalingo: { sandbox: "http://127.0.0.1:1" } } });
});

describe("forwarding", () => {
  test("sends method, path, query, headers and body; returns status and every header, X-Subject-Token included", async () => {
    upstream.answer((res) => res.writeHead(201, { "content-type": "application/json", "x-subject-token": "MIIDtoken" }).end('{"token":{}}'));
    const body = JSON.stringify({ auth: { password: SECRET } });
    const response = await viaProxy("/v3/auth/tokens?nocatalog=1", { method: "POST", body, headers: { "content-type": "application/json", "x-auth-token": "abc", cookie: "session=1" } });
    expect(response.status).toBe(201);
    expect(response.headers.get("x-subject-token")).toBe("MIIDtoken");
    expect(response.headers.get("x-openregions-proxied-to")).toBe(upstream.url);
    expect(await response.json()).toEqual({ token: {} });
    const [seen] = upstream.seen;
    expect(seen).toMatchObject({ method: "POST", url: "/v3/auth/tokens?nocatalog=1", body });
    expect(seen!.headers["x-auth-token"]).toBe("abc");
    expect(seen!.headers["content-type"]).toBe("application/json");
    expect(seen!.headers[PROXY_TARGET_HEADER]).toBeUndefined();
    expect(seen!.headers["cookie"]).toBeUndefined();
  });

  test("keeps a base path of the target", async () => {
    upstream.answer((res) => res.writeHead(204).end());
    await viaProxy("/regions", { target: `${upstream.url}/api/v2/` });
    expect(upstream.seen.map((request) => request.url)).toEqual(["/api/v2/regions"]);
  });

  test("follows a redirect on the same origin", async () => {
    upstream.answer(
      (res) => res.writeHead(301, { location: "/v1/regions/" }).end(),
      (res) => res.writeHead(200, { "content-type": "application/json" }).end("[]"),
    );
    const response = await viaProxy("/v1/regions");
    expect(response.status).toBe(200);
    expect(upstream.seen.map((request) => request.url)).toEqual(["/v1/regions", "/v1/regions/"]);
  });

  test.each([
    ["host", () => other.url.replace("127.0.0.1", "localhost"), "another host"],
    ["port", () => other.url, "another port"],
    ["scheme", () => upstream.url.replace("http:", "https:"), "another scheme"],
  ])("refuses a redirect to another %s, and never calls it", async (_, location, why) => {
    upstream.answer((res) => res.writeHead(302, { location: `${location()}/steal` }).end());
    const response = await viaProxy("/v1/regions", { headers: { authorization: `Bearer ${SECRET}` } });
    expect(response.status).toBe(502);
    expect((await response.json()).message).toContain(`${why} than ${upstream.url}: refused`);
    expect(other.seen).toEqual([]);
  });
});

describe("refusals", () => {
  test("a request from another origin (another site in the same browser)", async () => {
    const response = await viaProxy("/v1/regions", { headers: { origin: "https://evil.example" } });
    expect(response.status).toBe(403);
    expect(upstream.seen).toEqual([]);
  });

  test("a Host that is not loopback (DNS rebinding)", async () => {
    const { request } = await import("node:http");
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${site.url}${PROXY_PATH}/x`, { headers: { host: "rebind.example:80", [PROXY_TARGET_HEADER]: upstream.url } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(403);
    expect(upstream.seen).toEqual([]);
  });

  test("a preflight: only same-origin pages may use the proxy", async () => {
    const response = await fetch(`${site.url}${PROXY_PATH}/x`, { method: "OPTIONS" });
    expect(response.status).toBe(405);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  test.each([
    ["no target", undefined, 400, "must name the server"],
    ["not a URL", "nope", 400, "is not a URL"],
    ["another scheme", "ftp://example.com", 400, "only http and https"],
    ["credentials in the URL", "https://user:pw@example.com", 400, "must not hold credentials"],
    ["plain http off loopback", "http://example.com", 400, "plain http is refused for example.com"],
  ])("a bad target: %s", async (_, target, status, message) => {
    const headers: Record<string, string> = target === undefined ? {} : { [PROXY_TARGET_HEADER]: target };
    const response = await fetch(`${site.url}${PROXY_PATH}/v1/regions`, { headers });
    expect(response.status).toBe(status);
    expect((await response.json()).message).toContain(message);
  });

  test("a server that does not answer: 502 saying so", async () => {
    const gone = await startScriptedServer();
    await gone.close();
    const response = await viaProxy("/v1/regions", { target: gone.url });
    expect(response.status).toBe(502);
    expect((await response.json()).message).toMatch(/could not be reached: ECONNREFUSED/);
  });

  test("the proxy is only offered on loopback", async () => {
    await expect(serveStatic(root, 0, "0.0.0.0")).rejects.toThrow(/only when it listens on loopback/);
  });
});

test("nothing is logged, so no credential is", async () => {
  const writes = [vi.spyOn(process.stdout, "write"), vi.spyOn(process.stderr, "write"), vi.spyOn(console, "log"), vi.spyOn(console, "error")];
  try {
    upstream.answer((res) => res.writeHead(401).end());
    await viaProxy("/v1/keys", { headers: { authorization: `Basic ${btoa(`:${SECRET}`)}` } });
    await viaProxy("/v1/keys", { target: "http://127.0.0.1:9", headers: { authorization: `Bearer ${SECRET}` } });
    for (const spy of writes) expect(spy).not.toHaveBeenCalled();
  } finally {
    for (const spy of writes) spy.mockRestore();
  }
});
