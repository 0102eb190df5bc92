/**
 * Protects the release flow's versioning (Changesets): in a clone of HEAD, a changeset for one
 * publishable package bumps both (they are a `fixed` group) to one new version, writes that
 * version's entry in each package's CHANGELOG.md, consumes the pending files, and leaves every
 * private package's version alone.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUBLISHABLE } from "../../../scripts/release/publishable.js";
import { gitClone, repoTopLevel } from "../src/clean-clone.js";

const run = promisify(execFile);
interface Manifest {
  name: string;
  version: string;
  private?: boolean;
}

let work: string;
let clone: string;
let before: Map<string, Manifest>;
let after: Map<string, Manifest>;
const NOTE = "The 3.0 copies keep every operation (a test of the release flow).";

async function manifests(root: string): Promise<Map<string, Manifest>> {
  const result = new Map<string, Manifest>();
  for (const name of await readdir(join(root, "packages"))) {
    const file = join(root, "packages", name, "package.json");
    if (existsSync(file)) result.set(`packages/${name}`, JSON.parse(await readFile(file, "utf8")) as Manifest);
  }
  return result;
}

beforeAll(async () => {
  const repo = await repoTopLevel(import.meta.dirname);
  work = await mkdtemp(join(tmpdir(), "openregions-changesets-"));
  clone = join(work, "clone");
  await gitClone(repo, clone);
  before = await manifests(clone);
  await writeFile(join(clone, ".changeset", "release-flow-test.md"), `---\n"@openregions/specs": patch\n---\n\n${NOTE}\n`);
  await run(process.execPath, [join(repo, "node_modules", "@changesets", "cli", "bin.js"), "version"], { cwd: clone, env: { ...process.env, CI: "true" }, timeout: 60_000 });
  after = await manifests(clone);
}, 90_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe("pnpm changeset version", () => {
  it("bumps every publishable package to one new version", () => {
    const versions = PUBLISHABLE.map((p) => after.get(p.dir)!.version);
    expect(new Set(versions).size).toBe(1);
    for (const p of PUBLISHABLE) expect(after.get(p.dir)!.version, p.dir).not.toBe(before.get(p.dir)!.version);
  });

  it("writes the new version's entry, with the changeset's text, in each publishable package's CHANGELOG.md", async () => {
    for (const p of PUBLISHABLE) {
      const changelog = await readFile(join(clone, p.dir, "CHANGELOG.md"), "utf8");
      expect(changelog.startsWith(`# ${after.get(p.dir)!.name}\n`), p.dir).toBe(true);
      expect(changelog).toContain(`## ${after.get(p.dir)!.version}`);
    }
    expect(await readFile(join(clone, "packages/specs/CHANGELOG.md"), "utf8")).toContain(NOTE);
  });

  it("consumes the pending changesets", async () => {
    expect((await readdir(join(clone, ".changeset"))).filter((file) => file.endsWith(".md") && file !== "README.md")).toEqual([]);
  });

  it("leaves the private packages' versions alone", () => {
    for (const [dir, manifest] of before) if (manifest.private) expect(after.get(dir)!.version, dir).toBe(manifest.version);
  });
});
