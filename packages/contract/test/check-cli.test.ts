/**
 * The check command's contract with its user: --help describes every check in one line; usage
 * errors (an unknown check, a bad seed or budget, a missing target) exit 2 naming the flag;
 * the request budget holds and says so; the same seed replays the same cases; --checks runs
 * only the checks named; real credentials never go over plain http to another machine.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getApi, loadBundledSpec } from "@openregions/apis";
import { startSandbox, type RunningSandbox } from "@openregions/mock";
import { CHECK_DESCRIPTIONS, CHECKS, runChecks } from "../src/index.js";
import { cli, sandboxCredentials } from "./check-support.js";
import { startDefectProxy } from "./fixtures/defect-proxy.js";

const api = getApi("scalingo");
const spec = loadBundledSpec(api);
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ api, port: 0, onViolation: () => {} });
});
afterAll(async () => {
  await sandbox?.close();
});

describe("contract check usage", () => {
  it("--help gives each check its one-line description", async () => {
    const run = await cli(process.cwd(), ["check", "--help"]);
    expect(run.code).toBe(0);
    for (const check of CHECKS) expect(run.stdout).toContain(`${check.padEnd(28)}  ${CHECK_DESCRIPTIONS[check]}`);
  });

  it.each([
    [["--checks", "not_a_check"], /--checks: unknown check not_a_check/],
    [["--seed", "abc"], /--seed takes a whole number/],
    [["--max-requests", "0"], /--max-requests takes a positive whole number/],
    [["--cases", "1.5"], /--cases takes a positive whole number/],
  ])("exits 2 on %j", async (flags, message) => {
    const run = await cli(process.cwd(), ["check", "--api", "scalingo", "--target", "http://127.0.0.1:9", ...flags]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it("exits 2 without a target, and refuses real credentials over plain http to another machine", async () => {
    expect((await cli(process.cwd(), ["check", "--api", "scalingo"])).code).toBe(2);
    const run = await cli(process.cwd(), ["check", "--api", "scalingo", "--target", "http://192.0.2.10", "--api-token", "tk-us-not-sent-anywhere"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("refusing to send real credentials over plain http");
  });
});

describe("contract check runs", () => {
  it("stops at --max-requests and says so", async () => {
    const report = await runChecks({ api, spec, target: sandbox.url, credentials: sandboxCredentials(sandbox), writes: true, seed: 3, maxRequests: 12 });
    expect(report.requests).toBe(12);
    expect(report.notes.join("\n")).toContain("stopped early: the request budget (12) was spent");
    expect(report.failed).toBe(0);
  });

  it("replays the same requests with the same seed, and other ones with another", async () => {
    const proxy = await startDefectProxy(sandbox.url);
    try {
      const sent = async (seed: number) => {
        await fetch(`${sandbox.url}/__sandbox/reset`, { method: "POST" });
        const requests: string[] = [];
        proxy.plant(async (request, forward) => {
          requests.push(`${request.method} ${request.url} ${request.body}`);
          return forward(request);
        });
        await runChecks({ api, spec, target: proxy.url, credentials: sandboxCredentials(sandbox), seed, checks: ["negative_data_rejection", "positive_data_acceptance"], cases: 5 });
        // Bearers differ from run to run; the requests' lines and bodies must not.
        return requests;
      };
      const first = await sent(11);
      expect(first.length).toBeGreaterThan(10);
      expect(await sent(11)).toEqual(first);
      expect(await sent(12)).not.toEqual(first);
    } finally {
      await proxy.close();
    }
  });

  it("sends nothing that changes state without --writes", async () => {
    await fetch(`${sandbox.url}/__sandbox/reset`, { method: "POST" });
    // The exchange issues bearers and updates the API token's last_used_at; the collections stay as they were.
    const collections = () => JSON.stringify((sandbox.state() as { collections: unknown }).collections).replace(/"last_used_at":"[^"]*"/g, "");
    const before = collections();
    const report = await runChecks({ api, spec, target: sandbox.url, credentials: sandboxCredentials(sandbox), seed: 5 });
    expect(report.failed + report.errors).toBe(0);
    const skipped = report.rows.filter((row) => row.outcome === "skip").map((row) => `${row.check} ${row.subject}`);
    expect(skipped).toContain("use_after_free createKey");
    expect(skipped).toContain("ignored_auth deleteKey");
    expect(collections()).toBe(before);
  });
});
