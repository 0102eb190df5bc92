/**
 * The Turborepo build as the list of APIs grows, in a temporary clean clone of the committed
 * HEAD (installed from pnpm's store; the working tree and its dist folders are left alone).
 * For 3, 12 and 48 APIs (the repo's three plus copies of one spec under new names, each with
 * its samples and its entry in redocly.yaml): the build **cold** (every output removed,
 * `--force`), with **no change** (all from the local cache) and after **one spec file touched**
 * (an `x-bench-touched` extension appended to one path item of Scalingo, so its bundle changes).
 * Touched-one should cost about one API whatever the number of APIs.
 */
import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { cloneEnv, gitClone, offlineInstall, pnpmShim } from "@openregions/release-checks/clean-clone";
import { parseDocument } from "yaml";
import { progress, withTimeout } from "../measure.js";
import { row, type Row } from "../report.js";
import { pairedRatios } from "../stats.js";
import type { Section } from "./types.js";

const SECTION = "build (turbo run build, temporary clone)";
const BUILD_TIMEOUT_MS = 10 * 60_000;

/** Numbers of APIs measured; --quick stops at 12. */
export const SIZES = { full: [3, 12, 48], quick: [3, 12] } as const;
/** The spec copied under new names (the smallest of the three: the copies cost what the pipeline costs per API). */
export const COPIED_API = "rainbond";
/** The file the touched build edits, relative to the clone. */
export const TOUCHED_FILE = "spec/scalingo/paths/v1_regions.yaml";
/** Set to a commit to measure it instead of HEAD (say, the commit before a change, for a before/after table). */
export const REF_VARIABLE = "OPENREGIONS_BENCH_REF";
/** Mock ports of the copies: bench-copy-01 gets 20001 (redocly.yaml wants distinct ports below 32768). */
const COPY_PORT_BASE = 20_000;

export interface BuildRun {
  readonly ms: number;
  /** CPU time of turbo and every process under it (user + system), in ms: far less sensitive than `ms` to a busy machine. */
  readonly cpuMs: number;
  readonly cached: number;
  readonly total: number;
}

/** Reads the children's line of bash's `times` (the second: "1m2.500s 0m3.250s"), in ms. */
export function parseBashTimes(output: string): number | undefined {
  const lines = output.trim().split("\n").slice(-2);
  const match = /^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/.exec(lines[1]?.trim() ?? "");
  if (!match) return undefined;
  return (Number(match[1]) * 60 + Number(match[2]) + Number(match[3]) * 60 + Number(match[4])) * 1000;
}

/** Reads turbo's summary line, e.g. "Cached:    3 cached, 4 total". */
export function parseTurboSummary(output: string): { cached: number; total: number } | undefined {
  const match = /Cached:\s+(\d+)\s+cached,\s+(\d+)\s+total/.exec(output);
  return match ? { cached: Number(match[1]), total: Number(match[2]) } : undefined;
}

async function checkout(clone: string, ref: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const git = spawn("git", ["checkout", "--quiet", "--detach", ref], { cwd: clone, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    git.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    git.once("error", reject);
    git.once("close", (code) => (code === 0 ? resolve() : reject(new Error(`git checkout ${ref} failed: ${stderr.trim()}`))));
  });
}

async function turboBuild(clone: string, env: NodeJS.ProcessEnv, extra: string[]): Promise<BuildRun> {
  const bin = join(clone, "node_modules", ".bin", "turbo");
  const args = ["run", "build", "--output-logs=errors-only", "--no-update-notifier", "--no-color", "--ui=stream", ...extra];
  const t0 = performance.now();
  // bash runs turbo, then prints with `times` the CPU time of everything it waited for, on fd 3
  const script = '"$0" "$@"; status=$?; times >&3; exit $status';
  const child = spawn("bash", ["-c", script, bin, ...args], { cwd: clone, env, stdio: ["ignore", "pipe", "pipe", "pipe"] });
  let output = "";
  let times = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  (child.stdio[3] as NodeJS.ReadableStream).on("data", (chunk: Buffer) => (times += chunk.toString("utf8")));
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
  if (code !== 0) throw new Error(`turbo ${args.join(" ")} exited with ${code} in ${clone}:\n${output.trim().split("\n").slice(-30).join("\n")}`);
  const summary = parseTurboSummary(output);
  if (!summary) throw new Error(`turbo printed no "Cached:" summary:\n${output.slice(-2000)}`);
  const cpuMs = parseBashTimes(times);
  if (cpuMs === undefined) throw new Error(`bash's times printed ${JSON.stringify(times)}`);
  return { ms, cpuMs, ...summary };
}

