/**
 * The engine on a loopback HTTP port, plus the controls under `/__sandbox/` that tests and
 * people use: reset to the seed, move the clock, read the state, revoke issued credentials,
 * read the violations Prism reported.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Engine } from "./engine.js";
import type { SandboxRequest, SandboxResponse } from "./http-types.js";
import type { SandboxState } from "./state.js";
import { isoAt } from "./generate.js";
import { CONTROLS } from "./controls.js";

export const CONTROL_PREFIX = "/__sandbox/";

/** Bodies larger than this are refused before they are read whole. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface ControlHooks {
  readonly state: SandboxState;
  /** Called after the state changed (a mutating request or a control), e.g. to save it. */
  readonly changed: () => void;
  readonly violations: () => unknown;
}

function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(undefined);
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function toSandboxRequest(request: IncomingMessage, bodyText: string): SandboxRequest {
  const url = new URL(request.url ?? "/", "http://sandbox.invalid");
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  return { method: (request.method ?? "GET").toUpperCase(), path: url.pathname, query: url.searchParams, headers, bodyText };
}

function send(reply: ServerResponse, answer: SandboxResponse): void {
  const headers: Record<string, string> = { ...answer.headers };
  const hasType = Object.keys(headers).some((name) => name.toLowerCase() === "content-type");
  let payload: string | undefined;
  if (answer.body !== undefined && answer.status !== 204) {
    if (typeof answer.body === "string" && hasType && !/json/i.test(Object.entries(headers).find(([name]) => name.toLowerCase() === "content-type")![1])) payload = answer.body;
    else if (typeof answer.body === "string" && !hasType) {
      payload = answer.body;
      headers["content-type"] = "text/plain; charset=utf-8";
    } else {
      payload = JSON.stringify(answer.body);
      if (!hasType) headers["content-type"] = "application/json; charset=utf-8";
    }
  }
  if (payload !== undefined) headers["content-length"] = String(Buffer.byteLength(payload));
  reply.writeHead(answer.status, headers).end(payload);
}

function control(path: string, method: string, bodyText: string, hooks: ControlHooks): SandboxResponse | undefined {
  const { state } = hooks;
  const clock = () => ({ now: isoAt(state.now()), offsetSeconds: state.data.clockOffsetMs / 1000 });
  switch (`${method} ${path}`) {
    case "POST /__sandbox/reset":
      state.reset();
      hooks.changed();
      return { status: 200, body: { reset: true, ...clock() } };
    case "GET /__sandbox/clock":
      return { status: 200, body: clock() };
    case "POST /__sandbox/clock": {
      let seconds: unknown;
      try {
        seconds = (JSON.parse(bodyText || "{}") as { advanceSeconds?: unknown }).advanceSeconds;
      } catch {
        seconds = undefined;
      }
      if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0) {
        return { status: 400, body: { error: 'send {"advanceSeconds": <a number of seconds ≥ 0>}' } };
      }
      state.advanceClock(seconds);
      hooks.changed();
      return { status: 200, body: clock() };
    }
    case "GET /__sandbox/state":
      return { status: 200, body: state.snapshot() };
    case "POST /__sandbox/revoke": {
      const revoked = state.revoke(() => true);
      hooks.changed();
      return { status: 200, body: { revoked } };
    }
    case "GET /__sandbox/violations":
      return { status: 200, body: hooks.violations() };
    default:
      return path.startsWith(CONTROL_PREFIX) ? { status: 404, body: { error: `unknown control ${method} ${path}`, controls: CONTROLS } } : undefined;
  }
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export interface EngineServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startEngineServer(engine: Engine, hooks: ControlHooks, port = 0, host = "127.0.0.1"): Promise<EngineServer> {
  const server: Server = createServer((request, reply) => {
    void readBody(request).then(
      (bodyText) => {
        if (bodyText === undefined) return send(reply, { status: 413, body: { error: "request body too large" } });
        const sandboxRequest = toSandboxRequest(request, bodyText);
        const controlled = control(sandboxRequest.path, sandboxRequest.method, bodyText, hooks);
        if (controlled) return send(reply, controlled);
        const answer = engine.handle(sandboxRequest);
        if (!SAFE.has(sandboxRequest.method) && answer.status < 400) hooks.changed();
        send(reply, sandboxRequest.method === "HEAD" ? { status: answer.status, ...(answer.headers ? { headers: answer.headers } : {}) } : answer);
      },
      () => reply.destroy(),
    );
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
