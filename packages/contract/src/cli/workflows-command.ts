import { parseArgs } from "node:util";
import { apis } from "@openregions/apis";
import { startMock } from "@openregions/mock";
import { checkTarget, UsageError } from "../credentials.js";
import { runWorkflows } from "../workflows.js";
import { apiNamed, EXIT, type CliIo, type ExitCode } from "./io.js";

export const WORKFLOWS_USAGE = `contract workflows [--api <name>]... [--target <url>] [--input <name=value>]...
  Runs the Arazzo workflows of each API (spec/<api>/workflows/*.arazzo.yaml) with redocly respect:
  against a Prism mock started on a free port, or against --target (one --api only). Inputs
  override the documents' defaults (credentials: https or loopback targets only).`;

export async function workflowsCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { api: { type: "string", multiple: true }, target: { type: "string" }, input: { type: "string", multiple: true } },
  });
  const selected = values.api && values.api.length > 0 ? values.api.map(apiNamed) : [...apis];
  const inputs: Record<string, string> = {};
  for (const pair of values.input ?? []) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new UsageError(`--input takes name=value, got "${pair}"`);
    inputs[pair.slice(0, at)] = pair.slice(at + 1);
  }
  if (values.target) {
    if (selected.length !== 1) throw new UsageError("--target needs exactly one --api");
    checkTarget(values.target, Object.keys(inputs).length > 0);
  }
  let failed = false;
  for (const api of selected) {
    const mock = values.target ? undefined : await startMock({ api, errors: true });
    try {
      for (const run of await runWorkflows(api, values.target ?? mock!.url, inputs)) {
        failed ||= !run.passed;
        io.stdout(`${run.passed ? "PASS" : "FAIL"} ${run.file} (${run.steps.filter((step) => step.passed).length}/${run.steps.length} steps)\n`);
        for (const step of run.steps.filter((candidate) => !candidate.passed)) {
          io.stdout(`  ${step.workflowId}/${step.stepId}: ${step.failedChecks.join("; ") || "failed"}\n`);
        }
        if (!run.passed && run.steps.length === 0) io.stdout(`${run.output}\n`);
      }
    } finally {
      await mock?.close();
    }
  }
  return failed ? EXIT.failed : EXIT.ok;
}
