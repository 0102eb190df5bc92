/**
 * `contract check` against the reference server: for every API, every check that applies
 * passes against its sandbox (started here), with nothing failed, erroneous or inconclusive, the
 * run stays within its request budget, Prism sees zero response violations, and the only
 * skipped rows are the ones the spec explains (no 405 documented, no delete linked). The CLI
 * run prints the table, the request count and the seed, writes JUnit, never prints a
 * credential, and exits 0; the same seed replays the same cases.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apis, loadBundledSpec } from "@openregions/apis";
import { startSandbox, type RunningSandbox } from "@openregions/mock";
import { CHECKS, runChecks } from "../src/index.js";
import { cli, credentialFlags, sandboxCredentials } from "./check-support.js";

const RESULTS = join(import.meta.dirname, "..", "test-results");
const MAX_REQUESTS = 400;

/** Rows the specs explain: what may be skipped against a sandbox that is right. */
const EXPECTED_SKIPS: Record<string, string[]> = {
  scalingo: ["unsupported_method (every path)"],
  rainbond: ["use_after_free createRegion"],
  // A region generated from its schema names a parent region that does not exist: Keystone (and
  // the sandbox) refuse it with 404, so the checks that need a created region have none to use.
  "huawei-iam": ["negative_data_rejection updateRegion", "positive_data_acceptance deleteRegion", "positive_data_acceptance updateRegion", "use_after_free createToken"],
};

/** Checks with nothing to send against that API: its spec documents no 405, or links no delete. */
const NEVER_RUN: Record<string, string[]> = { scalingo: ["unsupported_method"], rainbond: ["use_after_free"], "huawei-iam": ["use_after_free"] };


describe.each(apis.map((api) => [api.name, api] as const))("contract check against the %s sandbox", (name, api) => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ api, port: 0, onViolation: () => {} });
    await mkdir(RESULTS, { recursive: true });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it("passes every check that applies, within the budget, with zero response violations", async () => {
    const report = await runChecks({ api, spec: loadBundledSpec(api), target: sandbox.url, credentials: sandboxCredentials(sandbox), writes: true, seed: 20261201, maxRequests: MAX_REQUESTS });
    const notPassing = report.rows.filter((row) => row.outcome !== "pass" && row.outcome !== "skip");
    expect(notPassing, JSON.stringify(notPassing, null, 1)).toEqual([]);
    expect(report.rows.filter((row) => row.outcome === "skip").map((row) => `${row.check} ${row.subject}`)).toEqual(EXPECTED_SKIPS[name]);
    // Every check ran somewhere, except unsupported_method where the spec documents no 405.
    const ran = new Set(report.rows.filter((row) => row.outcome === "pass").map((row) => row.check));
    const notRun = CHECKS.filter((check) => !ran.has(check));
    expect(notRun).toEqual(NEVER_RUN[name]);
    expect(report.requests).toBeGreaterThan(20);
    expect(report.requests).toBeLessThanOrEqual(MAX_REQUESTS);
    expect(sandbox.violations).toEqual([]);
  });

  it("prints one row per check and operation from the CLI, exits 0, writes JUnit, never prints a credential", async () => {
    await fetch(`${sandbox.url}/__sandbox/reset`, { method: "POST" });
    const credentials = sandboxCredentials(sandbox);
    const junit = `check-${name}.xml`;
    const run = await cli(RESULTS, ["check", "--api", name, "--target", sandbox.url, "--writes", "--seed", "7", "--max-requests", String(MAX_REQUESTS), "--junit", junit, ...credentialFlags(credentials)]);
    await writeFile(join(RESULTS, `check-${name}-sandbox.txt`), run.stdout);
    expect(run.stderr).toBe("");
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^${name} against ${sandbox.url.replace(/[.]/g, "\\.")}: \\d+ passed, 0 failed(, \\d+ skipped)? \\(\\d+ requests, \\d+ ms, seed 7\\)$`, "m"));
    for (const check of CHECKS) expect(run.stdout).toMatch(new RegExp(`^${check}\\s`, "m"));
    for (const secret of [credentials.apiToken, credentials.accessKey, credentials.password]) if (secret) expect(run.stdout).not.toContain(secret);
    const xml = await readFile(join(RESULTS, junit), "utf8");
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain(`<testsuite name="check ${name}"`);
    expect(xml).toContain('failures="0"');
  });
});
