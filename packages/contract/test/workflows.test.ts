/**
 * The Arazzo workflows next to each spec run green with `redocly respect` against the API's
 * Prism mock (started with `errors`, so a request that breaks the spec is an error too), and
 * respect's verdict is trusted only because it also fails against a server that breaks the spec.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apis, getApi, redocly } from "@openregions/apis";
import { startSandbox, type RunningSandbox } from "@openregions/mock";
import { runWorkflows, workflowFiles } from "../src/workflows.js";
import { startProviderServer } from "./fixtures/provider-server.js";

/** The flows each API must have, by workflow id, with their steps in order. */
const EXPECTED_STEPS: Record<string, Record<string, string[]>> = {
  scalingo: {
    "token-lifecycle": ["exchange", "listRegions", "createToken", "showCreatedToken", "renewToken", "deleteToken", "deletedTokenIsGone"],
    "two-factor-auth": ["exchange", "status", "enrol", "validate", "statusOn", "disable", "statusOff"],
  },
  "huawei-iam": {
    "password-login-regions": ["login", "listRegions", "getRegion"],
    "login-validate-revoke": ["login", "loginAgain", "validate", "revoke", "refused"],
  },
  rainbond: { "list-then-details": ["listRegions", "getRegion"] },
};

describe("Arazzo workflows", () => {
  it("every API has its workflows, and they lint clean", async () => {
    for (const api of apis) {
      const files = workflowFiles(api);
      expect(files.length, api.name).toBeGreaterThan(0);
      // Redocly exits non-zero (and the helper throws) on any error-level problem.
      await redocly(["lint", ...files]);
    }
  });

  describe.each(apis.map((api) => [api.name, api] as const))("%s workflows against the sandbox", (name, api) => {
    let mock: RunningSandbox;
    beforeAll(async () => {
      mock = await startSandbox({ api, onViolation: () => {} });
    });
    afterAll(async () => {
      expect(mock.violations, "answers outside the spec").toEqual([]);
      await mock?.close();
    });

    it("pass every step and every check, state changes included (what is created is found, what is deleted is gone)", async () => {
      const runs = await runWorkflows(api, mock.url);
      for (const run of runs) expect(run.passed, `${run.file}\n${run.output}`).toBe(true);
      const byWorkflow: Record<string, string[]> = {};
      for (const step of runs.flatMap((run) => run.steps)) {
        const steps = byWorkflow[step.workflowId] ?? [];
        steps.push(step.stepId);
        byWorkflow[step.workflowId] = steps;
      }
      expect(byWorkflow).toEqual(EXPECTED_STEPS[name]);
    });
  });

  it("fail when the server breaks the spec in the middle of a flow", async () => {
    const server = await startProviderServer("scalingo", {
      // A region list without the required `name`: the schema check of step 2 must fail.
      listRegions: (_request, example) => {
        const body = structuredClone(example.body) as { regions: Array<Record<string, unknown>> };
        delete body.regions[0]!["name"];
        return { ...example, body };
      },
    });
    try {
      const [run] = await runWorkflows(getApi("scalingo"), server.url);
      expect(run!.passed).toBe(false);
      const failed = run!.steps.filter((step) => !step.passed);
      expect(failed.map((step) => step.stepId)).toEqual(["listRegions"]);
      expect(failed[0]!.failedChecks.join("\n")).toMatch(/schema check/);
    } finally {
      await server.close();
    }
  });

  it("fail when a step's success criteria are not met", async () => {
    // The exchange answers 401 (documented, conforming): the flow cannot go on.
    const server = await startProviderServer("scalingo", {
      exchangeToken: { status: 401, headers: { "content-type": "application/json" }, body: { error: "invalid credentials" } },
    });
    try {
      const [run] = await runWorkflows(getApi("scalingo"), server.url);
      expect(run!.passed).toBe(false);
      expect(run!.steps[0]).toMatchObject({ stepId: "exchange", passed: false });
      expect(run!.steps[0]!.failedChecks.join("\n")).toMatch(/success criteria/);
    } finally {
      await server.close();
    }
  });
});