/** The per-API output of each build step, relative to the clone: what the touched build should redo for one API only. */
export const PER_API_OUTPUTS: Readonly<Record<string, (api: string) => string>> = {
  bundle: (api) => `packages/apis/dist/${api}.json`,
  types: (api) => `packages/client/src/generated/${api}.ts`,
  "3.0 copy": (api) => `packages/specs/dist/3.0/${api}.json`,
  "docs page": (api) => `packages/docs/dist/${api}.html`,
};

/** Modification time of every per-API output of the clone (0 when missing). */
async function outputTimes(clone: string, names: readonly string[]): Promise<Map<string, number>> {
  const times = new Map<string, number>();
  for (const output of Object.values(PER_API_OUTPUTS)) {
    for (const name of names) {
      const file = output(name);
      times.set(file, (await stat(join(clone, file)).catch(() => undefined))?.mtimeMs ?? 0);
    }
  }
  return times;
}

/** "bundle 1/48, types 1/48, …": how many APIs each step rewrote between two `outputTimes`. */
export function redoneNote(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>, names: readonly string[]): string {
  return Object.entries(PER_API_OUTPUTS)
    .map(([step, output]) => `${step} ${names.filter((name) => after.get(output(name)) !== before.get(output(name))).length}/${names.length}`)
    .join(", ");
}

async function apiNames(clone: string): Promise<string[]> {
  return Object.keys((parseDocument(await readFile(join(clone, "redocly.yaml"), "utf8")).toJS() as { apis: Record<string, unknown> }).apis);
}

export const copyName = (index: number): string => `bench-copy-${String(index).padStart(2, "0")}`;

/** The copied API's TypeScript samples under the new name, importing from the new entry (the docs build checks that). */
async function copySamples(samplesDir: string, name: string): Promise<void> {
  await mkdir(join(samplesDir, name), { recursive: true });
  for (const file of await readdir(join(samplesDir, COPIED_API))) {
    const text = await readFile(join(samplesDir, COPIED_API, file), "utf8");
    await writeFile(join(samplesDir, name, file), text.replaceAll(`@openregions/client/${COPIED_API}`, `@openregions/client/${name}`));
  }
}

/**
 * Grows the clone's list of APIs to `total`: copies of spec/<COPIED_API> (and its client
 * samples, which the docs build requires) under new names, one entry each in redocly.yaml.
 */
export async function growApis(clone: string, total: number): Promise<void> {
  const configFile = join(clone, "redocly.yaml");
  const config = parseDocument(await readFile(configFile, "utf8"));
  const names = Object.keys((config.toJS() as { apis: Record<string, unknown> }).apis);
  for (let index = 1; names.length < total; index++) {
    const name = copyName(index);
    if (names.includes(name)) continue;
    await cp(join(clone, "spec", COPIED_API), join(clone, "spec", name), { recursive: true });
    await copySamples(join(clone, "packages", "client", "samples"), name);
    config.setIn(["apis", name], config.createNode({ root: `spec/${name}/openapi.yaml`, "x-openregions": { mockPort: COPY_PORT_BASE + index } }));
    names.push(name);
  }
  await writeFile(configFile, config.toString());
}

/** Removes every build output of the clone, so that the next build is cold for any per-API cache too. */
export async function removeOutputs(clone: string): Promise<void> {
  const packages = join(clone, "packages");
  for (const name of await readdir(packages)) {
    for (const output of ["dist", "src/generated", "test/generated", ".turbo"]) await rm(join(packages, name, output), { recursive: true, force: true });
  }
}

/** Appends a specification extension to a path item file (its bundle changes, as with a real edit); returns the undo. */
export async function touchPathItem(file: string, stamp: string = new Date().toISOString()): Promise<() => Promise<void>> {
  const original = await readFile(file);
  const text = original.toString("utf8");
  await writeFile(file, `${text}${text.endsWith("\n") ? "" : "\n"}x-bench-touched: "${stamp}"\n`);
  return () => writeFile(file, original);
}

const seconds = (runs: readonly BuildRun[]): number[] => runs.map((run) => run.ms / 1000);
const cpuSeconds = (runs: readonly BuildRun[]): number[] => runs.map((run) => run.cpuMs / 1000);
const cpuNote = (runs: readonly BuildRun[]): string => runs.map((run) => `${(run.cpuMs / 1000).toFixed(1)} s`).join(", ");
const cacheNote = (runs: readonly BuildRun[]): string => `${[...new Set(runs.map((r) => `${r.cached}/${r.total}`))].join(", ")} tasks from cache`;

