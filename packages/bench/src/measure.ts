/**
 * Timing loops. Every loop is bounded twice: by a count and by a deadline, so a slow or stuck
 * target ends the loop instead of the benchmark.
 */
import { performance } from "node:perf_hooks";

const started = performance.now();

/** Progress goes to stderr (the table alone goes to stdout). */
export function progress(message: string): void {
  const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench ${seconds}s] ${message}\n`);
}

export interface Deadline {
  /** performance.now() value after which loops stop. */
  readonly at: number;
  passed(): boolean;
  /** A deadline that ends `ms` from now, or at this one, whichever comes first. */
  within(ms: number): Deadline;
}

export function deadline(ms: number, cap: number = Number.POSITIVE_INFINITY): Deadline {
  const at = Math.min(performance.now() + ms, cap);
  return {
    at,
    passed: () => performance.now() >= at,
    within: (more) => deadline(more, at),
  };
}

export interface Timed {
  /** Calls completed. */
  readonly calls: number;
  readonly elapsedMs: number;
}

/** Awaits `fn` up to `count` times in sequence (fewer if the deadline passes first). */
export async function timeSequential(fn: () => Promise<unknown>, count: number, until: Deadline): Promise<Timed> {
  let calls = 0;
  const t0 = performance.now();
  // the deadline is checked every 16 calls: reading the clock on every call would be measured too
  while (calls < count) {
    await fn();
    calls += 1;
    if ((calls & 15) === 0 && until.passed()) break;
  }
  return { calls, elapsedMs: performance.now() - t0 };
}

/**
 * Warms `fn` up for about `warmupMs` and returns the number of calls that takes about
 * `targetMs`, clamped to [min, max].
 */
export async function calibrate(
  fn: () => Promise<unknown>,
  options: { warmupMs: number; targetMs: number; min: number; max: number; until: Deadline },
): Promise<number> {
  const warm = await timeSequential(fn, options.max, options.until.within(options.warmupMs));
  const perCall = warm.elapsedMs / Math.max(1, warm.calls);
  const count = Math.round(options.targetMs / Math.max(perCall, 1e-6));
  return Math.max(options.min, Math.min(options.max, count));
}

export interface ConcurrentRun extends Timed {
  /** Latency of each completed call, in ms (in completion order). */
  readonly latenciesMs: Float64Array;
  readonly errors: number;
  readonly firstError?: unknown;
}

/**
 * Sends `total` calls with `concurrency` in flight (each worker awaits its call before taking
 * the next), recording each call's latency. Stops taking new calls once the deadline passes,
 * but not before every worker has sent one: on a loaded machine the section's deadline may
 * pass before a run starts, and a run without a single latency has nothing to report.
 */
export async function runConcurrent(
  fn: () => Promise<unknown>,
  options: { total: number; concurrency: number; until: Deadline },
): Promise<ConcurrentRun> {
  const latencies = new Float64Array(options.total);
  let issued = 0;
  let completed = 0;
  let errors = 0;
  let firstError: unknown;
  const workers = Math.min(options.concurrency, options.total);
  const worker = async (): Promise<void> => {
    while (issued < options.total && (issued < workers || !options.until.passed())) {
      issued += 1;
      const t = performance.now();
      try {
        await fn();
        latencies[completed++] = performance.now() - t;
      } catch (error) {
        errors += 1;
        firstError ??= error;
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: workers }, worker));
  return { calls: completed, elapsedMs: performance.now() - t0, latenciesMs: latencies.subarray(0, completed), errors, firstError };
}

/**
 * The order in which candidates run in round `round`: rotated each round, so that no candidate
 * always runs first (right after a GC-heavy neighbour, or on a cold CPU).
 */
export function rotation(count: number, round: number): number[] {
  return Array.from({ length: count }, (_, i) => (i + round) % count);
}

/** Awaits a promise, or rejects after `ms` with `what` in the message. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} took more than ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
