import { describe, expect, it } from "vitest";
import {
  AbortError,
  basicAuth,
  createApiClient,
  NotFoundError,
  paginate,
  SecretRegistry,
  ServerError,
  TimeoutError,
  TokenCache,
  tokenAuth,
  tokenFromJwt,
} from "../../src/runtime/index.js";
import { BASE, FakeClock, hang, json, makeJwt, recordingFetch, recordingSleep, settle } from "./helpers.js";

interface Region {
  name: string;
}

interface PaginationMeta {
  prev_page: number | null;
  current_page: number;
  next_page: number | null;
  total_pages: number;
  total_count: number;
}

/** Shaped like openapi-typescript output. */
interface paths {
  "/v1/regions": {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: {
      parameters: { query?: { page?: number }; header?: never; path?: never; cookie?: never };
      requestBody?: never;
      responses: {
        200: { headers: { [name: string]: unknown }; content: { "application/json": { regions: Region[]; meta: { pagination: PaginationMeta } } } };
        404: { headers: { [name: string]: unknown }; content: { "application/json": { error: string } } };
      };
    };
  };
  "/v1/tokens/exchange": {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    post: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody?: never;
      responses: { 200: { headers: { [name: string]: unknown }; content: { "application/json": { token: string } } } };
    };
  };
}

const regionsPage = (page: number, total = 3) =>
  json(200, {
    regions: [{ name: `osc-fr${page}` }],
    meta: { pagination: { prev_page: page > 1 ? page - 1 : null, current_page: page, next_page: page < total ? page + 1 : null, total_pages: total, total_count: total } },
  });

