/**
 * The GitHub workflows cannot run here, so they are linted: valid YAML, every `run:` script
 * parses as bash, actions pinned to a major version, pnpm at the packageManager's version,
 * bounded jobs; the release job publishes only from a version tag, with provenance (OIDC
 * `id-token: write`) and its token from a secret; CI turns Turbo's remote cache on from its
 * settings only.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = join(import.meta.dirname, "..", "..", "..");
const workflowsDir = join(root, ".github", "workflows");
const pnpmVersion = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { packageManager: string }).packageManager;

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  "timeout-minutes"?: number;
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const load = (file: string): Workflow => parse(readFileSync(join(workflowsDir, file), "utf8")) as Workflow;
const files = readdirSync(workflowsDir).filter((file) => /\.ya?ml$/.test(file));
/** A GitHub expression, e.g. expr("secrets.NPM_TOKEN") is the text `${{ secrets.NPM_TOKEN }}`. */
const expr = (inner: string): string => ["$", "{{ ", inner, " }}"].join("");
const steps = (workflow: Workflow): Step[] => Object.values(workflow.jobs).flatMap((job) => job.steps);

describe("every workflow", () => {
  it("ci.yml and release.yml are there", () => {
    expect(files).toEqual(expect.arrayContaining(["ci.yml", "release.yml"]));
  });

  for (const file of files) {
    it(`${file}: bounded jobs, pinned actions, pnpm at ${pnpmVersion}, bash that parses`, () => {
      const workflow = load(file);
      for (const [name, job] of Object.entries(workflow.jobs)) expect(job["timeout-minutes"], `${file}: job ${name} has a timeout`).toBeGreaterThan(0);
      for (const step of steps(workflow)) {
        if (step.uses) expect(step.uses, `${file}: ${step.uses}`).toMatch(/^[\w.-]+\/[\w.-]+@(v\d+|[0-9a-f]{40})$/);
        if (!step.run) continue;
        for (const pnpm of step.run.match(/pnpm@[^\s]+/g) ?? []) expect(pnpm, `${file}: ${step.name}`).toBe(pnpmVersion);
        expect(step.run, `${file}: ${step.name}: never put a secret on a command line`).not.toMatch(/\$\{\{\s*secrets\./);
        const bash = spawnSync("bash", ["-n"], { input: step.run, encoding: "utf8" });
        expect(bash.status, `${file}: ${step.name}: ${bash.stderr}`).toBe(0);
      }
    });
  }
});

describe("release.yml", () => {
  const workflow = load("release.yml");
  const publishStep = steps(workflow).find((step) => step.run?.includes("run release"));

  it("runs only for a version tag", () => {
    expect(Object.keys(workflow.on)).toEqual(["push"]);
    expect(workflow.on["push"]).toEqual({ tags: ["v*.*.*"] });
  });

  it("may read the repository and mint an OIDC token for provenance, nothing else", () => {
    expect(workflow.permissions).toEqual({ contents: "read" });
    expect(Object.values(workflow.jobs).map((job) => job.permissions)).toEqual([{ contents: "read", "id-token": "write" }]);
  });

  it("publishes with pnpm release, checking the tag against the versions, with provenance and the token from a secret", () => {
    expect(publishStep?.run).toMatch(/run release --tag "\$GITHUB_REF_NAME"/);
    expect(publishStep?.run).not.toMatch(/--dry-run/);
    expect(publishStep?.env).toEqual({ NODE_AUTH_TOKEN: expr("secrets.NPM_TOKEN"), NPM_CONFIG_PROVENANCE: "true" });
  });

  it("runs the README's test command before publishing", () => {
    const runs = steps(workflow).map((step) => step.run ?? "");
    const test = runs.findIndex((run) => run.includes(".ci/run") || run.includes("run check"));
    expect(test).toBeGreaterThanOrEqual(0);
    expect(test).toBeLessThan(runs.findIndex((run) => run.includes("run release")));
  });
});

describe("ci.yml", () => {
  const workflow = load("ci.yml");

  it("turns Turbo's remote cache on only when its token and team are set", () => {
    const step = steps(workflow).find((candidate) => candidate.env?.["TURBO_TOKEN"]);
    expect(step?.env).toEqual({ TURBO_TOKEN: expr("secrets.TURBO_TOKEN"), TURBO_TEAM: expr("vars.TURBO_TEAM"), TURBO_API: expr("vars.TURBO_API") });
    expect(step?.run).toMatch(/if \[ -n "\$TURBO_TOKEN" \] && \[ -n "\$TURBO_TEAM" \]/);
    expect(step?.run).toMatch(/>> "\$GITHUB_ENV"/);
  });

  it("runs the README's test command (.ci/run)", () => {
    expect(steps(workflow).some((step) => step.run === "bash .ci/run")).toBe(true);
  });
});
