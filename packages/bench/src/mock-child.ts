/**
 * Child process of the mock section: starts one API's static Prism mock (`startMock`) or its
 * sandbox (`startSandbox`: Prism in front of the stateful engine) on a free loopback port,
 * prints one JSON line (URLs, timings, and for the sandbox the headers of a bearer it accepts),
 * and stops when its stdin closes. Run as `node --import tsx mock-child.ts <api> [static|sandbox]`.
 */
import { performance } from "node:perf_hooks";

const api = process.argv[2];
const mode = process.argv[3] ?? "static";
if (!api || (mode !== "static" && mode !== "sandbox")) {
  process.stderr.write("usage: mock-child.ts <api> [static|sandbox]\n");
  process.exit(2);
}

const t0 = performance.now();
const { startMock, startSandbox } = await import("@openregions/mock");
const t1 = performance.now();
const sandbox = mode === "sandbox" ? await startSandbox({ api, port: 0, logLevel: "silent" }) : undefined;
const mock = sandbox ?? (await startMock({ api, port: 0, logLevel: "silent" }));
const t2 = performance.now();

process.stdout.write(
  `${JSON.stringify({
    url: mock.url,
    /** Importing @openregions/mock (Prism and its dependencies). */
    importMs: t1 - t0,
    /** startMock(): reading the bundled spec, building Prism's operations, listening. */
    startMockMs: t2 - t1,
    /** From process start (Node's own clock) to listening. */
    uptimeMs: process.uptime() * 1000,
    /** The sandbox's engine without Prism in front. */
    engineUrl: sandbox?.engineUrl,
    /** Headers of a bearer the sandbox accepts (any bearer passes the static mock). */
    headers: sandbox ? sandbox.authHeaders("getCurrentUser") : undefined,
  })}\n`,
);

let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  await mock.close();
  if (sandbox && sandbox.violations.length > 0) process.stderr.write(`sandbox: ${sandbox.violations.length} response violations\n`);
  process.exit(0);
};
process.stdin.resume();
process.stdin.on("end", () => void stop());
process.on("SIGTERM", () => void stop());
