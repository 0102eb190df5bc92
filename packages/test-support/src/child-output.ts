/**
 * A started command's output, as the tests that run one read it: everything it printed so far,
 * how it ended, and a wait for a line to appear (a URL, a credential) that fails with the output
 * so far when the command ends first or takes too long.
 */
import type { ChildProcess } from "node:child_process";

export interface ChildOutput {
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** The exit code (null when a signal ended it), with all the output. */
  readonly finished: Promise<{ code: number | null; stdout: string; stderr: string }>;
  /** Resolves with the first match of `pattern` in stdout; fails if the command ends first, or after `timeoutMs`. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
}

/** How long `waitFor` waits by default: a command that starts servers on a loaded 2-core CI machine. */
export const START_TIMEOUT_MS = 90_000;

/** Collects `child`'s stdout and stderr (both must be pipes) from now on. */
export function childOutput(child: ChildProcess, what: string, timeoutMs = START_TIMEOUT_MS): ChildOutput {
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const finished = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on("exit", (code) => resolve({ code, stdout, stderr })));
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${what}: timed out waiting for ${pattern}; stdout: ${stdout}; stderr: ${stderr}`)), timeoutMs);
      const check = () => {
        const match = stdout.match(pattern);
        if (!match) return;
        clearTimeout(timer);
        resolve(match);
      };
      child.stdout!.on("data", check);
      child.on("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`${what} exited with ${code} before printing ${pattern}: ${stderr}`));
      });
      check();
    });
  return { stdout: () => stdout, stderr: () => stderr, finished, waitFor };
}
