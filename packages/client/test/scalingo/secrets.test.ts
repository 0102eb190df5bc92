/**
 * Canary secrets (API token, bearer JWT, login password, a new API token) are
 * echoed back by a hostile or buggy server in every place it can put them;
 * none may appear in any error (message, String, JSON, inspect, stack, cause
 * chain), in any log line, nor in the client's own printable forms.
 */
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { ApiError, createApiToken, createScalingoClient, type LogEntry } from "../../src/scalingo.js";
import { hang, networkError, text } from "../runtime/helpers.js";
import { API_TOKEN, AUTH_URL, fakeScalingo, json, makeJwt, TOKEN } from "./fake.js";

const PASSWORD = "CANARY-pass-word-0042!";
const LOGIN = "john@doe.com";
const NEW_TOKEN = "tk-us-CANARYnewTOKEN9876543210zyxwvutsrqponm";
const BEARER = makeJwt({ uid: "us-CANARYbearer", exp: 4102444800 });
const b64 = (s: string) => btoa(s);
const CANARIES = [API_TOKEN, BEARER, BEARER.split(".")[1]!, PASSWORD, NEW_TOKEN, b64(`:${API_TOKEN}`), b64(`${LOGIN}:${PASSWORD}`), "CANARY"];

function renderings(err: unknown): string[] {
  const out: string[] = [];
  let current: unknown = err;
  for (let depth = 0; depth < 6 && current !== undefined && current !== null; depth++) {
    const e = current as Error;
    out.push(String(e), String(e.message), String(e.stack), JSON.stringify(e) ?? "", inspect(e, { depth: 10, showHidden: true }));
    current = e.cause;
  }
  return out;
}

function expectClean(label: string, texts: string[]): void {
  for (const t of texts) for (const canary of CANARIES) expect(t.includes(canary), `${label}: ${canary.slice(0, 12)}… leaked in ${t.slice(0, 200)}`).toBe(false);
}

/**
 * What a hostile server can echo: everything the request carried (the
 * Authorization header, its value, the decoded Basic `user:password` and
 * password), plus a secret this client got earlier (`extra`).
 */
const echo = (request: Request, ...extra: string[]) => {
  const auth = request.headers.get("authorization") ?? "";
  const [scheme, value = ""] = auth.split(" ");
  const parts = [auth, value, ...extra];
  if (scheme === "Basic") {
    const decoded = atob(value);
    parts.push(decoded, decoded.slice(decoded.indexOf(":") + 1), encodeURIComponent(decoded.slice(decoded.indexOf(":") + 1)));
  }
  return parts.join(" | ");
};

interface Scenario {
  name: string;
  run: (s: ReturnType<typeof fakeScalingo>, logs: LogEntry[]) => Promise<unknown>;
}

