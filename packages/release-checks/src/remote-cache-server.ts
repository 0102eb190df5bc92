/**
 * A real turborepo-remote-cache server (the npm package's own CLI) on loopback, on a port the
 * system picks, storing artefacts in a folder of the caller's choice.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export interface RemoteCacheServer {
  /** What turbo's TURBO_API takes, e.g. http://127.0.0.1:40123 */
  readonly url: string;
  /** Everything the server logged (JSON lines), for a failing test's message. */
  log(): string;
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);
const cliPath = (): string => join(dirname(require.resolve("turborepo-remote-cache/package.json")), "dist", "cli.js");

/** Starts the server with static token auth and local storage; resolves once it listens. */
export async function startRemoteCache(options: { storageDir: string; token: string; timeoutMs?: number }): Promise<RemoteCacheServer> {
  const child: ChildProcess = spawn(process.execPath, [cliPath()], {
    env: {
      PATH: process.env["PATH"] ?? "",
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: "0",
      STORAGE_PROVIDER: "local",
      STORAGE_PATH: options.storageDir,
      STORAGE_PATH_USE_TMP_FOLDER: "false",
      TURBO_TOKEN: options.token,
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`turborepo-remote-cache did not listen within ${options.timeoutMs ?? 30_000} ms:\n${output}`)), options.timeoutMs ?? 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString("utf8");
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`turborepo-remote-cache exited with ${code} before listening:\n${output}`));
    });
  });
  const url = await listening.catch((error: unknown) => {
    child.kill("SIGKILL");
    throw error;
  });
  return {
    url,
    log: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
        child.once("exit", () => {
          clearTimeout(force);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}
