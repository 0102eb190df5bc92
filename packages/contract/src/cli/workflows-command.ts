import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { apis, type ApiDefinition } from "@openregions/apis";
import { startSandbox } from "@openregions/mock";
import { checkTarget, UsageError } from "../credentials.js";
import { runWorkflows, stripAnsi, workflowInputs, workflowsJUnit, type WorkflowRun } from "../workflows.js";
import { apiNamed, EXIT, type CliIo, type ExitCode } from "./io.js";

export const WORKFLOWS_USAGE = `contract workflows [--api <name>]... [--target <url>] [--input <name=value>]... [--junit <file>]
  Runs the Arazzo workflows of each API (spec/<api>/workflows/*.arazzo.yaml) with redocly respect:
  against a fresh sandbox (stateful, behind Prism) on a free port, or against --target (one --api only). Inputs
  override the documents' defaults (credentials: https or loopback targets only); an input no
  workflow declares is refused. --junit writes one testcase per step. Exit 0 when every step
  passes, 1 otherwise, 2 on a usage error.`;

/** name=value pairs, each name declared by a workflow of the selected APIs. */
function parseInputs(pairs: readonly string[], selected: readonly ApiDefinition[]): Record<string, string> {
  const known = new Set(selected.flatMap(workflowInputs));
  const inputs: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new UsageError(`--input takes name=value, got "${pair}"`);
    const name = pair.slice(0, at);
    if (!known.has(name)) {
      throw new UsageError(`--input "${name}" is not an input of the workflows of ${selected.map((api) => api.name).join(", ")} (inputs: ${[...known].join(", ") || "none"})`);
    }
    inputs[name] = pair.slice(at + 1);
  }
  return inputs;
}

export async function workflowsCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { api: { type: "string", multiple: true }, target: { type: "string" }, input: { type: "string", multiple: true }, junit: { type: "string" } },
  });
  const selected = values.api && values.api.length > 0 ? values.api.map(apiNamed) : [...apis];
  const inputs = parseInputs(values.input ?? [], selected);
  if (values.target) {
    if (selected.length !== 1) throw new UsageError("--target needs exactly one --api");
    checkTarget(values.target, Object.keys(inputs).length > 0);
  }
  const print = (text: string) => io.stdout(io.isTTY ? text : stripAnsi(text));
  const all: Array<[string, WorkflowRun[]]> = [];
  let failed = false;
  for (const api of selected) {
    const mock = values.target ? undefined : await startSandbox({ api });
    try {
      const runs = await runWorkflows(api, values.target ?? mock!.url, inputs);
      all.push([api.name, runs]);
      for (const run of runs) {
        failed ||= !run.passed;
        print(`${run.passed ? "PASS" : "FAIL"} ${run.file} (${run.steps.filter((step) => step.passed).length}/${run.steps.length} steps)\n`);
        for (const step of run.steps.filter((candidate) => !candidate.passed)) {
          print(`  ${step.workflowId}/${step.stepId}: ${step.failedChecks.join("; ") || "failed"}\n`);
        }
        if (!run.passed && run.steps.length === 0) print(`${run.output}\n`);
      }
    } finally {
      await mock?.close();
    }
  }
  if (values.junit) {
    const file = resolve(io.cwd, values.junit);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, workflowsJUnit(all));
    io.stdout(`JUnit report: ${file}\n`);
  }
  return failed ? EXIT.failed : EXIT.ok;
}
