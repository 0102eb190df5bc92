/**
 * A clean clone of the repository's committed HEAD, installed from pnpm's store only (no
 * registry), and turbo run in it against a remote cache: what a second CI machine does.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The repository this package lives in (its work tree, for `git clone`). */
export async function repoTopLevel(from: string): Promise<string> {
  return (await run("git", ["rev-parse", "--show-toplevel"], { cwd: from })).stdout.trim();
}

export async function headCommit(repo: string): Promise<string> {
  return (await run("git", ["rev-parse", "HEAD"], { cwd: repo })).stdout.trim();
}

/** The pnpm running this process (`npm_execpath`, set by `pnpm run`), else the first `pnpm` on the PATH. */
export function findPnpm(env: NodeJS.ProcessEnv = process.env): string {
  const execPath = env["npm_execpath"];
  if (execPath && /pnpm/.test(execPath)) return execPath;
  for (const dir of (env["PATH"] ?? "").split(delimiter)) {
    if (dir && existsSync(join(dir, "pnpm"))) return join(dir, "pnpm");
  }
  throw new Error(`no pnpm: run this through pnpm (npm_execpath is ${JSON.stringify(execPath)}, and no pnpm on the PATH)`);
}

/** A folder holding a `pnpm` that runs that pnpm, for turbo, which looks pnpm up on the PATH. */
export async function pnpmShim(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const execPath = findPnpm(env);
  await mkdir(dir, { recursive: true });
  const shim = join(dir, "pnpm");
  const command = /\.c?js$/.test(execPath) ? `"${process.execPath}" "${execPath}"` : `"${execPath}"`;
  await writeFile(shim, `#!/bin/sh\nexec ${command} "$@"\n`);
  await chmod(shim, 0o755);
  return dir;
}

/** The environment of a command in a clone: this one without the outer turbo's, vitest's and `pnpm run`'s variables, plus `extra`. */
export function cloneEnv(extra: Record<string, string>, shimDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(TURBO_|VITEST|npm_lifecycle_|npm_package_|npm_execpath$|npm_node_execpath$|npm_command$|NODE_ENV$|TEST$)/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, PATH: `${shimDir}:${process.env["PATH"] ?? ""}`, TURBO_TELEMETRY_DISABLED: "1", ...extra };
}

export async function gitClone(repo: string, into: string): Promise<void> {
  await run("git", ["clone", "--quiet", "--no-hardlinks", repo, into], { timeout: 120_000 });
}

/**
 * `pnpm install --offline --frozen-lockfile`: from the store only. A project without a lockfile
 * (`lockfile: false`) needs the registry's metadata to resolve its versions: `--prefer-offline`
 * reads the store and the metadata cache first and asks the registry only for what is missing.
 */
export async function offlineInstall(dir: string, env: NodeJS.ProcessEnv, { lockfile = true }: { lockfile?: boolean } = {}): Promise<void> {
  const args = ["install", "--reporter=append-only", ...(lockfile ? ["--offline", "--frozen-lockfile"] : ["--prefer-offline"])];
  try {
    await run("pnpm", args, { cwd: dir, env, timeout: 180_000, maxBuffer: 64 << 20 });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`pnpm ${args.join(" ")} failed in ${dir}: ${failed.message}\n${(failed.stdout ?? "").slice(-3000)}${(failed.stderr ?? "").slice(-3000)}`);
  }
}

/** One task of `turbo run --summarize`'s JSON summary, as far as the cache goes. */
export interface TaskCacheSummary {
  readonly taskId: string;
  readonly cache: { readonly status: "HIT" | "MISS"; readonly source?: "LOCAL" | "REMOTE"; readonly local: boolean; readonly remote: boolean };
}

export interface TurboRun {
  readonly output: string;
  readonly tasks: readonly TaskCacheSummary[];
}

/** `turbo run <tasks> --summarize` in a clone; returns its output and the summary's tasks. */
export async function turboRun(clone: string, tasks: readonly string[], env: NodeJS.ProcessEnv): Promise<TurboRun> {
  const turbo = join(clone, "node_modules", ".bin", "turbo");
  const args = ["run", ...tasks, "--summarize", "--output-logs=errors-only", "--no-update-notifier", "--no-color", "--ui=stream"];
  let output: string;
  try {
    const { stdout, stderr } = await run(turbo, args, { cwd: clone, env, timeout: 240_000, maxBuffer: 64 << 20 });
    output = `${stdout}${stderr}`;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`turbo ${args.join(" ")} failed in ${clone}: ${failed.message}\n${failed.stdout ?? ""}${failed.stderr ?? ""}`);
  }
  const runsDir = join(clone, ".turbo", "runs");
  const summaries = (await readdir(runsDir)).filter((file) => file.endsWith(".json"));
  if (summaries.length !== 1) throw new Error(`expected one run summary in ${runsDir}, found ${summaries.length}`);
  const summary = JSON.parse(await readFile(join(runsDir, summaries[0]!), "utf8")) as { tasks: TaskCacheSummary[] };
  return { output, tasks: summary.tasks };
}
