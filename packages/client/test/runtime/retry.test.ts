import { describe, expect, it } from "vitest";
import {
  AbortError,
  backoffDelay,
  ConnectionError,
  createFetch,
  DEFAULT_RETRY,
  RateLimitError,
  ServerError,
  TimeoutError,
  type FetchPipelineOptions,
  type LogEntry,
} from "../../src/runtime/index.js";
import { BASE, FakeClock, hang, json, networkError, recordingFetch, recordingSleep, settle, type Handler } from "./helpers.js";

function setup(handlers: Handler | Handler[], extra: Partial<FetchPipelineOptions> = {}) {
  const clock = new FakeClock(Date.UTC(2025, 0, 1, 12, 0, 0));
  const { sleep, sleeps } = recordingSleep(clock);
  const { fetch, calls } = recordingFetch(handlers);
  const logs: LogEntry[] = [];
  const pipeline = createFetch({ fetch, clock, sleep, random: () => 0.5, onLog: (e) => logs.push(e), ...extra });
  return { pipeline, calls, sleeps, logs, clock };
}

const ok = () => json(200, { ok: true });
const get = (path = "/v1/regions") => new Request(`${BASE}${path}`);
const post = (path = "/v1/apps") => new Request(`${BASE}${path}`, { method: "POST", body: JSON.stringify({ name: "a" }), headers: { "content-type": "application/json" } });
const fail = (p: Promise<unknown>) => p.then(() => expect.unreachable("should have thrown"), (e: unknown) => e);

