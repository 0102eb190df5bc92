/**
 * The package gate, one code path for `pnpm lint` (each publishable package's `lint` script) and
 * `pnpm release --dry-run`: pack the package with pnpm (so `workspace:` ranges are rewritten as
 * they will be on npm), then run publint (--strict) and @arethetypeswrong/cli on that tarball.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { PUBLISHABLE, type Publishable } from "./publishable.js";

const run = promisify(execFile);
export const repoRoot: string = resolve(import.meta.dirname, "..", "..");

/** The JavaScript file of a package's `bin`, from the repository root's devDependencies. */
function binOf(pkg: string, bin: string): string {
  const dir = join(repoRoot, "node_modules", pkg);
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { bin: Record<string, string> | string };
  const file = typeof manifest.bin === "string" ? manifest.bin : manifest.bin[bin];
  if (!file) throw new Error(`${pkg} has no "${bin}" bin`);
  return join(dir, file);
}

/**
 * How to call pnpm: the pnpm that runs this script (`npm_execpath`, set by `pnpm run`), else
 * `pnpm` on the PATH.
 */
export function pnpmCommand(env: NodeJS.ProcessEnv = process.env): { file: string; args: string[] } {
  const execPath = env["npm_execpath"];
  if (execPath && /pnpm/.test(execPath)) return /\.c?js$/.test(execPath) ? { file: process.execPath, args: [execPath] } : { file: execPath, args: [] };
  return { file: "pnpm", args: [] };
}

export interface PackedPackage {
  readonly name: string;
  readonly version: string;
  readonly dir: string;
  /** Absolute path of the tarball. */
  readonly tarball: string;
  readonly files: readonly string[];
}

/** `pnpm pack` of one package folder into `destination`. */
export async function pack(dir: string, destination: string): Promise<PackedPackage> {
  const pnpm = pnpmCommand();
  const { stdout } = await run(pnpm.file, [...pnpm.args, "pack", "--pack-destination", destination, "--json"], { cwd: resolve(repoRoot, dir), maxBuffer: 16 << 20 });
  const result = JSON.parse(stdout.slice(stdout.indexOf("{"))) as { name: string; version: string; filename: string; files: Array<{ path: string }> };
  return { name: result.name, version: result.version, dir, tarball: resolve(destination, result.filename), files: result.files.map((file) => file.path) };
}

/** A failed check: which tool said what about which tarball. */
export class GateError extends Error {}

async function tool(label: string, file: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run(process.execPath, [file, ...args], { cwd: repoRoot, maxBuffer: 16 << 20, env: { ...process.env, FORCE_COLOR: "0" } });
    return `${stdout}${stderr}`.trim();
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new GateError(`${label} failed:\n${`${failed.stdout ?? ""}${failed.stderr ?? ""}`.trim() || failed.message}`);
  }
}

/** publint --strict, then attw with the package's options, on one tarball; returns both reports. */
export async function checkTarball(packed: PackedPackage, publishable: Publishable): Promise<{ publint: string; attw: string }> {
  const publint = await tool(`publint ${packed.name}`, binOf("publint", "publint"), ["run", packed.tarball, "--strict"]);
  const attw = await tool(`attw ${packed.name}`, binOf("@arethetypeswrong/cli", "attw"), [packed.tarball, ...publishable.attw]);
  return { publint, attw };
}

/** The PUBLISHABLE entry of a package folder; the error lists what is publishable. */
export function publishableAt(dir: string): Publishable {
  const wanted = relative(repoRoot, resolve(dir));
  const found = PUBLISHABLE.find((candidate) => candidate.dir === wanted);
  if (!found) throw new Error(`${wanted} is not publishable; scripts/release/publishable.ts lists: ${PUBLISHABLE.map((p) => p.dir).join(", ")}`);
  return found;
}
