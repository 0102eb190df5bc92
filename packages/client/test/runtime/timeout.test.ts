import { describe, expect, it } from "vitest";
import {
  AbortError,
  ApiError,
  createFetch,
  DEFAULT_TIMEOUT_MS,
  TimeoutError,
  TokenCache,
  tokenAuth,
  type FetchPipelineOptions,
} from "../../src/runtime/index.js";
import { BASE, FakeClock, hang, json, recordingFetch, recordingSleep, settle, type Handler } from "./helpers.js";

function setup(handlers: Handler | Handler[], extra: Partial<FetchPipelineOptions> = {}) {
  const clock = new FakeClock();
  const { sleep, sleeps } = recordingSleep(clock);
  const { fetch, calls } = recordingFetch(handlers);
  const pipeline = createFetch({ fetch, clock, sleep, random: () => 0, ...extra });
  return { pipeline, calls, sleeps, clock };
}

const ok = () => json(200, { ok: true });
const settleOutcome = <T>(p: Promise<T>) => {
  const state: { done: boolean; value?: T; error?: unknown } = { done: false };
  p.then(
    (value) => Object.assign(state, { done: true, value }),
    (error: unknown) => Object.assign(state, { done: true, error }),
  );
  return state;
};

describe("timeouts", () => {
  it("a timed-out GET is retried and then succeeds", async () => {
    const { pipeline, calls, clock } = setup([hang, ok], { timeoutMs: 1000 });
    const outcome = settleOutcome(pipeline(new Request(`${BASE}/v1/regions`)));
    await clock.advance(999);
    expect(outcome.done).toBe(false);
    expect(calls).toHaveLength(1);
    await clock.advance(1);
    await settle();
    expect(calls).toHaveLength(2);
    expect(outcome.done).toBe(true);
    expect((outcome.value as Response).status).toBe(200);
    expect(clock.pendingTimers).toBe(0);
  });

  it("all attempts time out → TimeoutError with timeoutMs", async () => {
    const { pipeline, calls, clock } = setup(hang, { timeoutMs: 1000 });
    const outcome = settleOutcome(pipeline(new Request(`${BASE}/v1/regions`)));
    await clock.advance(1000);
    await clock.advance(1000);
    await clock.advance(1000);
    expect(outcome.done).toBe(true);
    expect(outcome.error).toBeInstanceOf(TimeoutError);
    const err = outcome.error as TimeoutError;
    expect(err.timeoutMs).toBe(1000);
    expect(err.name).toBe("TimeoutError");
    expect(err.message).toBe("GET /v1/regions → timed out after 1000 ms");
    expect(calls).toHaveLength(3);
  });

  it("default timeout is 30 s", async () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(30_000);
    const { pipeline, clock } = setup(hang, { retry: false });
    const outcome = settleOutcome(pipeline(new Request(`${BASE}/v1/regions`)));
    await clock.advance(29_999);
    expect(outcome.done).toBe(false);
    await clock.advance(1);
    expect(outcome.error).toBeInstanceOf(TimeoutError);
  });

  it("per-request override with .with({ timeoutMs })", async () => {
    const { pipeline, clock } = setup(hang, { retry: false, timeoutMs: 10_000 });
    const outcome = settleOutcome(pipeline.with({ timeoutMs: 50 })(new Request(`${BASE}/v1/regions`)));
    await clock.advance(50);
    expect((outcome.error as TimeoutError).timeoutMs).toBe(50);
  });

  it("timeoutMs: 0 disables the timeout", async () => {
    const { pipeline, clock } = setup(hang, { timeoutMs: 0 });
    const controller = new AbortController();
    const outcome = settleOutcome(pipeline(new Request(`${BASE}/v1/regions`, { signal: controller.signal })));
    await clock.advance(3_600_000);
    expect(outcome.done).toBe(false);
    controller.abort();
    await settle();
    expect(outcome.error).toBeInstanceOf(AbortError);
  });

  it("a fetch that ignores the signal still times out", async () => {
    const { pipeline, clock } = setup(() => new Promise<Response>(() => {}), { timeoutMs: 100, retry: false });
    const outcome = settleOutcome(pipeline(new Request(`${BASE}/v1/regions`)));
    await clock.advance(100);
    expect(outcome.error).toBeInstanceOf(TimeoutError);
  });

  it("a JSON body that stalls mid-stream times out and the GET is retried", async () => {
    const stalled = () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(new TextEncoder().encode('{"a":'));
          },
        }),
        { status: 200, headers: { "content-type": "application/json" } },
      );
    const { pipeline, calls, clock } = setup([stalled, ok], { timeoutMs: 500 });
    const outcome = settleOutcome(pipeline(new Request(`${BASE}/v1/regions`)));
    await clock.advance(500);
    await settle();
    expect(calls).toHaveLength(2);
    expect(await (outcome.value as Response).json()).toEqual({ ok: true });
  });
});

describe("caller abort", () => {
  it("aborts an in-flight GET immediately and never retries", async () => {
    const { pipeline, calls, sleeps, clock } = setup([hang, ok]);
    const controller = new AbortController();
    const outcome = settleOutcome(pipeline(new Request(`${BASE}/v1/regions`, { signal: controller.signal })));
    await settle();
    expect(calls).toHaveLength(1);
    controller.abort(new Error("user pressed ^C"));
    await settle();
    expect(outcome.error).toBeInstanceOf(AbortError);
    expect(outcome.error).not.toBeInstanceOf(TimeoutError);
    expect((outcome.error as AbortError).name).toBe("AbortError");
    expect((outcome.error as AbortError).message).toBe("GET /v1/regions → aborted by the caller");
    expect((outcome.error as AbortError).cause).toBeUndefined();
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(clock.pendingTimers).toBe(0);
  });

  it("an already-aborted signal never reaches fetch", async () => {
    const { pipeline, calls } = setup(ok);
    const err = await pipeline(new Request(`${BASE}/v1/regions`, { signal: AbortSignal.abort() })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect(err).toBeInstanceOf(ApiError);
    expect(calls).toHaveLength(0);
  });

  it("aborts while waiting for a token refresh", async () => {
    const cache = new TokenCache({ fetchToken: () => new Promise(() => {}) });
    const { pipeline, calls } = setup(ok, { auth: tokenAuth({ cache }) });
    const controller = new AbortController();
    const outcome = settleOutcome(pipeline(new Request(`${BASE}/v1/regions`, { signal: controller.signal })));
    await settle();
    controller.abort();
    await settle();
    expect(outcome.error).toBeInstanceOf(AbortError);
    expect(calls).toHaveLength(0);
  });

  it("the signal reaching fetch follows the caller's signal", async () => {
    const { pipeline, calls } = setup(hang);
    const controller = new AbortController();
    const outcome = settleOutcome(pipeline(new Request(`${BASE}/v1/regions`, { signal: controller.signal })));
    await settle();
    expect(calls[0]?.signal.aborted).toBe(false);
    controller.abort();
    await settle();
    expect(calls[0]?.signal.aborted).toBe(true);
    expect(outcome.error).toBeInstanceOf(AbortError);
  });
});
