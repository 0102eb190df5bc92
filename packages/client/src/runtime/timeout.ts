/**
 * Per-attempt cancellation: one AbortController per attempt, aborted either by
 * the caller's signal (user abort, never retried) or by the attempt timeout
 * (a retryable failure). Flags tell the two apart regardless of what reason
 * the fetch implementation rejects with.
 */
import type { Clock } from "./clock.js";

export const DEFAULT_TIMEOUT_MS = 30_000;

export interface AttemptSignal {
  /** Signal to pass to fetch for this attempt. */
  readonly signal: AbortSignal;
  /** True once the timeout fired. */
  readonly timedOut: boolean;
  /** True once the caller's signal fired. */
  readonly userAborted: boolean;
  /** Stops the timer (the caller's signal stays linked). */
  clearTimer(): void;
  /** Stops the timer and unlinks the caller's signal. */
  dispose(): void;
}

/**
 * Links the caller's signal and a timeout into a fresh signal.
 * `timeoutMs` of 0, undefined or Infinity disables the timeout.
 */
export function attemptSignal(userSignal: AbortSignal | null | undefined, timeoutMs: number | undefined, clock: Clock): AttemptSignal {
  const controller = new AbortController();
  let timedOut = false;
  let userAborted = false;
  let timer: unknown;

  const onUserAbort = (): void => {
    if (controller.signal.aborted) return;
    userAborted = true;
    controller.abort(userSignal?.reason);
  };

  if (userSignal?.aborted) {
    onUserAbort();
  } else {
    userSignal?.addEventListener("abort", onUserAbort, { once: true });
    if (timeoutMs !== undefined && timeoutMs > 0 && Number.isFinite(timeoutMs)) {
      timer = clock.setTimeout(() => {
        timer = undefined;
        if (controller.signal.aborted) return;
        timedOut = true;
        controller.abort(new DOMException(`Request timed out after ${timeoutMs} ms`, "TimeoutError"));
      }, timeoutMs);
    }
  }

  const clearTimer = (): void => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  };

  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    get userAborted() {
      return userAborted;
    },
    clearTimer,
    dispose() {
      clearTimer();
      userSignal?.removeEventListener("abort", onUserAbort);
    },
  };
}
