/**
 * `pnpm release [--dry-run] [--tag v<version>] [--keep <dir>]`
 *
 * Builds the publishable packages (scripts/release/publishable.ts), packs each with pnpm, and
 * checks every tarball with publint --strict and @arethetypeswrong/cli (the code path of each
 * package's `lint`). Then, unless --dry-run, publishes those very tarballs with npm provenance,
 * skipping a version the registry already has. Versions and changelogs come from Changesets
 * (`pnpm changeset`, `pnpm changeset version`); --tag checks that the tag names that version.
 */
import { execFile, spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { parseArgs, promisify } from "node:util";
import { checkTarball, GateError, pack, repoRoot, type PackedPackage } from "./release/pack-check.js";
import { PUBLISHABLE } from "./release/publishable.js";

const run = promisify(execFile);

const USAGE = `usage: pnpm release [--dry-run] [--tag v<version>] [--keep <dir>]

  --dry-run     build, pack and check every publishable package; publish nothing
  --tag <tag>   fail unless every publishable package has the version the tag names (v1.2.3)
  --keep <dir>  write the checked tarballs to <dir> (default: a temporary folder, removed)`;

function usage(message: string): never {
  process.stderr.write(`release: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

interface WorkspaceManifest {
  name: string;
  version: string;
  private?: boolean;
}

/** Every package under packages/ that is not private must be listed as publishable, and only those. */
async function checkPublishableList(): Promise<void> {
  const problems: string[] = [];
  const listed = new Set(PUBLISHABLE.map((p) => p.dir));
  for (const name of await readdir(join(repoRoot, "packages"))) {
    const dir = `packages/${name}`;
    const manifestFile = join(repoRoot, dir, "package.json");
    if (!(await stat(manifestFile).catch(() => undefined))) continue;
    const manifest = JSON.parse(await readFile(manifestFile, "utf8")) as WorkspaceManifest;
    if (listed.has(dir) && manifest.private) problems.push(`${dir} is listed as publishable but is private`);
    if (!listed.has(dir) && !manifest.private) problems.push(`${dir} (${manifest.name}) is not private but not listed in scripts/release/publishable.ts`);
  }
  if (problems.length) throw new GateError(problems.join("\n"));
}

function buildPublishable(): void {
  const filters = PUBLISHABLE.map((p) => `--filter=./${p.dir}`);
  const turbo = spawnSync(join(repoRoot, "node_modules", ".bin", "turbo"), ["run", "build", ...filters, "--output-logs=errors-only", "--no-update-notifier"], {
    cwd: repoRoot,
    stdio: ["ignore", "inherit", "inherit"],
    env: { TURBO_TELEMETRY_DISABLED: "1", ...process.env },
  });
  if (turbo.status !== 0) throw new GateError(`turbo run build exited with ${turbo.status ?? turbo.signal}`);
}

/** Is this exact version already on the registry? (`npm view` prints nothing or fails with E404 when not.) */
async function published(name: string, version: string): Promise<boolean> {
  try {
    const { stdout } = await run("npm", ["view", `${name}@${version}`, "version"], { cwd: repoRoot });
    return stdout.trim() === version;
  } catch (error) {
    if (/E404|404 Not Found/.test(String((error as { stderr?: string }).stderr))) return false;
    throw error;
  }
}

async function publish(packed: PackedPackage): Promise<string> {
  if (await published(packed.name, packed.version)) return "already on the registry: skipped";
  await run("npm", ["publish", packed.tarball, "--access", "public", "--provenance"], { cwd: repoRoot, maxBuffer: 16 << 20 });
  return "published with provenance";
}

async function main(): Promise<void> {
  let values: { "dry-run"?: boolean; tag?: string; keep?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: { "dry-run": { type: "boolean" }, tag: { type: "string" }, keep: { type: "string" }, help: { type: "boolean", short: "h" } },
    }));
  } catch (error) {
    usage((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const dryRun = values["dry-run"] ?? false;
  await checkPublishableList();
  buildPublishable();
  const destination = values.keep ? resolve(values.keep) : await mkdtemp(join(tmpdir(), "openregions-release-"));
  await mkdir(destination, { recursive: true });
  try {
    const packedAll: PackedPackage[] = [];
    for (const publishable of PUBLISHABLE) {
      const packed = await pack(publishable.dir, destination);
      await checkTarball(packed, publishable);
      const bytes = (await stat(packed.tarball)).size;
      console.log(`ok  ${`${packed.name}@${packed.version}`.padEnd(30)} ${String(packed.files.length).padStart(4)} files ${(bytes / 1024).toFixed(1).padStart(8)} KiB  publint --strict, attw: clean`);
      packedAll.push(packed);
    }
    if (values.tag !== undefined) {
      const wrong = packedAll.filter((packed) => `v${packed.version}` !== values.tag);
      if (wrong.length) throw new GateError(`tag ${values.tag} does not name the version of ${wrong.map((p) => `${p.name}@${p.version}`).join(", ")}: run "pnpm changeset version" and tag that commit`);
    }
    if (dryRun) {
      console.log(`\ndry run: ${packedAll.length} packages packed and checked, nothing published${values.keep ? ` (tarballs in ${relative(process.cwd(), destination) || "."})` : ""}`);
      return;
    }
    for (const packed of packedAll) console.log(`${packed.name}@${packed.version}: ${await publish(packed)}`);
  } finally {
    if (!values.keep) await rm(destination, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`release: ${error instanceof GateError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