describe("idempotent requests are retried", () => {
  it("GET: 503 then 200 → success after one backoff", async () => {
    const { pipeline, calls, sleeps, logs } = setup([() => json(503, { error: "maintenance" }), ok]);
    const res = await pipeline(get());
    expect(await res.json()).toEqual({ ok: true });
    expect(calls).toHaveLength(2);
    expect(sleeps).toEqual([250]); // 0.5 * min(8000, 500 * 2^0)
    const warn = logs.find((l) => l.level === "warn");
    expect(warn?.message).toBe("GET /v1/regions → 503 Service Unavailable: maintenance; retrying in 250 ms (retry 1/2)");
    expect(warn?.delayMs).toBe(250);
  });

  it("GET: 429 with Retry-After seconds → waits exactly that long", async () => {
    const { pipeline, calls, sleeps } = setup([() => json(429, { error: "slow down" }, { "retry-after": "3" }), ok]);
    await pipeline(get());
    expect(calls).toHaveLength(2);
    expect(sleeps).toEqual([3000]);
  });

  it("GET: 503 with Retry-After HTTP-date → waits until that date", async () => {
    const clockStart = Date.UTC(2025, 0, 1, 12, 0, 0);
    const date = new Date(clockStart + 7000).toUTCString();
    const { pipeline, sleeps } = setup([() => json(503, {}, { "retry-after": date }), ok]);
    await pipeline(get());
    expect(sleeps).toEqual([7000]);
  });

  it("Retry-After is capped by maxRetryAfterMs", async () => {
    const { pipeline, sleeps } = setup([() => json(429, {}, { "retry-after": "3600" }), ok], { retry: { maxRetryAfterMs: 4000 } });
    await pipeline(get());
    expect(sleeps).toEqual([4000]);
    const defaults = setup([() => json(429, {}, { "retry-after": "3600" }), ok]);
    await defaults.pipeline(get());
    expect(defaults.sleeps).toEqual([30_000]); // the documented default cap (README "Defaults")
  });

  it("GET: network error (reset) then 200", async () => {
    const { pipeline, calls, sleeps } = setup([
      () => {
        throw networkError("ECONNRESET", "read ECONNRESET");
      },
      ok,
    ]);
    const res = await pipeline(get());
    expect(res.status).toBe(200);
    expect(calls).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
  });

  it.each(["PUT", "DELETE", "HEAD", "OPTIONS"])("%s is retried on 500", async (method) => {
    const { pipeline, calls } = setup([() => json(500, {}), () => new Response(null, { status: 204 })]);
    const res = await pipeline(new Request(`${BASE}/v1/x`, { method, ...(method === "PUT" ? { body: "{}" } : {}) }));
    expect(res.status).toBe(204);
    expect(calls).toHaveLength(2);
  });

  it.each([408, 429, 500, 502, 503, 504])("GET retries status %i", async (status) => {
    const { pipeline, calls } = setup([() => json(status, {}), ok]);
    await pipeline(get());
    expect(calls).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 409, 422, 501])("GET does not retry status %i", async (status) => {
    const { pipeline, calls, sleeps } = setup(() => json(status, { error: "no" }));
    await fail(pipeline(get()));
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("gives up after maxRetries with the last typed error; backoff grows and is bounded", async () => {
    const { pipeline, calls, sleeps } = setup(() => json(503, { error: "down" }), {
      random: () => 1,
      retry: { maxRetries: 6, baseDelayMs: 500, maxDelayMs: 3000 },
    });
    const err = await fail(pipeline(get()));
    expect(err).toBeInstanceOf(ServerError);
    expect((err as ServerError).status).toBe(503);
    expect(calls).toHaveLength(7);
    expect(sleeps).toEqual([500, 1000, 2000, 3000, 3000, 3000]);
  });

  it("defaults: 2 retries (3 attempts)", async () => {
    const { pipeline, calls, sleeps } = setup(() => json(502, {}));
    expect(await fail(pipeline(get()))).toBeInstanceOf(ServerError);
    expect(calls).toHaveLength(3);
    expect(sleeps).toEqual([250, 500]);
  });

  it("a PUT body is replayed byte-for-byte", async () => {
    const { pipeline, calls } = setup([() => json(503, {}), ok]);
    await pipeline(new Request(`${BASE}/v1/x`, { method: "PUT", body: JSON.stringify({ name: "é☃" }) }));
    expect(calls.map((c) => c.body)).toEqual(['{"name":"é☃"}', '{"name":"é☃"}']);
  });

  it("retry: false disables retries", async () => {
    const { pipeline, calls } = setup(() => json(503, {}), { retry: false });
    await fail(pipeline(get()));
    expect(calls).toHaveLength(1);
  });

  it("TLS certificate failures are not retried", async () => {
    const { pipeline, calls } = setup(() => {
      throw networkError("CERT_HAS_EXPIRED", "certificate has expired");
    });
    const err = await fail(pipeline(get()));
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).code).toBe("CERT_HAS_EXPIRED");
    expect(calls).toHaveLength(1);
  });

  it("a final 429 surfaces as RateLimitError with retryAfterMs", async () => {
    const { pipeline, calls } = setup(() => json(429, { error: "quota" }, { "retry-after": "2" }));
    const err = await fail(pipeline(get()));
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).retryAfterMs).toBe(2000);
    expect(calls).toHaveLength(3);
  });
});

