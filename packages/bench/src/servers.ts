/**
 * The targets on loopback, each in its own process so that the server and the load generator
 * (this process) do not share one event loop: a bare `node:http` server answering fixed bytes,
 * and the Prism mock through `startMock`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { withTimeout } from "./measure.js";

export interface Route {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** Routes by "METHOD /path". */
export type Routes = Record<string, Route>;

export interface ChildServer {
  readonly url: string;
  /** What the child printed once listening, parsed. */
  readonly ready: Record<string, unknown>;
  /** ms from spawn to the ready line. */
  readonly spawnToReadyMs: number;
  close(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000;

/**
 * The bare server: no framework, no validation, the body written once per request with its
 * length. Loopback only, port 0. It exits when its stdin closes (so it dies with this process).
 */
const BARE_SERVER = `
import { createServer } from "node:http";
const routes = JSON.parse(process.env.BENCH_ROUTES);
const prepared = new Map(Object.entries(routes).map(([key, r]) => {
  const body = Buffer.from(r.body, "utf8");
  return [key, { status: r.status, body, headers: { "content-type": r.contentType, "content-length": String(body.length) } }];
}));
const server = createServer((req, res) => {
  const route = prepared.get(req.method + " " + req.url.split("?")[0]);
  req.resume();
  req.on("end", () => {
    if (!route) { res.writeHead(404, { "content-length": "0" }).end(); return; }
    res.writeHead(route.status, route.headers).end(route.body);
  });
});
server.keepAliveTimeout = 30000;
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(JSON.stringify({ url: "http://127.0.0.1:" + server.address().port }) + "\\n");
});
process.stdin.resume();
process.stdin.on("end", () => { server.close(); server.closeAllConnections(); process.exit(0); });
`;

function readyLine(child: ChildProcess, what: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let buffer = "";
    const onData = (chunk: Buffer): void => {
      buffer += chunk.toString("utf8");
      const newline = buffer.indexOf("\n");
      if (newline < 0) return;
      child.stdout?.off("data", onData);
      try {
        resolve(JSON.parse(buffer.slice(0, newline)) as Record<string, unknown>);
      } catch {
        reject(new Error(`${what} printed "${buffer.slice(0, newline)}" instead of its ready line`));
      }
    };
    child.stdout?.on("data", onData);
    child.once("error", reject);
    child.once("exit", (code, signal) => reject(new Error(`${what} exited (${signal ?? code}) before it was ready`)));
  });
}

function stopper(child: ChildProcess): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () =>
    (stopping ??= new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      child.stdin?.end();
    }));
}

async function spawnServer(args: string[], env: NodeJS.ProcessEnv, what: string): Promise<ChildServer> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "inherit"], env });
  const close = stopper(child);
  try {
    const ready = await withTimeout(readyLine(child, what), START_TIMEOUT_MS, `starting ${what}`);
    const spawnToReadyMs = performance.now() - t0;
    if (typeof ready["url"] !== "string" || !/^http:\/\/127\.0\.0\.1:\d+$/.test(ready["url"])) {
      throw new Error(`${what} is not on loopback: ${String(ready["url"])}`);
    }
    return { url: ready["url"], ready, spawnToReadyMs, close };
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
}

/** Starts the bare server in a child process. */
export function startBareServer(routes: Routes): Promise<ChildServer> {
  return spawnServer(["--input-type=module", "-e", BARE_SERVER], { ...process.env, BENCH_ROUTES: JSON.stringify(routes) }, "the bare server");
}

const MOCK_CHILD = fileURLToPath(new URL("./mock-child.ts", import.meta.url));

/** Starts one API's static Prism mock (`startMock`) or its sandbox (`startSandbox`) in a fresh process. */
export function startMockProcess(api: string, mode: "static" | "sandbox" = "static"): Promise<ChildServer> {
  const tsx = import.meta.resolve("tsx");
  return spawnServer(["--import", tsx, MOCK_CHILD, api, mode], { ...process.env }, `the ${api} ${mode === "static" ? "mock" : "sandbox"}`);
}
