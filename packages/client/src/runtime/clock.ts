/**
 * Time source used by the runtime. Injected in tests; defaults to the real
 * timers. Every member is looked up lazily on `globalThis`, so test helpers
 * that patch the global timers (e.g. vitest fake timers) also work.
 */
export interface Clock {
  /** Current time in epoch milliseconds. */
  now(): number;
  /** Schedules `fn` after `ms` milliseconds; returns a handle for `clearTimeout`. */
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Sleeps for `ms` milliseconds; rejects with the signal's reason when it aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/** Builds an abortable `sleep` on top of a clock. */
export function sleeper(clock: Clock = systemClock): Sleep {
  return (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = (): void => {
        clock.clearTimeout(handle);
        reject(signal?.reason);
      };
      const handle = clock.setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, Math.max(0, ms));
      signal?.addEventListener("abort", onAbort, { once: true });
    });
}