describe("non-idempotent requests are not replayed once they may have reached the server", () => {
  it("POST is not retried on 503", async () => {
    const { pipeline, calls, sleeps } = setup([() => json(503, { error: "busy" }), ok]);
    const err = await fail(pipeline(post()));
    expect(err).toBeInstanceOf(ServerError);
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("POST is not retried on 429", async () => {
    const { pipeline, calls } = setup([() => json(429, {}, { "retry-after": "1" }), ok]);
    expect(await fail(pipeline(post()))).toBeInstanceOf(RateLimitError);
    expect(calls).toHaveLength(1);
  });

  it.each([
    ["ECONNRESET", "read ECONNRESET"],
    ["UND_ERR_SOCKET", "other side closed"],
    ["EPIPE", "write EPIPE"],
  ])("POST is not retried on %s (may have been sent)", async (code, message) => {
    const { pipeline, calls } = setup([
      () => {
        throw networkError(code, message);
      },
      ok,
    ]);
    const err = await fail(pipeline(post()));
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).neverSent).toBe(false);
    expect((err as ConnectionError).code).toBe(code);
    expect(calls).toHaveLength(1);
  });

  it("POST is not retried on an uncoded network failure (browser 'Failed to fetch')", async () => {
    const { pipeline, calls } = setup([
      () => {
        throw new TypeError("Failed to fetch");
      },
      ok,
    ]);
    const err = await fail(pipeline(post()));
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).message).toBe("POST /v1/apps → connection failed: Failed to fetch");
    expect(calls).toHaveLength(1);
  });

  it("POST is not retried on a timeout", async () => {
    const { pipeline, calls, clock } = setup([hang, ok], { timeoutMs: 1000 });
    const pending = fail(pipeline(post()));
    await clock.advance(1000);
    expect(await pending).toBeInstanceOf(TimeoutError);
    expect(calls).toHaveLength(1);
  });

  it("PATCH is not retried on 502", async () => {
    const { pipeline, calls } = setup([() => json(502, {}), ok]);
    await fail(pipeline(new Request(`${BASE}/v1/apps/a`, { method: "PATCH", body: "{}" })));
    expect(calls).toHaveLength(1);
  });

  it("POST IS retried on ECONNREFUSED (provably never sent), with the same body", async () => {
    const { pipeline, calls } = setup([
      () => {
        throw networkError("ECONNREFUSED");
      },
      ok,
    ]);
    const res = await pipeline(post());
    expect(res.status).toBe(200);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.body).toBe('{"name":"a"}');
  });

  it("POST IS retried on a DNS failure nested in an AggregateError", async () => {
    const { pipeline, calls } = setup([
      () => {
        throw new TypeError("fetch failed", { cause: new AggregateError([Object.assign(new Error("getaddrinfo EAI_AGAIN"), { code: "EAI_AGAIN" })]) });
      },
      ok,
    ]);
    await pipeline(post());
    expect(calls).toHaveLength(2);
  });

  it("a POST marked retryable (.with({ retryable: true })) is retried on 503", async () => {
    const { pipeline, calls } = setup([() => json(503, {}), ok]);
    const res = await pipeline.with({ retryable: true })(post("/v1/tokens/exchange"));
    expect(res.status).toBe(200);
    expect(calls).toHaveLength(2);
  });

  it("a client with retryNonIdempotent retries POST on 503", async () => {
    const { pipeline, calls } = setup([() => json(503, {}), ok], { retry: { retryNonIdempotent: true } });
    await pipeline(post());
    expect(calls).toHaveLength(2);
  });
});

describe("backoffDelay", () => {
  it("full jitter within [0, min(max, base * 2^n)]", () => {
    const ceilings = [500, 1000, 2000, 4000, 8000, 8000, 8000];
    ceilings.forEach((ceiling, n) => {
      expect(backoffDelay(n, DEFAULT_RETRY, () => 0)).toBe(0);
      expect(backoffDelay(n, DEFAULT_RETRY, () => 1)).toBe(ceiling);
      expect(backoffDelay(n, DEFAULT_RETRY, () => 0.25)).toBe(Math.floor(ceiling / 4));
    });
    expect(backoffDelay(50, DEFAULT_RETRY, () => 1)).toBe(8000);
  });
});

describe("abort during backoff", () => {
  it("the caller's abort interrupts the sleep and is not retried", async () => {
    const clock = new FakeClock();
    const { fetch, calls } = recordingFetch(() => json(503, {}));
    const pipeline = createFetch({ fetch, clock, random: () => 1 }); // real (clock-based) sleep
    const controller = new AbortController();
    const pending = fail(pipeline(new Request(`${BASE}/v1/regions`, { signal: controller.signal })));
    await settle();
    await settle();
    expect(calls).toHaveLength(1);
    expect(clock.pendingTimers).toBe(1); // the backoff timer
    controller.abort();
    const err = await pending;
    expect(err).toBeInstanceOf(AbortError);
    expect(calls).toHaveLength(1);
    await clock.advance(60_000);
    expect(calls).toHaveLength(1);
    expect((err as AbortError).message).toBe("GET /v1/regions → aborted by the caller");
  });
});
