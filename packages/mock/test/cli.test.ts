/**
 * Protects the `mock` command as a person runs it: the sandbox by default (on the API's fixed
 * port unless --port), --static, proxy, --state saved on Ctrl-C, and the usage errors: each a
 * single line and exit 2, including a port already in use.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { getApi } from "@openregions/apis";
import { childOutput } from "@openregions/test-support/child-output";

const CLI = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));

const children: ChildProcess[] = [];
const servers: Server[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

function launch(args: string[]) {
  // node itself runs the command (tsx as a loader, not a wrapper process), so a kill reaches it
  const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], { cwd: PACKAGE_DIR, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FORCE_COLOR: "0" } });
  children.push(child);
  const { finished, waitFor } = childOutput(child, `mock ${args.join(" ")}`);
  return { child, finished, waitFor };
}

const run = (args: string[]) => launch(args).finished;

describe("usage", { timeout: 60_000 }, () => {
  it("--help documents every mode and option", async () => {
    const { code, stdout } = await run(["--help"]);
    expect(code).toBe(0);
    for (const option of ["--static", "proxy", "--bearer-ttl", "--state", "--verbose", "--quiet", "--errors", "--port"]) expect(stdout).toContain(option);
  });

  it.each([
    [["--api", "scalingo", "--frobnicate"], /^mock: Unknown option '--frobnicate'/],
    [["--port", "70000", "--api", "scalingo"], /^mock: bad --port "70000"/],
    [["--port", "4321"], /^mock: --port needs a single --api/],
    [["--api", "nope"], /^mock: unknown API "nope"/],
    [["serve"], /^mock: unknown command "serve"/],
    [["proxy", "--api", "scalingo", "--target", "ftp://127.0.0.1/"], /must be an http or https URL/],
    [["proxy", "--api", "scalingo"], /proxy needs --target/],
    [["--static", "--state", "x.json"], /apply to the sandbox only/],
    [["--bearer-ttl", "soon"], /bad --bearer-ttl/],
  ])("%j is a usage error: one line, exit 2", async (args, message) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split("\n")).toHaveLength(2);
    expect(stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it("says which port is in use and what to do", async () => {
    const holder = createServer();
    servers.push(holder);
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const port = (holder.address() as AddressInfo).port;
    const { code, stderr } = await run(["--api", "scalingo", "--port", String(port)]);
    expect(code).toBe(2);
    expect(stderr).toContain(`port ${port} (scalingo) is already in use`);
    expect(stderr).toContain("--port");
  });
});

describe("serving", { timeout: 150_000 }, () => {
  it("serves the sandbox on the API's fixed port by default, prints its credentials, and stops on Ctrl-C", async () => {
    const api = getApi("rainbond");
    const { child, finished, waitFor } = launch(["--api", "rainbond"]);
    const [, url] = await waitFor(/sandbox on (http:\/\/127\.0\.0\.1:\d+)/);
    expect(url).toBe(`http://127.0.0.1:${api.mockPort}`);
    const [, key] = await waitFor(/RAINBOND_ACCESS_KEY=([0-9a-f]{40})/);
    expect((await fetch(`${url}/openapi/v1/regions`, { headers: { Authorization: key! } })).status).toBe(200);
    child.kill("SIGINT");
    expect((await finished).code).toBe(0);
    await expect(fetch(`${url}/openapi/v1/regions`)).rejects.toThrow();
  });

  it("--static serves Prism's example mock: any bearer passes, nothing is stored", async () => {
    const { child, finished, waitFor } = launch(["--static", "--api", "scalingo", "--port", "0"]);
    const [, url] = await waitFor(/static example mock on (http:\/\/127\.0\.0\.1:\d+)/);
    expect((await fetch(`${url}/v1/keys`, { headers: { Authorization: "Bearer anything" } })).status).toBe(200);
    child.kill("SIGINT");
    expect((await finished).code).toBe(0);
  });

  it("proxy validates a real server's traffic on its own port", async () => {
    const target = createServer((_request, reply) => reply.writeHead(200, { "content-type": "application/json" }).end('{"regions": []}'));
    servers.push(target);
    await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
    const upstream = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
    const { child, finished, waitFor } = launch(["proxy", "--api", "scalingo", "--target", upstream, "--port", "0"]);
    const [, url] = await waitFor(/validating proxy → \S+ on (http:\/\/127\.0\.0\.1:\d+)/);
    const response = await fetch(`${url}/v1/regions`);
    expect(await response.json()).toEqual({ regions: [] });
    child.kill("SIGINT");
    expect((await finished).code).toBe(0);
  });

  it("--state saves the sandbox on Ctrl-C and --bearer-ttl sets the bearer's lifetime", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "mock-cli-")), "state.json");
    const { child, finished, waitFor } = launch(["--api", "scalingo", "--port", "0", "--state", file, "--bearer-ttl", "120"]);
    const [, url] = await waitFor(/sandbox on (http:\/\/127\.0\.0\.1:\d+)/);
    const [, apiToken] = await waitFor(/SCALINGO_API_TOKEN=(\S+)/);
    const exchanged = await fetch(`${url}/v1/tokens/exchange`, { method: "POST", headers: { Authorization: `Basic ${btoa(`:${apiToken}`)}`, "Content-Type": "application/json" }, body: "{}" });
    const { token } = (await exchanged.json()) as { token: string };
    const claims = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as { iat: number; exp: number };
    expect(claims.exp - claims.iat).toBe(120);
    const created = await fetch(`${url}/v1/tokens`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: JSON.stringify({ token: { name: "kept-on-disk" } }) });
    expect(created.status).toBe(201);
    child.kill("SIGINT");
    expect((await finished).code).toBe(0);
    const saved = JSON.parse(readFileSync(file, "utf8")) as { collections: Record<string, Array<{ name: string }>> };
    expect(saved.collections["/v1/tokens"]!.map((item) => item.name)).toContain("kept-on-disk");
  });
});
