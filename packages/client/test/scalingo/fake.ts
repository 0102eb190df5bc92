/**
 * A fake Scalingo auth API for unit tests: an injected fetch that routes by
 * `METHOD /path`, records every request, and answers with overridable
 * handlers. No global mocks: the client gets it through `fetch`.
 */
import { Buffer } from "node:buffer";
import type { LogEntry } from "../../src/runtime/index.js";
import { createScalingoClient, type ScalingoClientOptions, type ScalingoRegion } from "../../src/scalingo.js";
import { FakeClock, json, makeJwt, recordingSleep, settle, type RecordedCall } from "../runtime/helpers.js";

export { FakeClock, json, makeJwt, settle };
export const AUTH_URL = "https://auth.example.test";
export const API_TOKEN = "tk-us-CANARYapiTOKEN0123456789abcdefghijklmnopqrstuv";
export const MIN = 60_000;
export const HOUR = 60 * MIN;

export const REGIONS: ScalingoRegion[] = [
  {
    name: "osc-fr1",
    display_name: "Paris - Outscale",
    api: "https://api.osc-fr1.scalingo.com",
    dashboard: "https://my.osc-fr1.scalingo.com",
    database_api: "https://db-api.osc-fr1.scalingo.com",
    ssh: "ssh.osc-fr1.scalingo.com:22",
    default: true,
  },
  {
    name: "osc-secnum-fr1",
    display_name: "Paris - SecNumCloud - Outscale",
    api: "https://api.osc-secnum-fr1.scalingo.com",
    dashboard: "https://my.osc-secnum-fr1.scalingo.com",
    database_api: "https://db-api.osc-secnum-fr1.scalingo.com",
    ssh: "ssh.osc-secnum-fr1.scalingo.com:22",
    default: false,
  },
];

export const TOKEN = {
  id: "e061a292-bab4-47fa-bb08-d7f7895ae5b6",
  name: "Test Token",
  created_at: "2018-03-28T19:56:09.433Z",
  last_used_at: null,
};

export type Route = (request: Request, call: number) => Response | Promise<Response>;

export const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

/** Fake server + a client wired to it (fake clock, instant recorded sleeps, log capture). */
export function fakeScalingo(options: { clock?: FakeClock; lifetimeMs?: number } = {}) {
  const clock = options.clock ?? new FakeClock();
  const lifetimeMs = options.lifetimeMs ?? HOUR;
  const calls: RecordedCall[] = [];
  const counts = new Map<string, number>();
  const bearers: string[] = [];
  /** Issues a fresh bearer expiring `lifetimeMs` from the fake now. */
  const issue = (): string => {
    const jwt = makeJwt({ iss: "Scalingo", uid: "us-CANARY", n: bearers.length + 1, iat: Math.floor(clock.now() / 1000), exp: Math.floor((clock.now() + lifetimeMs) / 1000) });
    bearers.push(jwt);
    return jwt;
  };
  const routes = new Map<string, Route>([
    ["POST /v1/tokens/exchange", async () => {
      await settle();
      return json(200, { token: issue() });
    }],
    ["GET /v1/regions", () => json(200, { regions: REGIONS })],
    ["GET /v1/users/self", () => json(200, { user: { id: "us-1", username: "john", email: "john@doe.com", created_at: TOKEN.created_at } })],
    ["GET /v1/tokens", () => json(200, { tokens: [TOKEN], meta: { pagination: { prev_page: null, current_page: 1, next_page: null, total_pages: 1, total_count: 1 } } })],
    ["POST /v1/tokens", () => json(201, { token: { ...TOKEN, token: "tk-us-NEWtokenSECRETabcdefghijklmnop0123456789" } })],
    ["POST /v1/keys", () => json(201, { key: { id: "k1", name: "laptop", content: "ssh-ed25519 AAAA", fingerprint: "SHA256:x", created_at: TOKEN.created_at, owner: { id: "us-1", email: "john@doe.com", username: "john" } } })],
  ]);

  const fetch = async (request: Request): Promise<Response> => {
    const headers: Record<string, string> = {};
    request.headers.forEach((v, k) => {
      headers[k] = v;
    });
    calls.push({ method: request.method, url: request.url, headers, body: request.body === null ? "" : await request.clone().text(), signal: request.signal });
    const key = `${request.method} ${new URL(request.url).pathname}`;
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    const route = routes.get(key);
    if (!route) return json(404, { error: "not found" });
    return route(request, n);
  };

  const { sleep, sleeps } = recordingSleep(clock);
  const logs: LogEntry[] = [];

  return {
    clock,
    calls,
    bearers,
    sleeps,
    logs,
    fetch,
    issue,
    /** Replaces the handler of `METHOD /path`. */
    on(key: string, route: Route) {
      routes.set(key, route);
    },
    count: (key: string): number => counts.get(key) ?? 0,
    callsTo: (key: string): RecordedCall[] => calls.filter((c) => `${c.method} ${new URL(c.url).pathname}` === key),
    /** The pipeline options every test client uses. */
    pipeline: { fetch, clock, sleep, random: () => 0.5, onLog: (e: LogEntry) => logs.push(e), env: false as const },
    client(extra: ScalingoClientOptions = {}) {
      return createScalingoClient({ authUrl: AUTH_URL, apiToken: API_TOKEN, fetch, clock, sleep, random: () => 0.5, onLog: (e) => logs.push(e), env: false, ...extra });
    },
  };
}
