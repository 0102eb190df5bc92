/**
 * The breaking-change gate: every spec's current bundle must stay compatible with its committed
 * baseline (baselines/<api>.json, the last released version), as oasdiff judges it. Deliberate
 * breaks applied to copies of the baselines prove that the gate sees each kind of break, and
 * compatible changes prove that it does not cry wolf.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { apis, loadBundledSpec } from "@openregions/apis";
import { breakingChangesFromSpecs, checkAgainstBaseline, formatChanges, gate, loadBaseline } from "../src/breaking.js";
import type { CliIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import { applyPatch, type PatchOperation } from "./fixtures/json-patch.js";

interface Fixture {
  kind: string;
  api: string;
  expect?: string;
  patch: PatchOperation[];
}
const fixtures = JSON.parse(readFileSync(new URL("./fixtures/breaking-changes.json", import.meta.url), "utf8")) as { breaking: Fixture[]; compatible: Fixture[] };

describe.each(apis.map((api) => [api.name, api] as const))("%s against its baseline", (_name, api) => {
  it("has a committed baseline of the same API", async () => {
    const baseline = await loadBaseline(api);
    const current = loadBundledSpec(api);
    expect(baseline.openapi).toMatch(/^3\.1\./);
    expect(baseline.info.title).toBe(current.info.title);
    expect(baseline.info.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("has no breaking change, or declares it with a new major version (`pnpm contract breaking` for details)", async () => {
    const result = await checkAgainstBaseline(api);
    expect(result.passed, formatChanges(result.blocking).join("\n")).toBe(true);
  });
});

describe("the gate fires on each kind of break", () => {
  it.each(fixtures.breaking.map((fixture) => [fixture.kind, fixture] as const))("%s", async (_kind, fixture) => {
    const baseline = await loadBaseline({ name: fixture.api });
    const result = await breakingChangesFromSpecs(baseline, applyPatch(baseline, fixture.patch));
    expect(result.blocking.map((change) => change.id)).toContain(fixture.expect);
  });

  it("and only at the level asked: a warning-level break passes with --fail-on ERR", async () => {
    const fixture = fixtures.breaking.find((candidate) => candidate.expect === "response-optional-property-removed")!;
    const baseline = await loadBaseline({ name: fixture.api });
    const revision = applyPatch(baseline, fixture.patch);
    expect((await breakingChangesFromSpecs(baseline, revision, "ERR")).blocking).toEqual([]);
    expect((await breakingChangesFromSpecs(baseline, revision, "WARN")).blocking).toHaveLength(1);
  });
});

describe("the gate lets compatible changes through", () => {
  it.each(fixtures.compatible.map((fixture) => [fixture.kind, fixture] as const))("%s", async (_kind, fixture) => {
    const baseline = await loadBaseline({ name: fixture.api });
    const result = await breakingChangesFromSpecs(baseline, applyPatch(baseline, fixture.patch));
    expect(result.blocking, formatChanges(result.blocking).join("\n")).toEqual([]);
  });
});

describe("a deliberate break", () => {
  const removal = fixtures.breaking.find((fixture) => fixture.expect === "api-removed-without-deprecation")!;

  it("blocks under the same or a minor version, and passes when info.version starts a new major", async () => {
    const baseline = await loadBaseline({ name: removal.api });
    const revision = applyPatch(baseline, removal.patch);
    const withVersion = (version: string) => ({ ...revision, info: { ...revision.info, version } });
    const baselineMajor = Number(baseline.info.version.split(".")[0]);
    expect(Number.isInteger(baselineMajor), baseline.info.version).toBe(true);
    const nextMajor = `${baselineMajor + 1}.0.0`;
    expect((await gate(baseline, withVersion(baseline.info.version))).passed).toBe(false);
    expect((await gate(baseline, withVersion(`${baselineMajor}.3.0`))).passed).toBe(false);
    const major = await gate(baseline, withVersion(nextMajor));
    expect(major).toMatchObject({ passed: true, newMajor: true, baselineVersion: baseline.info.version, currentVersion: nextMajor });
    expect(major.blocking.map((change) => change.id)).toEqual(["api-removed-without-deprecation"]);
  });
});

describe("pnpm contract breaking", () => {
  it("reports each API against its baseline and exits 0 when nothing breaks", async () => {
    let stdout = "";
    const io: CliIo = { stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stdout += text;
      }, env: {}, cwd: process.cwd() };
    expect(await main(["breaking"], io), stdout).toBe(0);
    for (const api of apis) expect(stdout).toMatch(new RegExp(`^${api.name}\\s+\\S+ against baseline \\S+: ok`, "m"));
    expect(await main(["breaking", "--fail-on", "SOMETIMES"], io)).toBe(2);
    expect(await main(["baseline"], io)).toBe(2); // names no API: writes nothing
  });
});