export const buildSection: Section = {
  name: "build",
  summary: "turbo run build in a temporary clone with 3, 12 and 48 APIs: cold, no change, one spec file touched",
  budgetSeconds: { full: 1200, quick: 420 },
  async run({ quick, repoRoot, until }) {
    const work = await mkdtemp(join(tmpdir(), "openregions-bench-build-"));
    try {
      const clone = join(work, "clone");
      const env = cloneEnv({}, await pnpmShim(join(work, "bin")));
      progress(`build: cloning HEAD into ${clone} and installing from the store`);
      await gitClone(repoRoot, clone);
      const ref = process.env[REF_VARIABLE];
      if (ref) {
        progress(`build: ${REF_VARIABLE}=${ref}: measuring that commit`);
        await checkout(clone, ref);
      }
      await offlineInstall(clone, env);
      const rows: Row[] = [];
      const touchedBySize: Array<{ size: number; seconds: number[]; cpu: number[] }> = [];
      for (const size of quick ? SIZES.quick : SIZES.full) {
        if (performance.now() > until.at) {
          progress(`build: stopping before ${size} APIs (the section's budget is spent)`);
          break;
        }
        await growApis(clone, size);
        const rounds = quick || size > 3 ? 1 : 2;
        const cold: BuildRun[] = [];
        const warm: BuildRun[] = [];
        const touched: BuildRun[] = [];
        const names = await apiNames(clone);
        let redone = "";
        for (let round = 0; round < rounds; round++) {
          const label = `build: ${size} APIs, round ${round + 1}/${rounds}:`;
          const show = (run: BuildRun): string => `${(run.ms / 1000).toFixed(1)} s (CPU ${(run.cpuMs / 1000).toFixed(1)} s), ${run.cached}/${run.total} cached`;
          await removeOutputs(clone);
          cold.push(await turboBuild(clone, env, ["--force"]));
          progress(`${label} cold: ${show(cold.at(-1)!)}`);
          warm.push(await turboBuild(clone, env, []));
          progress(`${label} no change: ${show(warm.at(-1)!)}`);
          const restore = await touchPathItem(join(clone, TOUCHED_FILE));
          const before = await outputTimes(clone, names);
          touched.push(await turboBuild(clone, env, []));
          redone = redoneNote(before, await outputTimes(clone, names), names);
          progress(`${label} ${TOUCHED_FILE} touched: ${show(touched.at(-1)!)}; APIs redone: ${redone}`);
          await restore();
        }
        const measure = (what: string) => `${String(size).padStart(2)} APIs: ${what}`;
        rows.push(
          row({ section: SECTION, measure: measure("cold"), unit: "s", samples: seconds(cold), note: `every output removed, --force; CPU ${cpuNote(cold)}; ${cacheNote(cold)}` }),
          row({ section: SECTION, measure: measure("no change"), unit: "s", samples: seconds(warm), ratio: { samples: pairedRatios(seconds(warm), seconds(cold)), baseline: "cold" }, note: cacheNote(warm) }),
          row({
            section: SECTION,
            measure: measure("one spec file touched"),
            unit: "s",
            samples: seconds(touched),
            ratio: { samples: pairedRatios(seconds(touched), seconds(cold)), baseline: "cold" },
            note: `${TOUCHED_FILE} + an x- extension; CPU ${cpuNote(touched)}; APIs redone: ${redone}; ${cacheNote(touched)}`,
          }),
          row({
            section: SECTION,
            measure: measure("touched, CPU"),
            unit: "s",
            samples: cpuSeconds(touched),
            ratio: { samples: pairedRatios(cpuSeconds(touched), cpuSeconds(cold)), baseline: "cold CPU" },
            note: "CPU time of turbo and all its processes (user + system): steadier than wall time on a shared machine",
          }),
        );
        touchedBySize.push({ size, seconds: seconds(touched), cpu: cpuSeconds(touched) });
      }
      const smallest = touchedBySize[0];
      for (const larger of touchedBySize.slice(1)) {
        rows.push(
          row({
            section: SECTION,
            measure: `touched: ${larger.size} vs ${smallest!.size} APIs`,
            unit: "s",
            samples: larger.seconds,
            ratio: { samples: pairedRatios(larger.seconds, smallest!.seconds), baseline: `${smallest!.size} APIs` },
            note: "how the touched-one build grows with the number of APIs, wall time (1.0: not at all)",
          }),
          row({
            section: SECTION,
            measure: `touched CPU: ${larger.size} vs ${smallest!.size} APIs`,
            unit: "s",
            samples: larger.cpu,
            ratio: { samples: pairedRatios(larger.cpu, smallest!.cpu), baseline: `${smallest!.size} APIs` },
            note: "the same in CPU time",
          }),
        );
      }
      return rows;
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  },
};
