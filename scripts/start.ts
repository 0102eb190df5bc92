/**
 * The main job: build everything (Turbo, cached), start every API's sandbox (stateful, behind
 * Prism's validating proxy) on its fixed port, serve the docs site (its "Try it" panels are told
 * the sandboxes' URLs), print the URLs and the credentials each sandbox accepts, and stop cleanly
 * on Ctrl-C (or SIGTERM).
 *
 * Options: `--docs-port <n>` (default 4000), `--free-ports` (every server on a port the system
 * picks, e.g. beside another running instance), `--skip-build` (serve what is built).
 */
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { apis, listOperations, loadBundledSpec } from "@openregions/apis";
import { curlSample, docsDist, guides, serveStatic, type RunningSite } from "@openregions/docs";
import { startSandbox, type RunningSandbox } from "@openregions/mock";

const { values } = parseArgs({
  options: {
    "docs-port": { type: "string", default: "4000" },
    "skip-build": { type: "boolean", default: false },
    "free-ports": { type: "boolean", default: false },
  },
});
const freePorts = values["free-ports"];

if (!values["skip-build"]) {
  const build = spawnSync("turbo", ["run", "build", "--output-logs=errors-only", "--no-update-notifier"], {
    stdio: "inherit",
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) {
    console.error("start: the build failed (see above); nothing was started");
    process.exit(build.status ?? 1);
  }
}

const mocks: RunningSandbox[] = [];
let site: RunningSite | undefined;
async function stopAll(): Promise<void> {
  await Promise.allSettled([...mocks.map((mock) => mock.close()), site?.close()]);
}

try {
  for (const api of apis) mocks.push(await startSandbox({ api, port: freePorts ? 0 : api.mockPort, logLevel: "warn" }));
  // the docs' "Try it" panels send to these sandboxes by default
  const targets = Object.fromEntries(mocks.map((mock) => [mock.api.name, { sandbox: mock.url }]));
  site = await serveStatic(docsDist, freePorts ? 0 : Number(values["docs-port"]), "127.0.0.1", { targets });
} catch (error) {
  await stopAll();
  const busy = (error as NodeJS.ErrnoException).code === "EADDRINUSE";
  console.error(`start: ${(error as Error).message}${busy ? " (is another `pnpm start` or `pnpm mock` running? `pnpm serve --free-ports` avoids it)" : ""}`);
  process.exit(1);
}

const width = Math.max(...apis.map((api) => api.name.length)) + 2;
console.log("\nopenregions is running:\n");
console.log(`  ${"docs".padEnd(width)} ${site.url}/`);
for (const mock of mocks) {
  console.log(`  ${mock.api.name.padEnd(width)} ${mock.url}  (sandbox behind Prism; docs: ${site.url}/${mock.api.name}.html)`);
  for (const credential of mock.credentials) {
    const env = Object.entries(credential.env).map(([name, value]) => `${name}=${value}`).join(" ");
    console.log(`  ${"".padEnd(width)}   ${credential.label}: ${env}`);
  }
}
const first = mocks[0];
if (first) {
  const spec = loadBundledSpec(first.api);
  const op = listOperations(spec).find((candidate) => candidate.method === "get" && !candidate.path.includes("{") && candidate.operation["security"] === undefined);
  if (op) {
    const sample = curlSample(spec, op, { apiName: first.api.name, baseUrl: first.url, credentials: guides[first.api.name]?.curlCredentials });
    const values = Object.assign({}, ...first.credentials.map((credential) => credential.env)) as Record<string, string>;
    const env = sample.env.map((name) => `${name}='${values[name] ?? ""}'`).join(" ");
    console.log(`\nTry (${op.summary}):\n  export ${env}\n  ${sample.source.replace(/\n/g, "\n  ")}`);
  }
}
console.log("Sandbox controls: POST <url>/__sandbox/reset, POST <url>/__sandbox/clock {\"advanceSeconds\": n}, GET <url>/__sandbox/state.");
console.log("Ctrl-C stops everything.\n");

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log("\nstopping…");
    void stopAll().then(() => process.exit(0));
  });
}
