/**
 * `pnpm contract verify` as a person or CI runs it: the table on stdout, the JUnit file, the
 * exit codes (0 pass, 1 fail, 2 usage error), and credentials kept out of every output.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import type { CliIo } from "../src/cli/io.js";
import { trapNonLoopback } from "./fixtures/fetch-trap.js";
import { startProviderServer, type FixtureServer } from "./fixtures/provider-server.js";

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

let folder: string;
async function run(argv: string[], env: Record<string, string> = {}): Promise<Captured> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    }, env, cwd: folder };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe("contract verify (command line)", () => {
  let good: FixtureServer;
  let broken: FixtureServer;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "verify-cli-"));
    good = await startProviderServer("rainbond");
    broken = await startProviderServer("rainbond", { getRegion: { status: 418, headers: { "content-type": "text/plain" }, raw: "teapot" } });
  });
  afterAll(async () => {
    await Promise.all([good?.close(), broken?.close()]);
    await rm(folder, { recursive: true, force: true });
  });

  it("exits 0 and writes a JUnit report when every call conforms", async () => {
    const result = await run(["verify", "--api", "rainbond", "--target", good.url, "--junit", "reports/verify.xml"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/rainbond against http:\/\/127\.0\.0\.1:\d+: 4 passed, 0 failed, 6 skipped/);
    const xml = await readFile(join(folder, "reports", "verify.xml"), "utf8");
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(xml).toContain('<testsuite name="verify rainbond" tests="10" failures="0" errors="0" skipped="6"');
    expect(xml).toMatch(/<testcase classname="contract.verify.rainbond" name="listRegions \(GET \/openapi\/v1\/regions\)" time="[\d.]+"\/>/);
    expect(xml).toContain('<skipped message="changes state: pass --writes to call it"/>');
  });

  it("exits 1 on a violation, with the failure in the table and in the JUnit report", async () => {
    const result = await run(["verify", "--api", "rainbond", "--target", broken.url, "--junit", "broken.xml"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^getRegion\s+GET \/openapi\/v1\/regions\/\{region_id\}\s+418\s+FAIL\s+status 418 is not documented for getRegion$/m);
    const xml = await readFile(join(folder, "broken.xml"), "utf8");
    expect(xml).toContain('<failure message="status 418 is not documented for getRegion" type="ContractViolation">status 418');
  });

  it("exits 2 on usage errors, before calling anything", async () => {
    const before = good.received.length;
    for (const argv of [
      [],
      ["frobnicate"],
      ["verify", "--target", good.url],
      ["verify", "--api", "rainbond"],
      ["verify", "--api", "nope", "--target", good.url],
      ["verify", "--api", "rainbond", "--target", good.url, "--bogus"],
      ["verify", "--api", "rainbond", "--target", good.url, "--timeout", "soon"],
    ]) {
      const result = await run(argv);
      expect(result.code, argv.join(" ")).toBe(2);
    }
    expect(good.received.length).toBe(before);
  });

  it("takes credentials from flags or the environment, and never prints them", async () => {
    const accessKey = "9a8b7c6d5e4f30211203f4e5d6c7b8a9f0e1d2c3";
    const flagged = await run(["verify", "--api", "rainbond", "--target", good.url, "--access-key", accessKey, "--junit", "secret.xml"]);
    expect(flagged.code).toBe(0);
    // the v1 operations take the access key (the v2 management API takes the management token, --bearer)
    const lastV1 = () => good.received.filter((request) => request.operationId === "getRegion").at(-1);
    expect(lastV1()?.headers.authorization).toBe(accessKey);
    const fromEnv = await run(["verify", "--api", "rainbond", "--target", good.url], { OPENREGIONS_ACCESS_KEY: accessKey });
    expect(fromEnv.code).toBe(0);
    expect(lastV1()?.headers.authorization).toBe(accessKey);
    // Plain http to another machine: refused before anything is sent (a regression would land in the trap, on loopback).
    const { result: refused, trapped } = await trapNonLoopback(() => run(["verify", "--api", "rainbond", "--target", "http://console.example.com:7070", "--access-key", accessKey]));
    expect(trapped).toEqual([]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/refusing to send real credentials over plain http to console\.example\.com:7070/);
    const everything = [flagged, fromEnv, refused].map((result) => result.stdout + result.stderr).join("\n") + (await readFile(join(folder, "secret.xml"), "utf8"));
    expect(everything).not.toContain(accessKey);
  });

  it("runs as a program with the exit code of its verdict", async () => {
    const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
    // Asynchronous on purpose: the stand-in server answers from this process's event loop.
    const child = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const process_ = execFile(process.execPath, ["--import", "tsx", cli, "verify", "--api", "rainbond", "--target", broken.url], {
        encoding: "utf8",
        timeout: 30_000,
        cwd: fileURLToPath(new URL("..", import.meta.url)),
      }, (_error, stdout, stderr) => resolve({ status: process_.exitCode, stdout, stderr }));
    });
    expect(child.stdout).toMatch(/getRegion\s+GET \/openapi\/v1\/regions\/\{region_id\}\s+418\s+FAIL/);
    expect(child.status, child.stderr).toBe(1);
  });
});
