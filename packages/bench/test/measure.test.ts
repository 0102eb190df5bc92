/** Protects the measuring loops: a run under a deadline that has already passed still measures one call per worker (the loopback section used to crash with "no finite sample" on a loaded machine). */
import { describe, expect, it } from "vitest";
import { deadline, runConcurrent, timeSequential } from "../src/measure.js";

describe("runConcurrent", () => {
  it("sends `total` calls, `concurrency` at a time, when the deadline is far", async () => {
    let inFlight = 0;
    let most = 0;
    const run = await runConcurrent(
      async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 1));
        inFlight--;
      },
      { total: 40, concurrency: 4, until: deadline(60_000) },
    );
    expect(run.calls).toBe(40);
    expect(run.latenciesMs).toHaveLength(40);
    expect(most).toBe(4);
  });

  it("with a deadline already passed, each worker still sends one call, and no more", async () => {
    const run = await runConcurrent(async () => {}, { total: 100, concurrency: 16, until: deadline(0) });
    expect(run.calls).toBe(16);
    expect(run.latenciesMs.every((ms) => Number.isFinite(ms))).toBe(true);
  });

  it("never sends more than `total`, even with more workers asked for", async () => {
    const run = await runConcurrent(async () => {}, { total: 3, concurrency: 16, until: deadline(0) });
    expect(run.calls).toBe(3);
  });
});

describe("timeSequential", () => {
  it("with a deadline already passed, still times a first batch of calls", async () => {
    const timed = await timeSequential(async () => {}, 1000, deadline(0));
    expect(timed.calls).toBeGreaterThan(0);
    expect(timed.calls).toBeLessThan(1000);
  });
});
