/**
 * Protects "from an empty folder, the packed tarballs give a working typed client and the specs
 * in both versions": every publishable package is packed as `pnpm release` packs it, installed
 * into an empty project outside the repository (from pnpm's store; the registry is asked only for
 * the metadata of the client's dependencies, which a project without a lockfile needs), and a small
 * program there is type-checked (strict, against the tarballs' declarations) and run.
 */
import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { apis } from "@openregions/apis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { pack, repoRoot, type PackedPackage } from "../../../scripts/release/pack-check.js";
import { PUBLISHABLE } from "../../../scripts/release/publishable.js";
import { cloneEnv, offlineInstall, pnpmShim } from "../src/clean-clone.js";

const run = promisify(execFile);
let work: string;
let project: string;
let packed: PackedPackage[];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "openregions-tarballs-"));
  const tarballs = join(work, "tarballs");
  await mkdir(tarballs);
  packed = [];
  for (const publishable of PUBLISHABLE) packed.push(await pack(publishable.dir, tarballs));
  project = join(work, "consumer");
  await mkdir(project);
  const dependencies = Object.fromEntries(packed.map((p) => [p.name, `file:${p.tarball}`]));
  await writeFile(join(project, "package.json"), `${JSON.stringify({ name: "consumer", private: true, type: "module", dependencies }, null, 2)}\n`);
  await writeFile(
    join(project, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2022", "DOM"], types: [], strict: true, resolveJsonModule: true, outDir: "out", skipLibCheck: false } }),
  );
  await copyFile(join(import.meta.dirname, "consumer", "main.ts"), join(project, "main.ts"));
  await offlineInstall(project, cloneEnv({}, await pnpmShim(join(work, "bin"))), { lockfile: false });
}, 180_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
}, 120_000);

describe("the packed tarballs, installed into an empty project", () => {
  it("are the client and the specs", () => {
    expect(packed.map((p) => p.name)).toEqual(["@openregions/client", "@openregions/specs"]);
    expect(packed.every((p) => p.files.every((file) => file === "package.json" || /^(dist\/|README|CHANGELOG|LICENSE)/.test(file)))).toBe(true);
  });

  it("type-check a program using both (strict, the tarballs' own declarations, no lib check skipped)", async () => {
    const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
    await expect(run(process.execPath, [tsc, "-p", project], { cwd: project })).resolves.toBeDefined();
  });

  it("run it: the typed client calls the API, the specs come in OpenAPI 3.1 and 3.0", async () => {
    const { stdout } = await run(process.execPath, [join(project, "out", "main.js")], { cwd: project });
    const result = JSON.parse(stdout) as { firstName: string; seen: string[]; apis: string[]; openapi: string[]; yaml30: string };
    expect(result.firstName).toBe("test");
    expect(result.seen).toEqual(["GET /openapi/v1/regions 40"]);
    expect(result.apis).toEqual(apis.map((api) => api.name));
    expect(result.openapi).toEqual([expect.stringMatching(/^3\.1\./), "3.0.3", "3.0.3"]);
    expect(result.yaml30.startsWith(join(project, "node_modules"))).toBe(true);
    expect(parse(await readFile(result.yaml30, "utf8"))).toMatchObject({ openapi: "3.0.3" });
  });
});
