/**
 * Arazzo workflows: the multi-step flows of each API (`spec/<api>/workflows/*.arazzo.yaml`),
 * run by `redocly respect` against a server (usually the Prism mock).
 */
import { existsSync, readdirSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { readFileSync } from "node:fs";
import { redocly, repoRoot, type ApiDefinition } from "@openregions/apis";
import { parse as parseYaml } from "yaml";
import { escapeXml } from "./report.js";

/** The Arazzo documents of one API, sorted; each names the API itself as its sourceDescription. */
export function workflowFiles(api: ApiDefinition): string[] {
  const folder = join(dirname(api.root), "workflows");
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith(".arazzo.yaml"))
    .sort()
    .map((name) => join(folder, name));
}

export interface StepResult {
  readonly workflowId: string;
  readonly stepId: string;
  readonly passed: boolean;
  /** The checks that failed: success criteria, status code, content type, schema. */
  readonly failedChecks: readonly string[];
}

export interface WorkflowRun {
  /** Path of the Arazzo document, relative to the repo root. */
  readonly file: string;
  readonly passed: boolean;
  readonly steps: readonly StepResult[];
  /** respect's own console output, for diagnosis. */
  readonly output: string;
}

interface RespectJson {
  files?: Record<string, { executedWorkflows?: Array<{ workflowId: string; executedSteps?: Array<RespectStep> }> }>;
}
interface RespectStep {
  stepId: string;
  status?: string;
  checks?: Array<{ name: string; passed: boolean; message?: string }>;
}

/**
 * Runs one Arazzo document with respect, pointing its sourceDescription (named after the API)
 * at `serverUrl`. Inputs override the documents' defaults; keep secret values long, since
 * respect masks every occurrence of a secret in its output.
 */
export async function runWorkflowFile(api: ApiDefinition, file: string, serverUrl: string, inputs: Readonly<Record<string, string>> = {}): Promise<WorkflowRun> {
  const folder = await mkdtemp(join(tmpdir(), "respect-"));
  const jsonOutput = join(folder, "respect.json");
  const args = ["respect", file, "--server", `${api.name}=${serverUrl}`, "--json-output", jsonOutput, "--max-fetch-timeout", "15000"];
  for (const [name, value] of Object.entries(inputs)) args.push("--input", `${name}=${value}`);
  let output: string;
  let exited = true;
  try {
    const { stdout, stderr } = await redocly(args);
    output = `${stdout}${stderr}`;
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    output = `${failure.stdout ?? ""}${failure.stderr ?? failure.message}`;
    exited = false;
  }
  try {
    const report = JSON.parse(await readFile(jsonOutput, "utf8").catch(() => "{}")) as RespectJson;
    const steps = Object.values(report.files ?? {}).flatMap((entry) =>
      (entry.executedWorkflows ?? []).flatMap((workflow) =>
        (workflow.executedSteps ?? []).map((step) => {
          const failedChecks = (step.checks ?? []).filter((check) => !check.passed).map((check) => `${check.name}: ${check.message ?? ""}`.trim());
          return { workflowId: workflow.workflowId, stepId: step.stepId, passed: failedChecks.length === 0 && step.status !== "error", failedChecks };
        }),
      ),
    );
    return { file: relative(repoRoot, file), passed: exited && steps.length > 0 && steps.every((step) => step.passed), steps, output };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Runs every workflow document of an API against one server. */
export async function runWorkflows(api: ApiDefinition, serverUrl: string, inputs: Readonly<Record<string, string>> = {}): Promise<WorkflowRun[]> {
  const runs: WorkflowRun[] = [];
  for (const file of workflowFiles(api)) runs.push(await runWorkflowFile(api, file, serverUrl, inputs));
  return runs;
}

/** The input names the workflows of one API declare (`workflows[].inputs.properties`). */
export function workflowInputs(api: ApiDefinition): string[] {
  const names = new Set<string>();
  for (const file of workflowFiles(api)) {
    const document = parseYaml(readFileSync(file, "utf8")) as { workflows?: Array<{ inputs?: { properties?: Record<string, unknown> } }> };
    for (const workflow of document.workflows ?? []) for (const name of Object.keys(workflow.inputs?.properties ?? {})) names.add(name);
  }
  return [...names].sort();
}

/** JUnit XML of workflow runs: one testsuite per API, one testcase per step (a document that ran no step is one failed case). */
export function workflowsJUnit(runsByApi: ReadonlyArray<readonly [string, readonly WorkflowRun[]]>): string {
  const lines = [`<?xml version="1.0" encoding="UTF-8"?>`];
  const cases = (runs: readonly WorkflowRun[]) => runs.reduce((sum, run) => sum + Math.max(run.steps.length, 1), 0);
  const failures = (runs: readonly WorkflowRun[]) =>
    runs.reduce((sum, run) => sum + (run.steps.length === 0 ? (run.passed ? 0 : 1) : run.steps.filter((step) => !step.passed).length), 0);
  const all = runsByApi.flatMap(([, runs]) => runs);
  lines.push(`<testsuites name="contract workflows" tests="${cases(all)}" failures="${failures(all)}" errors="0">`);
  for (const [api, runs] of runsByApi) {
    lines.push(`  <testsuite name="${escapeXml(`workflows ${api}`)}" tests="${cases(runs)}" failures="${failures(runs)}" errors="0">`);
    for (const run of runs) {
      const classname = escapeXml(`contract.workflows.${api}.${run.file}`);
      if (run.steps.length === 0) {
        lines.push(`    <testcase classname="${classname}" name="${escapeXml(run.file)}">`);
        lines.push(`      <failure message="no step ran" type="WorkflowFailed">${escapeXml(stripAnsi(run.output))}</failure>`, `    </testcase>`);
        continue;
      }
      for (const step of run.steps) {
        const open = `    <testcase classname="${classname}" name="${escapeXml(`${step.workflowId}/${step.stepId}`)}"`;
        if (step.passed) lines.push(`${open}/>`);
        else {
          const message = escapeXml(stripAnsi(step.failedChecks.join("; ") || "failed"));
          lines.push(`${open}>`, `      <failure message="${message}" type="WorkflowStepFailed">${message}</failure>`, `    </testcase>`);
        }
      }
    }
    lines.push(`  </testsuite>`);
  }
  lines.push(`</testsuites>`, "");
  return lines.join("\n");
}

/** Removes terminal colour and cursor codes, for output that is not a terminal. */
export function stripAnsi(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the escape character is the point
  return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, "");
}
