#!/usr/bin/env -S npx tsx
/**
 * `pnpm mock` here, `npx @openregions/mock` (its `openregions-mock` bin) installed: every API's
 * sandbox (stateful, behind Prism's validating proxy) on its fixed port, or the pure example
 * mock with `--static`, or Prism in front of a real server with `proxy`. Usage errors exit 2
 * with one line; see USAGE.
 */
import { parseArgs } from "node:util";
import { getMockApi, mockApis, type MockApi } from "./apis.js";
import type { MockLogLevel } from "./log-level.js";
import type { RunningSandbox } from "./sandbox/index.js";
import type { RunningMock } from "./server.js";
import { DEFAULT_BEARER_TTL_SECONDS } from "./defaults.js";

const USAGE = `usage:
  mock [--api <name>]... [--port <n>] [--bearer-ttl <seconds>] [--state <file>]
                        the stateful sandbox of each API (all by default) on its fixed port
  mock --static [--api <name>]... [--port <n>]
                        Prism's pure example mock (every answer is the spec's example)
  mock proxy --api <name> --target <http(s) url> [--port <n>] [--errors]
                        Prism validating live traffic between a client and a real server
options:
  --port <n>            listen on n (one API only; 0 picks a free port)
  --bearer-ttl <s>      lifetime of the bearers the sandbox issues (default ${DEFAULT_BEARER_TTL_SECONDS})
  --state <file>        load the sandbox state from file at start, save it after each change and on Ctrl-C
                        (with several APIs, one file per API: <file>.<api>.json)
  --errors              (proxy) turn every violation into an error answer
  --verbose             log every request Prism sees (info level)
  --quiet               log errors only
  -h, --help            this text
APIs: ${mockApis().map((api) => `${api.name} (:${api.mockPort})`).join(", ")}`;

class UsageError extends Error {}

/** How long Ctrl-C waits for open connections before the process exits anyway. */
const STOP_GRACE_MS = 2000;

interface Parsed {
  mode: "sandbox" | "static" | "proxy";
  selected: MockApi[];
  port: number | undefined;
  target: string | undefined;
  errors: boolean;
  bearerTtl: number | undefined;
  state: string | undefined;
  logLevel: MockLogLevel;
}

const parseOptions = (argv: string[]) =>
  parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      api: { type: "string", multiple: true },
      port: { type: "string" },
      target: { type: "string" },
      errors: { type: "boolean", default: false },
      static: { type: "boolean", default: false },
      "bearer-ttl": { type: "string" },
      state: { type: "string" },
      quiet: { type: "boolean", default: false },
      verbose: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });

function parse(argv: string[]): Parsed | "help" {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    throw new UsageError((error as Error).message.split("\n")[0]!.replace(/\. To specify a positional.*$/, ""));
  }
  const { positionals, values } = parsed;
  if (values.help) return "help";
  const command = positionals[0];
  if (command !== undefined && command !== "proxy") throw new UsageError(`unknown command "${command}"`);
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  const mode = command === "proxy" ? "proxy" : values.static ? "static" : "sandbox";
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!/^\d+$/.test(values.port!) || port > 65535)) throw new UsageError(`bad --port "${values.port}": a number from 0 to 65535`);
  const bearerTtl = values["bearer-ttl"] === undefined ? undefined : Number(values["bearer-ttl"]);
  if (bearerTtl !== undefined && (!Number.isInteger(bearerTtl) || bearerTtl < 1)) throw new UsageError(`bad --bearer-ttl "${values["bearer-ttl"]}": a whole number of seconds ≥ 1`);
  if (mode !== "sandbox" && (bearerTtl !== undefined || values.state !== undefined)) throw new UsageError("--bearer-ttl and --state apply to the sandbox only (not --static or proxy)");
  let selected: MockApi[];
  try {
    selected = (values.api ?? []).length > 0 ? values.api!.map((name) => getMockApi(name)) : [...mockApis()];
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (mode === "proxy") {
    if (values.api?.length !== 1) throw new UsageError("proxy needs exactly one --api");
    if (!values.target) throw new UsageError("proxy needs --target <url>");
    let protocol: string;
    try {
      protocol = new URL(values.target).protocol;
    } catch {
      throw new UsageError(`--target "${values.target}" is not a URL`);
    }
    if (protocol !== "http:" && protocol !== "https:") throw new UsageError(`--target "${values.target}" must be an http or https URL`);
  } else if (values.target || values.errors) {
    throw new UsageError("--target and --errors belong to `mock proxy`");
  }
  if (port !== undefined && selected.length > 1) throw new UsageError("--port needs a single --api");
  return {
    mode,
    selected,
    port,
    target: values.target,
    errors: values.errors,
    bearerTtl,
    state: values.state,
    logLevel: values.quiet ? "error" : values.verbose ? "info" : "warn",
  };
}

