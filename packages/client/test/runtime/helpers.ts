import { Buffer } from "node:buffer";
import type { Clock, LogEntry, Sleep } from "../../src/runtime/index.js";

export const b64url = (s: string): string => Buffer.from(s).toString("base64url");

/** An unsigned (alg "none") JWT with the given claims. */
export function makeJwt(claims: Record<string, unknown>, alg = "none"): string {
  return `${b64url(JSON.stringify({ alg, typ: "JWT" }))}.${b64url(JSON.stringify(claims))}.`;
}

export interface RecordedCall {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
}

export type Handler = (request: Request, index: number) => Response | Promise<Response>;

/** A fetch stub that records every request it receives and answers with `handler` (or a queue of handlers). */
export function recordingFetch(handler: Handler | Handler[]) {
  const calls: RecordedCall[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const index = calls.length;
    const headers: Record<string, string> = {};
    request.headers.forEach((v, k) => {
      headers[k] = v;
    });
    calls.push({
      method: request.method,
      url: request.url,
      headers,
      body: request.body === null ? "" : await request.clone().text(),
      signal: request.signal,
    });
    const h = Array.isArray(handler) ? handler[Math.min(index, handler.length - 1)] : handler;
    if (!h) throw new Error("no handler");
    return h(request, index);
  };
  return { fetch, calls };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

export function text(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { "content-type": "text/plain", ...headers } });
}

export function empty(status: number, headers: Record<string, string> = {}): Response {
  return new Response(null, { status, headers });
}

/** Rejects like undici does when the connection fails: TypeError("fetch failed") with a coded cause. */
export function networkError(code: string, message = `connect ${code} 10.0.0.1:443`): TypeError {
  const cause = Object.assign(new Error(message), { code });
  return new TypeError("fetch failed", { cause });
}

/** A fetch handler that never answers but rejects when the request's signal aborts (like real fetch). */
export function hang(request: Request): Promise<Response> {
  return new Promise((_, reject) => {
    if (request.signal.aborted) reject(request.signal.reason);
    request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true });
  });
}

/** A manual clock: timers fire only when `advance` is called. */
export class FakeClock implements Clock {
  #now: number;
  #timers = new Map<number, { at: number; fn: () => void }>();
  #nextId = 1;

  constructor(start = Date.UTC(2025, 0, 1)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.#nextId++;
    this.#timers.set(id, { at: this.#now + ms, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }

  set(now: number): void {
    this.#now = now;
  }

  /** Moves time forward, firing due timers in order, letting promises settle in between. */
  async advance(ms: number): Promise<void> {
    await settle();
    const target = this.#now + ms;
    for (;;) {
      const due = [...this.#timers.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.#timers.delete(due[0]);
      this.#now = Math.max(this.#now, due[1].at);
      due[1].fn();
      await settle();
    }
    this.#now = Math.max(this.#now, target);
    await settle();
  }
}

/** Lets pending promise chains run (macrotask boundary). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A sleep that records the requested durations and advances `clock` instantly. */
export function recordingSleep(clock?: FakeClock): { sleep: Sleep; sleeps: number[] } {
  const sleeps: number[] = [];
  const sleep: Sleep = async (ms) => {
    sleeps.push(ms);
    if (clock) clock.set(clock.now() + ms);
  };
  return { sleep, sleeps };
}

export const BASE = "https://api.example.test";

/**
 * The pipeline options client tests share: a recording fetch over `handler`, a fake clock and
 * sleep, a fixed jitter, and a log collector. Spread `options` into a client's options.
 */
export function testPipeline(handler: Handler | Handler[], clock = new FakeClock()) {
  const { fetch, calls } = recordingFetch(handler);
  const { sleep, sleeps } = recordingSleep(clock);
  const logs: LogEntry[] = [];
  const options = { fetch, clock, sleep, random: () => 0.5, onLog: (entry: LogEntry) => logs.push(entry) };
  return { options, calls, clock, sleeps, logs };
}

/** The error `promise` rejects with; fails the test if it resolves. */
export async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected the call to fail");
}
