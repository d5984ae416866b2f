/**
 * The longest a retry waits, whether for backoff or because the provider
 * asked (`Retry-After`). A provider asking for more is not retried: the call
 * goes to the next fallback model at once, or fails saying how long it asked.
 */
export const maxRetryWaitMs = 60_000;

/** Exponential backoff: the n-th retry (from 0) waits at most `initialMs × factor^n`. */
export interface BackoffPolicy {
  initialMs: number;
  factor: number;
}

/**
 * Full-jitter exponential backoff: a wait drawn uniformly from
 * `[0, min(capMs, initialMs × factor^retryIndex))`, so clients that failed
 * together do not retry together. `unit` is the draw, a number in [0, 1):
 * callers derive it from a seed, which keeps runs reproducible.
 */
export function fullJitterBackoffMs(policy: BackoffPolicy, retryIndex: number, unit: number, capMs = maxRetryWaitMs): number {
  const ceiling = Math.min(capMs, policy.initialMs * policy.factor ** retryIndex);
  return Math.floor(Math.min(Math.max(unit, 0), 1) * ceiling);
}

/** Whether to wait and retry, and for how long; or why not. */
export type RetryWait = { wait: true; delayMs: number } | { wait: false; reason: string };

/**
 * Decides the wait before a retry: the backoff, or the provider's
 * `Retry-After` when that is longer. No retry when the provider asks for more
 * than `capMs`, or when the wait would reach the step's deadline
 * (`remainingMs` left; the step would time out while sleeping).
 */
export function planRetryWait(input: { backoffMs: number; retryAfterMs?: number | undefined; remainingMs?: number | undefined; capMs?: number }): RetryWait {
  const capMs = input.capMs ?? maxRetryWaitMs;
  if (input.retryAfterMs !== undefined && input.retryAfterMs > capMs) {
    return { wait: false, reason: `the provider asked to wait ${seconds(input.retryAfterMs)}, longer than the ${seconds(capMs)} a retry waits at most` };
  }
  const delayMs = Math.max(input.backoffMs, input.retryAfterMs ?? 0);
  if (input.remainingMs !== undefined && delayMs >= input.remainingMs) {
    return { wait: false, reason: `waiting ${seconds(delayMs)} would pass the step's timeout (${seconds(Math.max(0, input.remainingMs))} left)` };
  }
  return { wait: true, delayMs };
}

function seconds(milliseconds: number): string {
  const value = milliseconds / 1000;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} s`;
}
