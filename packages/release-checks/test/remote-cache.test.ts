/**
 * Protects the README's claim that Turbo's remote cache works for this repository with no change
 * to it: a real turborepo-remote-cache server on loopback, a clean clone of the committed HEAD
 * built against it (every task runs and is uploaded), then a second clean clone whose build is
 * served entirely from the remote cache, with the outputs back on disk.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cloneEnv, gitClone, headCommit, offlineInstall, pnpmShim, repoTopLevel, turboRun, type TurboRun } from "../src/clean-clone.js";
import { startRemoteCache, type RemoteCacheServer } from "../src/remote-cache-server.js";

const TEAM = "team_openregions";
let work: string;
let server: RemoteCacheServer;
let env: NodeJS.ProcessEnv;
let repo: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "openregions-remote-cache-"));
  repo = await repoTopLevel(import.meta.dirname);
  const token = randomBytes(24).toString("hex");
  server = await startRemoteCache({ storageDir: join(work, "storage"), token });
  env = cloneEnv({ TURBO_API: server.url, TURBO_TOKEN: token, TURBO_TEAM: TEAM }, await pnpmShim(join(work, "bin")));
});

// two clones with their node_modules: removing them takes a while on a loaded machine
afterAll(async () => {
  await server?.stop();
  if (work) await rm(work, { recursive: true, force: true });
}, 180_000);

/** Clone HEAD into `name`, install from the store, build. */
async function cloneAndBuild(name: string): Promise<{ dir: string; build: TurboRun }> {
  const dir = join(work, name);
  await gitClone(repo, dir);
  expect(await headCommit(dir)).toBe(await headCommit(repo));
  await offlineInstall(dir, env);
  return { dir, build: await turboRun(dir, ["build"], env) };
}

const statuses = (run: TurboRun): string[] => run.tasks.map((task) => `${task.taskId}: ${task.cache.status}${task.cache.source ? ` ${task.cache.source}` : ""}`);

describe("Turbo's remote cache (turborepo-remote-cache on loopback)", () => {
  it("a second clean clone's build comes entirely from the remote cache the first one filled", async () => {
    const first = await cloneAndBuild("first");
    expect(first.build.tasks.length, first.build.output).toBeGreaterThanOrEqual(5);
    expect(statuses(first.build), "the first clone starts from nothing").toEqual(first.build.tasks.map((task) => `${task.taskId}: MISS`));
    expect(await readdir(join(work, "storage", TEAM)), `the server stored the artefacts:\n${server.log()}`).toHaveLength(first.build.tasks.length);

    const second = await cloneAndBuild("second");
    expect(second.build.tasks.map((task) => task.taskId)).toEqual(first.build.tasks.map((task) => task.taskId));
    expect(statuses(second.build), second.build.output).toEqual(second.build.tasks.map((task) => `${task.taskId}: HIT REMOTE`));
    expect(second.build.output).toMatch(/FULL TURBO/);
    for (const output of ["packages/apis/dist/scalingo.json", "packages/client/dist/scalingo.js", "packages/specs/dist/3.0/scalingo.yaml", "packages/docs/dist/index.html"]) {
      expect(existsSync(join(second.dir, output)), `${output} restored from the cache`).toBe(true);
    }
  });
});
