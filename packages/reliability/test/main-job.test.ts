/**
 * Protects the README's first promise: the main job (`scripts/start.ts`, what `npm start` runs
 * after installing and building) starts every API's mock and the docs site, prints their URLs
 * and a curl that works as printed, and stops everything cleanly on Ctrl-C. It runs here with
 * `--skip-build` (the test task already built everything) and `--free-ports`, so it never
 * collides with an instance someone is running on the fixed ports.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { apis, repoRoot } from "@openregions/apis";

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
    for (const [, name, , page] of mocks) {
      const response = await fetch(page!);
      expect(response.status, `${name} docs page`).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      await response.body?.cancel();
    }

    const tried = printedCurl(out);
    const answer = await fetch(tried.url, { headers: tried.headers });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/json/);
    expect(await answer.json()).toBeTypeOf("object");

    child!.kill("SIGINT");
    expect(await job.exited).toBe(0);
    expect(job.stdout()).toContain("stopping…");
    await expect(fetch(`${docsUrl}/`)).rejects.toThrow();
    await expect(fetch(mocks[0]![2]!)).rejects.toThrow();
  });
});
