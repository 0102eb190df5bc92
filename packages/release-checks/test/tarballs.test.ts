/**
 * Protects "from an empty folder, the packed tarballs give a working typed client, the specs in
 * both versions, and a sandbox started with npx": every publishable package is packed as
 * `pnpm release` packs it, installed into an empty project outside the repository (from pnpm's
 * store; the registry is asked only for the metadata of the third-party dependencies, which a
 * project without a lockfile needs; the packages' own dependencies on each other are pointed at
 * the tarballs, as npm would find them published), a small program there is type-checked (strict,
 * against the tarballs' declarations) and run, and `npx @openregions/mock` is started there and
 * called over HTTP.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { promisify } from "node:util";
import { apis } from "@openregions/apis";
import { childOutput } from "@openregions/test-support/child-output";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
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
  // @openregions/mock depends on @openregions/specs@<version>, which is not on the registry yet: the tarball it is
  const manifest = { name: "consumer", private: true, type: "module", dependencies, pnpm: { overrides: dependencies } };
  await writeFile(join(project, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
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
  it("are the client, the specs and the mock", () => {
    expect(packed.map((p) => p.name)).toEqual(["@openregions/client", "@openregions/specs", "@openregions/mock"]);
    expect(packed.every((p) => p.files.every((file) => file === "package.json" || /^(dist\/|README|CHANGELOG|LICENSE)/.test(file)))).toBe(true);
  });

  it("type-check a program using all three (strict, the tarballs' own declarations, no lib check skipped)", async () => {
    const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
    await expect(run(process.execPath, [tsc, "-p", project], { cwd: project })).resolves.toBeDefined();
  });

  it("run it: the typed client calls the API and the mock's startMock(), the specs come in OpenAPI 3.1 and 3.0", async () => {
    const { stdout } = await run(process.execPath, [join(project, "out", "main.js")], { cwd: project });
    const result = JSON.parse(stdout) as { firstName: string; seen: string[]; mocked: { api: string; regions: number }; apis: string[]; openapi: string[]; yaml30: string };
    expect(result.firstName).toBe("test");
    expect(result.seen).toEqual(["GET /openapi/v1/regions 40"]);
    expect(result.mocked.api).toBe("rainbond");
    expect(result.mocked.regions).toBeGreaterThan(0);
    expect(result.apis).toEqual(apis.map((api) => api.name));
    expect(result.openapi).toEqual([expect.stringMatching(/^3\.1\./), "3.0.3", "3.0.3"]);
    expect(result.yaml30.startsWith(join(project, "node_modules"))).toBe(true);
    expect(parse(await readFile(result.yaml30, "utf8"))).toMatchObject({ openapi: "3.0.3" });
  });
});

/** The environment of a command run in the project: no variable of this run's pnpm, turbo or vitest (npx would read `npm_config_*`). */
function projectEnv(): NodeJS.ProcessEnv {
  const env = cloneEnv({ FORCE_COLOR: "0" }, join(work, "bin"));
  for (const key of Object.keys(env)) if (/^npm_config_/i.test(key)) delete env[key];
  return env;
}

interface Started {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  /** Resolves with the first match of `pattern` in stdout; fails if the process ends first or after 90 s. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
}

const started: Started[] = [];
/** Kills the whole process group (npx, the bin's shell shim, node): nothing may outlive the test. */
const killGroup = (child: ChildProcess, signal: NodeJS.Signals): void => {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
};
afterEach(() => {
  for (const one of started.splice(0)) killGroup(one.child, "SIGKILL");
});

/** `npx --no-install <args>` in the project, in a process group of its own. */
function npx(args: readonly string[]): Started {
  const child = spawn("npx", ["--no-install", ...args], { cwd: project, env: projectEnv(), detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const output = childOutput(child, `npx ${args.join(" ")}`);
  const exited = output.finished.then(({ code }) => code);
  const waitFor = output.waitFor;
  const one = { child, exited, waitFor };
  started.push(one);
  return one;
}

/** Stops it as CI would (SIGTERM to the group), then checks that no process of the group is left. */
async function stop(one: Started): Promise<void> {
  killGroup(one.child, "SIGTERM");
  await one.exited;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      process.kill(-one.child.pid!, 0);
    } catch {
      return; // ESRCH: the group is empty
    }
    if (Date.now() > deadline) throw new Error(`a process of npx's group ${one.child.pid} outlived it`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("npx @openregions/mock, in that project", () => {
  it("starts the Scalingo sandbox from the installed package's specs: anonymous regions, a token exchanged for a bearer, all within the spec", async () => {
    const mock = npx(["@openregions/mock", "--api", "scalingo", "--port", "0"]);
    const [, url] = await mock.waitFor(/sandbox on (http:\/\/127\.0\.0\.1:\d+)/);
    const [, spec] = await mock.waitFor(/\n {4}spec: (\S+)/);
    const [, apiToken] = await mock.waitFor(/SCALINGO_API_TOKEN=(\S+)/);
    // the spec it serves is the installed @openregions/specs' file, in the project, not the repository's
    const served = await realpath(spec!);
    expect(served.startsWith(`${await realpath(join(project, "node_modules"))}${sep}`), served).toBe(true);
    expect(served.startsWith(`${await realpath(repoRoot)}${sep}`)).toBe(false);
    expect(served).toMatch(/[/\\]@openregions[/\\]specs[/\\]dist[/\\]3\.1[/\\]scalingo\.json$/);
    expect(JSON.parse(await readFile(served, "utf8"))).toMatchObject({ openapi: expect.stringMatching(/^3\.1\./) });

    const regions = await fetch(`${url}/v1/regions`);
    expect(regions.status).toBe(200);
    const { regions: list } = (await regions.json()) as { regions: Array<{ name: string; api: string }> };
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((region) => typeof region.name === "string" && region.api.startsWith("https://"))).toBe(true);

    expect((await fetch(`${url}/v1/keys`)).status).toBe(401);
    const exchanged = await fetch(`${url}/v1/tokens/exchange`, { method: "POST", headers: { Authorization: `Basic ${btoa(`:${apiToken}`)}`, "Content-Type": "application/json" }, body: "{}" });
    expect(exchanged.ok).toBe(true);
    const { token } = (await exchanged.json()) as { token: string };
    const keys = await fetch(`${url}/v1/keys`, { headers: { Authorization: `Bearer ${token}` } });
    expect(keys.status).toBe(200);
    expect(await keys.json()).toMatchObject({ keys: expect.any(Array) });
    // Prism checked every answer against the spec on the way out
    expect(await (await fetch(`${url}/__sandbox/violations`)).json()).toEqual([]);

    await stop(mock);
    await expect(fetch(`${url}/v1/regions`)).rejects.toThrow();
  });

  it("serves Prism's static example mock with the openregions-mock bin and --static", async () => {
    const mock = npx(["openregions-mock", "--static", "--api", "rainbond", "--port", "0"]);
    const [, url] = await mock.waitFor(/static example mock on (http:\/\/127\.0\.0\.1:\d+)/);
    const regions = await fetch(`${url}/openapi/v1/regions`, { headers: { Authorization: "0123456789abcdef0123456789abcdef01234567" } });
    expect(regions.status).toBe(200);
    expect(Array.isArray(await regions.json())).toBe(true);
    await stop(mock);
  });
});
