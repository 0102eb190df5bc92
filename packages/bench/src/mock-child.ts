/**
 * Child process of the mock section: starts one API's Prism mock with `startMock` on a free
 * loopback port, prints one JSON line (URL and timings), and stops when its stdin closes.
 * Run as `node --import tsx mock-child.ts <api>`.
 */
import { performance } from "node:perf_hooks";

const api = process.argv[2];
if (!api) {
  process.stderr.write("usage: mock-child.ts <api>\n");
  process.exit(2);
}

const t0 = performance.now();
const { startMock } = await import("@openregions/mock");
const t1 = performance.now();
const mock = await startMock({ api, port: 0, logLevel: "silent" });
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
  })}\n`,
);

let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  await mock.close();
  process.exit(0);
};
process.stdin.resume();
process.stdin.on("end", () => void stop());
process.on("SIGTERM", () => void stop());
