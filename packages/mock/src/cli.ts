#!/usr/bin/env -S npx tsx
import { parseArgs } from "node:util";
import { apis, getApi, type ApiDefinition } from "@openregions/apis";
import { startMock, type RunningMock } from "./server.js";

const USAGE = `usage:
  mock [--api <name>]... [--port <n>]          serve the mock of each API (all by default) on its fixed port
  mock proxy --api <name> --target <url> [--port <n>] [--errors]
                                               validate live traffic between a client and a real server
APIs: ${apis.map((api) => `${api.name} (:${api.mockPort})`).join(", ")}`;

function fail(message: string): never {
  process.stderr.write(`mock: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    api: { type: "string", multiple: true },
    port: { type: "string" },
    target: { type: "string" },
    errors: { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
    verbose: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const mode = positionals[0] ?? "mock";
if (mode !== "mock" && mode !== "proxy") fail(`unknown command "${mode}"`);
const port = values.port === undefined ? undefined : Number(values.port);
if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) fail(`bad --port "${values.port}"`);

let selected: ApiDefinition[];
try {
  selected = (values.api ?? []).length > 0 ? values.api!.map(getApi) : [...apis];
} catch (error) {
  fail((error as Error).message);
}
if (mode === "proxy") {
  if (selected.length !== 1 || !values.api) fail("proxy needs exactly one --api");
  if (!values.target) fail("proxy needs --target <url>");
  try {
    new URL(values.target);
  } catch {
    fail(`--target "${values.target}" is not a URL`);
  }
}
if (port !== undefined && selected.length > 1) fail("--port needs a single --api");

const logLevel = values.quiet ? "error" : values.verbose ? "info" : "warn";
const running: RunningMock[] = [];
try {
  for (const api of selected) {
    const mock = await startMock({
      api,
      port: port ?? api.mockPort,
      upstream: mode === "proxy" ? values.target : undefined,
      errors: values.errors,
      logLevel,
    });
    running.push(mock);
    const what = mode === "proxy" ? `validating proxy → ${values.target}` : "mock";
    process.stdout.write(`${api.name.padEnd(12)} ${what} on ${mock.url}\n`);
  }
} catch (error) {
  await Promise.all(running.map((mock) => mock.close()));
  const message = (error as NodeJS.ErrnoException).code === "EADDRINUSE"
    ? `${(error as Error).message}: another process holds the port; stop it or pass --port`
    : (error as Error).message;
  fail(message);
}

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all(running.map((mock) => mock.close()));
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
process.stdout.write("Ctrl-C to stop.\n");