describe("createApiClient (openapi-fetch + pipeline)", () => {
  it("returns typed data and sends auth", async () => {
    const { fetch, calls } = recordingFetch(() => regionsPage(1, 1));
    const client = createApiClient<paths>({ baseUrl: BASE, fetch, auth: tokenAuth({ cache: new TokenCache({ fetchToken: async () => ({ value: "jwt-abc-123" }) }) }) });
    const { data } = await client.GET("/v1/regions");
    expect(data?.regions[0]?.name).toBe("osc-fr1");
    expect(calls[0]?.headers.authorization).toBe("Bearer jwt-abc-123");
    expect(client.baseUrl).toBe(BASE);
  });

  it("non-2xx rejects with the typed error instead of returning { error }", async () => {
    const { fetch } = recordingFetch(() => json(404, { error: "region not found", resource: "region" }));
    const client = createApiClient<paths>({ baseUrl: BASE, fetch });
    const err = await client.GET("/v1/regions", { params: { query: { page: 2 } } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).message).toBe("GET /v1/regions → 404 Not Found: region not found");
    expect((err as NotFoundError).body).toEqual({ error: "region not found", resource: "region" });
  });

  it("an error body without Content-Length still yields a typed error", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('{"error":"db down"}'));
        c.close();
      },
    });
    const { fetch } = recordingFetch(() => new Response(body, { status: 500 }));
    const client = createApiClient<paths>({ baseUrl: BASE, fetch, retry: false });
    const err = await client.GET("/v1/regions").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect((err as ServerError).message).toBe("GET /v1/regions → 500 Internal Server Error: db down");
  });

  it("per-request overrides through client.fetch.with(...)", async () => {
    const clock = new FakeClock();
    const { fetch } = recordingFetch(hang);
    const client = createApiClient<paths>({ baseUrl: BASE, fetch, clock, retry: false });
    const outcome = client.GET("/v1/regions", { fetch: client.fetch.with({ timeoutMs: 25 }) }).catch((e: unknown) => e);
    await clock.advance(25);
    const err = await outcome;
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as TimeoutError).timeoutMs).toBe(25);
  });

  it("openapi-fetch's signal option aborts the request", async () => {
    const { fetch, calls } = recordingFetch(hang);
    const client = createApiClient<paths>({ baseUrl: BASE, fetch });
    const controller = new AbortController();
    const outcome = client.GET("/v1/regions", { signal: controller.signal }).catch((e: unknown) => e);
    await settle();
    controller.abort();
    expect(await outcome).toBeInstanceOf(AbortError);
    expect(calls).toHaveLength(1);
  });

  it("paginates a list endpoint over 3 pages", async () => {
    const { fetch, calls } = recordingFetch((req) => regionsPage(Number(new URL(req.url).searchParams.get("page"))));
    const client = createApiClient<paths>({ baseUrl: BASE, fetch });
    const names: string[] = [];
    const pages = paginate(async (page) => {
      const { data } = await client.GET("/v1/regions", { params: { query: { page } } });
      if (!data) throw new Error("no data");
      return { items: data.regions, next: data.meta.pagination.next_page };
    });
    for await (const region of pages) names.push(region.name);
    expect(names).toEqual(["osc-fr1", "osc-fr2", "osc-fr3"]);
    expect(calls.map((c) => new URL(c.url).search)).toEqual(["?page=1", "?page=2", "?page=3"]);
  });

  it("Scalingo-style wiring: Basic exchange (retryable) → cached JWT bearer; one exchange for 100 calls", async () => {
    const clock = new FakeClock(Date.UTC(2025, 0, 1));
    const { sleep } = recordingSleep(clock);
    const secrets = new SecretRegistry();
    const apiToken = "tk-us-0123456789abcdefghij";
    const jwt = makeJwt({ exp: Date.UTC(2025, 0, 1, 1) / 1000 });
    const auth = recordingFetch([() => json(503, {}), () => json(200, { token: jwt })]);
    const api = recordingFetch(() => regionsPage(1, 1));

    const authClient = createApiClient<paths>({ baseUrl: "https://auth.example.test", fetch: auth.fetch, auth: basicAuth("", apiToken), secrets, clock, sleep });
    const cache = new TokenCache({
      clock,
      secrets,
      fetchToken: async () => {
        const { data } = await authClient.POST("/v1/tokens/exchange", { fetch: authClient.fetch.with({ retryable: true }) });
        if (!data) throw new Error("no token");
        return tokenFromJwt(data.token);
      },
    });
    const client = createApiClient<paths>({ baseUrl: BASE, fetch: api.fetch, auth: tokenAuth({ cache }), secrets, clock, sleep });

    const results = await Promise.all(Array.from({ length: 100 }, () => client.GET("/v1/regions")));
    expect(results.every((r) => r.data?.regions.length === 1)).toBe(true);
    expect(auth.calls).toHaveLength(2); // one exchange, retried once on 503 because marked retryable
    expect(auth.calls[1]?.headers.authorization).toBe(`Basic ${btoa(`:${apiToken}`)}`);
    expect(new Set(api.calls.map((c) => c.headers.authorization))).toEqual(new Set([`Bearer ${jwt}`]));
    expect(cache.expiresAt).toBe(Date.UTC(2025, 0, 1, 1));
    expect(secrets.redact(`${apiToken} ${jwt}`)).toBe("[REDACTED] [REDACTED]");
  });
});

describe("onJsonBody", () => {
  it("sees each parsed 2xx JSON body once, with the method, URL and status; the caller gets the same value", async () => {
    const seen: Array<{ body: unknown; method: string; url: string; status: number }> = [];
    const { fetch } = recordingFetch([() => json(201, { token: { token: "tk-us-x" } }), () => json(404, { error: "nope" }), () => new Response("plain", { status: 200 })]);
    const client = createApiClient<paths>({ baseUrl: BASE, fetch, retry: false, onJsonBody: (body, info) => seen.push({ body, ...info }) });
    const created = await client.fetch(new Request(`${BASE}/v1/tokens`, { method: "post", body: "{}" }));
    const body: unknown = await created.json();
    await expect(client.GET("/v1/regions")).rejects.toBeInstanceOf(NotFoundError);
    await client.fetch(new Request(`${BASE}/v1/regions`)).then((r) => r.text());
    expect(seen).toEqual([{ body: { token: { token: "tk-us-x" } }, method: "POST", url: `${BASE}/v1/tokens`, status: 201 }]);
    expect(body).toBe(seen[0]!.body);
  });

  it("a hook that throws does not break the call", async () => {
    const { fetch } = recordingFetch(() => json(200, { regions: [], meta: { pagination: {} } }));
    const client = createApiClient<paths>({
      baseUrl: BASE,
      fetch,
      onJsonBody: () => {
        throw new Error("observer bug");
      },
    });
    const { data } = await client.GET("/v1/regions");
    expect(data?.regions).toEqual([]);
  });
});
