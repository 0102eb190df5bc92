/**
 * Protects the README's first promise: the main job (`scripts/start.ts`, what `npm start` runs
 * after installing and building) starts every API's mock and the docs site, prints their URLs
 * and a curl that works as printed, every mock answers each of its spec's reads as the spec
 * says, and Ctrl-C stops everything cleanly, releasing every port. It runs here with
 * `--skip-build` (the test task already built everything) and `--free-ports`, so it never
 * collides with an instance someone is running on the fixed ports.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createConnection } from "node:net";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { apis, exampleRequest, getApi, listOperations, loadBundledSpec, repoRoot } from "@openregions/apis";
import { createSpecValidator } from "@openregions/contract";
import { curlSample, guides } from "@openregions/docs";

const READY = "Ctrl-C stops everything.";

let child: ChildProcess | undefined;
afterAll(() => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
});

/** Starts the main job and resolves with its output once it says it is ready. */
function startMainJob(): Promise<{ stdout: () => string; exited: Promise<number | null> }> {
  const proc = spawn(process.execPath, ["--import", "tsx", join("scripts", "start.ts"), "--skip-build", "--free-ports"], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = proc;
  let stdout = "";
  let stderr = "";
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the main job did not get ready in 60 s:\n${stdout}\n${stderr}`)), 60_000);
    proc.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    proc.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes(READY)) {
        clearTimeout(timer);
        resolve({ stdout: () => stdout, exited });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the main job exited (${code}) before it was ready:\n${stdout}\n${stderr}`));
    });
  });
}

/**
 * The "Try" block the job prints: `export NAME='value' …` then a curl command whose `-H`
 * flags read those variables. Returns its URL and headers with the variables filled in.
 */
function printedCurl(out: string): { url: string; headers: Record<string, string> } {
  const block = /^Try \([^)]*\):\n([\s\S]*?)\n(?:Sandbox controls|Ctrl-C)/m.exec(out)?.[1];
  expect(block, out).toBeDefined();
  const env = Object.fromEntries([...block!.matchAll(/(\w+)='([^']*)'/g)].map((match) => [match[1]!, match[2]!]));
  const url = /curl (?:-X \w+ )?'(http:\/\/127\.0\.0\.1:\d+\/[^']*)'/.exec(block!)?.[1];
  expect(url, block).toBeDefined();
  const headers: Record<string, string> = {};
  for (const [, name, value] of block!.matchAll(/-H "([^:]+): ([^"]*)"/g)) headers[name!] = value!.replace(/\$(\w+)/g, (_, variable: string) => env[variable] ?? "");
  expect(Object.keys(headers).length, "the curl sends the printed credentials").toBeGreaterThan(0);
  return { url: url!, headers };
}

/** Resolves with the connection error's code once nothing accepts a connection at the URL's port any more. */
function connectionRefused(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port) });
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/** Every `NAME=value` credential the job printed. */
function printedCredentials(out: string): Record<string, string> {
  return Object.fromEntries([...out.matchAll(/\b([A-Z][A-Z0-9_]+)=([^\s']+)/g)].map((match) => [match[1]!, match[2]!]));
}

/** The `-H` flags of a docs curl sample, with the printed credentials in place of its variables. */
function curlHeaders(source: string, env: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [, name, value] of source.matchAll(/-H ["']([^:]+): ([^"']*)["']/g)) headers[name!] = value!.replace(/\$(\w+)/g, (_, variable: string) => env[variable] ?? "");
  return headers;
}

/**
 * Calls every GET operation of the API on its sandbox as the docs' curl sample sends it, with the
 * credentials the job printed; each must answer 2xx, conforming.
 */
async function expectMockServes(name: string, url: string, env: Record<string, string>): Promise<void> {
  const spec = loadBundledSpec(getApi(name));
  const validator = createSpecValidator(spec);
  const reads = listOperations(spec).filter((op) => op.method === "get");
  expect(reads.length, `${name} has reads to call`).toBeGreaterThan(0);
  for (const op of reads) {
    const request = exampleRequest(spec, op);
    const sample = curlSample(spec, op, { apiName: name, baseUrl: url, credentials: guides[name]?.curlCredentials });
    const response = await fetch(`${url}${request.path}`, { headers: { ...request.headers, ...curlHeaders(sample.source, env) } });
    const text = await response.text();
    const label = `${name} ${op.operationId} GET ${request.path} → ${response.status} ${text.slice(0, 200)}`;
    expect(response.status, label).toBeGreaterThanOrEqual(200);
    expect(response.status, label).toBeLessThan(300);
    expect(response.headers.get("sl-violations"), label).toBeNull();
    const type = response.headers.get("content-type");
    const body: unknown = type?.includes("json") ? JSON.parse(text) : text;
    expect(validator.checkResponse(op.operationId, response.status, type, body).problems, label).toEqual([]);
  }
}

describe("the main job", () => {
  it("serves every mock and the docs, prints a curl that works, and stops on Ctrl-C", { timeout: 90_000 }, async () => {
    const job = await startMainJob();
    const out = job.stdout();

    const docsUrl = /^\s+docs\s+(http:\/\/127\.0\.0\.1:\d+)\/$/m.exec(out)?.[1];
    expect(docsUrl, out).toBeDefined();
    const index = await fetch(`${docsUrl}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain("Auth and regions API reference");

    const mocks = [...out.matchAll(/^\s+(\S+)\s+(http:\/\/127\.0\.0\.1:\d+)\s+\(sandbox behind Prism; docs: (\S+)\)$/gm)];
    expect(mocks.map((m) => m[1])).toEqual(apis.map((api) => api.name));
    expect(new Set(mocks.map((m) => m[2])).size, "one port per mock").toBe(mocks.length);
    for (const [, name, url, page] of mocks) {
      const response = await fetch(page!);
      expect(response.status, `${name} docs page`).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      await response.body?.cancel();
      // The mock itself, not only its docs page: every read the spec has, answered as the spec says.
      await expectMockServes(name!, url!, printedCredentials(out));
    }

    const tried = printedCurl(out);
    const answer = await fetch(tried.url, { headers: tried.headers });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/json/);
    expect(await answer.json()).toBeTypeOf("object");

    child!.kill("SIGINT");
    expect(await job.exited).toBe(0);
    expect(job.stdout()).toContain("stopping…");
    // Every port is released: the docs site's and each mock's.
    for (const url of [docsUrl!, ...mocks.map((m) => m[2]!)]) expect(await connectionRefused(url), url).toBe("ECONNREFUSED");
  });
});
