import { execFile } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { promisify } from "node:util";
import { bundleDir, bundledSpecPath } from "./bundled.js";
import { repoRoot, type ApiDefinition } from "./registry.js";

const run = promisify(execFile);
const redoclyBin = createRequire(import.meta.url).resolve("@redocly/cli/bin/cli.js");

/** Environment for every Redocly CLI call: no telemetry, no update check (the network is not ours). */
export const redoclyEnv: NodeJS.ProcessEnv = {
  ...process.env,
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_NOTIFICATIONS: "true",
};

/** Runs `redocly <args>` from the repo root, where redocly.yaml lives. */
export async function redocly(args: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [redoclyBin, ...args], { cwd: repoRoot, env: redoclyEnv, maxBuffer: 64 << 20 });
}

/** Bundles one API's multi-file spec into a single JSON document. */
export async function bundleApi(api: ApiDefinition): Promise<string> {
  await mkdir(bundleDir, { recursive: true });
  const output = bundledSpecPath(api);
  await redocly(["bundle", api.name, "--output", output, "--ext", "json"]);
  return output;
}
