import { apis } from "@openregions/apis";
import { UsageError } from "../credentials.js";
import { BASELINE_USAGE, BREAKING_USAGE, baselineCommand, breakingCommand } from "./breaking-command.js";
import { CHECK_USAGE, checkCommand } from "./check-command.js";
import { EXIT, type CliIo, type ExitCode } from "./io.js";
import { VERIFY_USAGE, verifyCommand } from "./verify-command.js";
import { WORKFLOWS_USAGE, workflowsCommand } from "./workflows-command.js";

export const USAGE = `usage: pnpm contract <command> [options]

${VERIFY_USAGE}

${CHECK_USAGE}

${WORKFLOWS_USAGE}

${BREAKING_USAGE}

${BASELINE_USAGE}

APIs: ${apis.map((api) => api.name).join(", ")}`;

interface Command {
  readonly run: (args: string[], io: CliIo) => Promise<ExitCode>;
  /** What `pnpm contract <command> --help` prints. */
  readonly usage: string;
}

const commands: Record<string, Command> = {
  verify: { run: verifyCommand, usage: VERIFY_USAGE },
  check: { run: checkCommand, usage: CHECK_USAGE },
  workflows: { run: workflowsCommand, usage: WORKFLOWS_USAGE },
  breaking: { run: breakingCommand, usage: BREAKING_USAGE },
  baseline: { run: baselineCommand, usage: BASELINE_USAGE },
};

const commandUsage = (command: Command): string => `usage: pnpm ${command.usage}\n\nAPIs: ${apis.map((api) => api.name).join(", ")}`;

const isParseArgsError = (error: unknown): boolean => String((error as { code?: unknown }).code ?? "").startsWith("ERR_PARSE_ARGS");

/** Runs one `contract` command; never exits the process, returns its exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.stdout(`${USAGE}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`contract: unknown command "${name}"\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(`${commandUsage(command)}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr(`contract ${name}: ${(error as Error).message}\n(pnpm contract ${name} --help for its options)\n`);
      return EXIT.usage;
    }
    io.stderr(`contract ${name}: ${(error as Error).message}\n`);
    return EXIT.failed;
  }
}