const scenarios: Scenario[] = [
  {
    name: "exchange 401 echoing the API token",
    run: async (s) => {
      s.on("POST /v1/tokens/exchange", (r) => json(401, { error: `invalid token ${echo(r)}`, token: API_TOKEN }));
      return s.client().GET("/v1/users/self");
    },
  },
  {
    name: "exchange 500 (retried) echoing it in plain text",
    run: async (s) => {
      s.on("POST /v1/tokens/exchange", (r) => text(500, `boom ${echo(r)}`));
      return s.client().GET("/v1/users/self");
    },
  },
  {
    name: "bearer call 401 twice echoing the bearer",
    run: async (s) => {
      s.on("POST /v1/tokens/exchange", () => json(200, { token: BEARER }));
      s.on("GET /v1/users/self", (r) => json(401, { error: `bad bearer ${echo(r)}`, authorization: r.headers.get("authorization"), jwt: BEARER }));
      return s.client().GET("/v1/users/self");
    },
  },
  {
    name: "fixed bearer 403 echoing it",
    run: async (s) => {
      s.on("GET /v1/keys", (r) => json(403, { error: `forbidden ${echo(r)}` }));
      return s.client({ apiToken: undefined, bearer: BEARER }).GET("/v1/keys");
    },
  },
  {
    name: "login 401 OTP Required echoing the password",
    run: async (s) => {
      s.on("POST /v1/tokens", (r) => json(401, { error: "OTP Required", detail: echo(r, PASSWORD), password: PASSWORD }));
      return createApiToken({ authUrl: AUTH_URL, ...s.pipeline, login: LOGIN, password: PASSWORD, name: "x" });
    },
  },
  {
    name: "login 422 echoing the password in field errors",
    run: async (s) => {
      s.on("POST /v1/tokens", (r) => json(422, { errors: { name: [`is invalid (${echo(r)})`] } }));
      return createApiToken({ authUrl: AUTH_URL, ...s.pipeline, login: LOGIN, password: PASSWORD, name: "x" });
    },
  },
  {
    name: "network error whose message carries the credentials",
    run: async (s) => {
      s.on("POST /v1/tokens", (r) => {
        throw networkError("ECONNRESET", `socket hang up while sending ${echo(r)}`);
      });
      return createApiToken({ authUrl: AUTH_URL, ...s.pipeline, login: LOGIN, password: PASSWORD, name: "x" });
    },
  },
  {
    name: "network error on the exchange",
    run: async (s) => {
      s.on("POST /v1/tokens/exchange", (r) => {
        throw networkError("ECONNREFUSED", `connect refused ${echo(r)}`);
      });
      return s.client().GET("/v1/regions");
    },
  },
  {
    name: "timeout of a bearer call",
    run: async (s) => {
      s.on("POST /v1/tokens/exchange", () => json(200, { token: BEARER }));
      s.on("GET /v1/users/self", (r) => hang(r));
      const pending = s.client({ timeoutMs: 500, retry: { maxRetries: 0 } }).GET("/v1/users/self").catch((e: unknown) => e);
      await s.clock.advance(500);
      throw await pending;
    },
  },
  {
    name: "a token created then echoed by a later failure (create → 500 on list)",
    run: async (s) => {
      s.on("POST /v1/tokens", () => json(201, { token: { ...TOKEN, token: NEW_TOKEN } }));
      s.on("GET /v1/tokens", (r) => json(500, { error: `oops ${echo(r, NEW_TOKEN, PASSWORD)}` }));
      const client = s.client();
      await client.createApiToken({ login: LOGIN, password: PASSWORD, name: "x" });
      return client.GET("/v1/tokens");
    },
  },
  {
    // glued to other text, the new token escapes the `tk-…` pattern: only its registration, from
    // the renew's body on the raw PATCH, can scrub it
    name: "a token renewed through the raw client, then echoed glued to other text",
    run: async (s) => {
      s.on("PATCH /v1/tokens/tok-1/renew", () => json(200, { token: { ...TOKEN, token: NEW_TOKEN } }));
      s.on("GET /v1/tokens", () => json(500, { error: `oops ref${NEW_TOKEN}` }));
      const client = s.client();
      await client.PATCH("/v1/tokens/{id}/renew", { params: { path: { id: "tok-1" } } });
      return client.GET("/v1/tokens");
    },
  },
  {
    name: "a 2xx that is not JSON, carrying the credentials",
    run: async (s) => {
      s.on("GET /v1/users/self", (r) => text(200, `<html>${echo(r)}</html>`));
      return s.client().GET("/v1/users/self");
    },
  },
  {
    name: "a 2xx claiming JSON that does not parse",
    run: async (s) => {
      s.on("GET /v1/users/self", (r) => new Response(`{"user": ${echo(r)}`, { status: 200, headers: { "content-type": "application/json" } }));
      return s.client().GET("/v1/users/self");
    },
  },
  {
    name: "an unknown region",
    run: async (s) => s.client({ region: "nowhere" }).getRegion(),
  },
];

describe("Scalingo secrets never leak", () => {
  it.each(scenarios)("$name", async ({ run }) => {
    const s = fakeScalingo();
    const logs = s.logs;
    let err: unknown;
    try {
      await run(s, logs);
    } catch (e) {
      err = e;
    }
    expect(err, "the scenario fails").toBeInstanceOf(Error);
    expectClean("error", renderings(err));
    expectClean("logs", logs.map((l) => JSON.stringify(l)));
    if (err instanceof ApiError) expect(err.path.startsWith("/v1/")).toBe(true);
  });

  it("the client itself prints no credential", async () => {
    const s = fakeScalingo();
    const client = s.client({ bearer: BEARER });
    await client.GET("/v1/users/self");
    const texts = [String(client), JSON.stringify(client), inspect(client, { depth: 5, showHidden: false }), inspect(client.fetch.secrets)];
    expectClean("client", texts);
    expect(String(client)).toBe(`ScalingoClient(${AUTH_URL})`);
    expect(JSON.parse(JSON.stringify(client))).toEqual({ authUrl: AUTH_URL, credentials: "apiToken" });
  });

  it("logs of a successful flow carry no credential", async () => {
    const s = fakeScalingo();
    s.on("POST /v1/tokens/exchange", () => json(200, { token: BEARER }));
    const client = createScalingoClient({ authUrl: AUTH_URL, apiToken: API_TOKEN, ...s.pipeline });
    await client.GET("/v1/users/self");
    await client.createApiToken({ login: LOGIN, password: PASSWORD, name: "x" });
    expect(s.logs.length).toBeGreaterThan(0);
    expectClean("logs", s.logs.map((l) => JSON.stringify(l)));
  });
});
