import { getApi, type ApiDefinition } from "@openregions/apis";
import { UsageError } from "../credentials.js";

/** What a command may touch: its output streams, the environment and the folder it was started from. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where relative paths given by the user are resolved (pnpm passes the caller's folder in INIT_CWD). */
  readonly cwd: string;
  /** True when stdout is a terminal: colours and such only then. */
  readonly isTTY?: boolean;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.env["INIT_CWD"] ?? process.cwd(),
    isTTY: process.stdout.isTTY === true,
  };
}

/**
 * Exit codes of every command: success, a failed check (or no answer), a usage error, and a
 * run that could verify nothing conclusive (credentials refused, rate limited) but saw no failure.
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, inconclusive: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The API of that name, or a usage error that lists the known names. */
export function apiNamed(name: string): ApiDefinition {
  try {
    return getApi(name);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