type Running = RunningMock | RunningSandbox;

/** The port the proxy listens on by default: the mock's port + 100, so it never clashes with `npm start`. */
const PROXY_PORT_OFFSET = 100;

/** Which file is served: in CI logs, the spec (and so the package version) a run was checked against. */
const specLine = (api: MockApi): string => `\n    spec: ${api.specPath}`;

function stateFileFor(options: Parsed, api: MockApi): string | undefined {
  if (!options.state) return undefined;
  return options.selected.length > 1 ? `${options.state}.${api.name}.json` : options.state;
}

async function startOne(options: Parsed, api: MockApi): Promise<{ running: Running; line: string }> {
  const port = options.port ?? (options.mode === "proxy" ? api.mockPort + PROXY_PORT_OFFSET : api.mockPort);
  if (options.mode === "sandbox") {
    const { startSandbox } = await import("./sandbox/index.js");
    const stateFile = stateFileFor(options, api);
    const sandbox = await startSandbox({
      api,
      port,
      logLevel: options.logLevel,
      ...(options.bearerTtl ? { bearerTtlSeconds: options.bearerTtl } : {}),
      ...(stateFile ? { stateFile } : {}),
    });
    const credentials = sandbox.credentials.map((credential) => `\n    ${credential.label}: ${Object.entries(credential.env).map(([name, value]) => `${name}=${value}`).join(" ")}`);
    return { running: sandbox, line: `${api.name.padEnd(12)} sandbox on ${sandbox.url}${stateFile ? ` (state: ${stateFile})` : ""}${specLine(api)}${credentials.join("")}` };
  }
  const { startMock } = await import("./server.js");
  const mock = await startMock({ api, port, upstream: options.mode === "proxy" ? options.target : undefined, errors: options.errors, logLevel: options.logLevel });
  const what = options.mode === "proxy" ? `validating proxy → ${options.target}` : "static example mock";
  return { running: mock, line: `${api.name.padEnd(12)} ${what} on ${mock.url}${specLine(api)}` };
}

function startFailure(error: unknown, api: MockApi, options: Parsed): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/EADDRINUSE/.test(text) || (error as NodeJS.ErrnoException)?.code === "EADDRINUSE") {
    const port = options.port ?? api.mockPort;
    return `port ${port} (${api.name}) is already in use: stop the process holding it (a running \`npm start\` or \`pnpm mock\`?) or pass --port <n> (0 picks a free one)`;
  }
  return `${api.name}: ${text}`;
}

async function main(argv: string[]): Promise<void> {
  let options: Parsed | "help";
  try {
    options = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`mock: ${error.message}\n(see mock --help)\n`);
    process.exit(2);
  }
  if (options === "help") {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const running: Running[] = [];
  for (const api of options.selected) {
    try {
      const started = await startOne(options, api);
      running.push(started.running);
      process.stdout.write(`${started.line}\n`);
    } catch (error) {
      await Promise.all(running.map((server) => server.close()));
      process.stderr.write(`mock: ${startFailure(error, api, options)}\n`);
      process.exit(2);
    }
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // Prism's server waits for idle keep-alive connections to close: bound the wait.
    await Promise.race([Promise.all(running.map((server) => server.close())), new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS))]);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  process.stdout.write("Ctrl-C to stop.\n");
}

await main(process.argv.slice(2));
