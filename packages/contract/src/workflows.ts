/**
 * Arazzo workflows: the multi-step flows of each API (`spec/<api>/workflows/*.arazzo.yaml`),
 * run by `redocly respect` against a server (usually the Prism mock).
 */
import { existsSync, readdirSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { redocly, repoRoot, type ApiDefinition } from "@openregions/apis";

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
