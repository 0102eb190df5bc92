/**
 * The Turborepo build: cold (`--force`: every task runs, none is read from the cache), a rebuild
 * with no change (every task should be a cache hit), and a rebuild after appending a comment to
 * one spec file (the bundle, types, client and docs of the whole graph are invalidated). The spec
 * file is restored byte for byte afterwards, even when the build fails or the run is interrupted.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { performance } from "node:perf_hooks";
import { getApi } from "@openregions/apis";
import { progress, withTimeout } from "../measure.js";
import { row, type Row } from "../report.js";
import { pairedRatios } from "../stats.js";
import type { Section } from "./types.js";

const SECTION = "build (turbo run build)";
const BUILD_TIMEOUT_MS = 5 * 60_000;

export interface BuildRun {
  readonly ms: number;
  readonly cached: number;
  readonly total: number;
}

/** Reads turbo's summary line, e.g. "Cached:    3 cached, 4 total". */
export function parseTurboSummary(output: string): { cached: number; total: number } | undefined {
  const match = /Cached:\s+(\d+)\s+cached,\s+(\d+)\s+total/.exec(output);
  return match ? { cached: Number(match[1]), total: Number(match[2]) } : undefined;
}

async function turboBuild(repoRoot: string, extra: string[]): Promise<BuildRun> {
  const bin = join(repoRoot, "node_modules", ".bin", "turbo");
  if (!existsSync(bin)) throw new Error(`${bin} is missing: install first`);
  const args = ["run", "build", "--output-logs=errors-only", "--no-update-notifier", "--no-color", "--ui=stream", ...extra];
  const t0 = performance.now();
  const child = spawn(bin, args, { cwd: repoRoot, env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const code = await withTimeout(
    new Promise<number | null>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", (status) => resolve(status));
    }),
    BUILD_TIMEOUT_MS,
    `turbo ${args.join(" ")}`,
  ).catch((error: unknown) => {
    child.kill("SIGKILL");
    throw error;
  });
  const ms = performance.now() - t0;
  if (code !== 0) {
    const hint = /Unable to find package manager binary/.test(output) ? "\n(turbo needs pnpm on the PATH: run this through `pnpm bench`)" : "";
    throw new Error(`turbo ${args.join(" ")} exited with ${code}:\n${output.trim().split("\n").slice(-20).join("\n")}${hint}`);
  }
  const summary = parseTurboSummary(output);
  if (!summary) throw new Error(`turbo printed no "Cached:" summary:\n${output.slice(-2000)}`);
  return { ms, ...summary };
}

/**
 * Appends a YAML comment to `file` and returns the function that undoes it: the original bytes
 * come back if the file still holds exactly what we wrote; if someone edited it meanwhile, only
 * our comment is taken out; if our comment is gone, the file is left alone.
 */
export function touchSpec(file: string, stamp: string = new Date().toISOString()): () => void {
  const original = readFileSync(file);
  const comment = Buffer.from(`${original.length > 0 && original[original.length - 1] !== 0x0a ? "\n" : ""}# touched by pnpm bench at ${stamp}\n`, "utf8");
  const touched = Buffer.concat([original, comment]);
  writeFileSync(file, touched);
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    const current = readFileSync(file);
    if (current.equals(touched)) writeFileSync(file, original);
    else if (current.subarray(current.length - comment.length).equals(comment)) writeFileSync(file, current.subarray(0, current.length - comment.length));
    else process.stderr.write(`bench: ${file} changed while it was touched and no longer ends with the bench comment: left as it is\n`);
  };
}

/** Runs `work` with `file` touched, restoring it afterwards, on a signal or at exit too. */
async function withTouchedSpec<T>(file: string, work: () => Promise<T>): Promise<T> {
  const restore = touchSpec(file);
  const onSignal = (signal: NodeJS.Signals): void => {
    restore();
    process.kill(process.pid, signal);
  };
  process.on("exit", restore);
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    return await work();
  } finally {
    restore();
    process.off("exit", restore);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

/** The spec file the touched rebuild edits: Scalingo's regions path item (else its root document). */
export function specToTouch(): string {
  const root = getApi("scalingo").root;
  const pathItem = join(dirname(root), "paths", "v1_regions.yaml");
  return existsSync(pathItem) ? pathItem : root;
}

const cacheNote = (runs: readonly BuildRun[]): string => {
  const counts = [...new Set(runs.map((r) => `${r.cached}/${r.total}`))];
  return `${counts.join(", ")} tasks from cache`;
};

export const buildSection: Section = {
  name: "build",
  summary: "turbo run build: cold (--force), no-change rebuild (cache hit), rebuild after touching one spec file",
  budgetSeconds: { full: 180, quick: 90 },
  async run({ quick, repoRoot, until }) {
    const rounds = quick ? 1 : 3;
    const file = specToTouch();
    const cold: BuildRun[] = [];
    const warm: BuildRun[] = [];
    const touched: BuildRun[] = [];
    const show = (run: BuildRun): string => `${(run.ms / 1000).toFixed(1)} s, ${run.cached}/${run.total} cached`;
    let roundMs = 0;
    for (let round = 0; round < rounds; round++) {
      // a round starts only if the previous one would still fit in the budget
      if (round > 0 && performance.now() + roundMs > until.at) {
        progress(`build: stopping after ${round} rounds (the section's budget would be exceeded)`);
        break;
      }
      const roundStart = performance.now();
      const label = `build: round ${round + 1}/${rounds}:`;
      cold.push(await turboBuild(repoRoot, ["--force"]));
      progress(`${label} cold (--force): ${show(cold.at(-1)!)}`);
      warm.push(await turboBuild(repoRoot, []));
      progress(`${label} no change: ${show(warm.at(-1)!)}`);
      touched.push(await withTouchedSpec(file, () => turboBuild(repoRoot, [])));
      progress(`${label} ${relative(repoRoot, file)} touched: ${show(touched.at(-1)!)}`);
      // back to the committed spec: a cache hit that puts the matching outputs back in place
      const back = await turboBuild(repoRoot, []);
      progress(`${label} spec restored: ${show(back)}`);
      roundMs = performance.now() - roundStart;
    }
    const ms = (runs: BuildRun[]) => runs.map((r) => r.ms / 1000);
    const rows: Row[] = [
      row({ section: SECTION, measure: "cold: turbo run build --force", unit: "s", samples: ms(cold), note: cacheNote(cold) }),
      row({
        section: SECTION,
        measure: "no change: turbo run build",
        unit: "s",
        samples: ms(warm),
        ratio: { samples: pairedRatios(ms(warm), ms(cold)), baseline: "cold" },
        note: cacheNote(warm),
      }),
      row({
        section: SECTION,
        measure: `one spec file touched: turbo run build`,
        unit: "s",
        samples: ms(touched),
        ratio: { samples: pairedRatios(ms(touched), ms(cold)), baseline: "cold" },
        note: `${relative(repoRoot, file)} + a comment; ${cacheNote(touched)}`,
      }),
    ];
    return rows;
  },
};
