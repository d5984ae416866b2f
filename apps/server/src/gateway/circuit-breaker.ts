import type { BreakerSettings, BreakerState } from '@tandem/shared';

/** The default breaker: five failures in a row open the circuit for 30 s. */
export const defaultBreakerSettings: BreakerSettings = { failures: 5, cooldownMs: 30_000 };

/** One member's circuit: whether a call may go to it, and what its outcomes were. */
export interface CircuitBreaker {
  readonly state: BreakerState;
  /** True when a call may start now; in half-open, only one probe at a time is let through. */
  tryAcquire(): boolean;
  /** The call that `tryAcquire` let through succeeded / failed. */
  recordSuccess(): void;
  recordFailure(): void;
  /** A call let through ended without an outcome that says anything about the member (cancelled). */
  release(): void;
  /** Failures over calls in the window (or the last 20 calls without a window). */
  readonly errorRate: number;
  readonly calls: number;
  /** When the open circuit lets a probe through (ms, on the clock), else undefined. */
  readonly reopensAt: number | undefined;
}

/**
 * A circuit breaker with an injected clock: closed → open after `failures` failures in a row (or
 * within `windowMs`) → half-open once `cooldownMs` passed, letting one probe through → closed when
 * it succeeds, open again when it fails. Outcomes are recorded when a call ends, which for a
 * stream is when it ends, not when it starts.
 */
export function createCircuitBreaker(settings: BreakerSettings, now: () => number): CircuitBreaker {
  let state: BreakerState = 'closed';
  let openedAt = 0;
  let consecutiveFailures = 0;
  let probeInFlight = false;
  let calls = 0;
  // Recent outcomes (time, failed), for the window and the error rate.
  let outcomes: { at: number; failed: boolean }[] = [];

  const trim = () => {
    const at = now();
    if (settings.windowMs !== undefined) outcomes = outcomes.filter((outcome) => outcome.at > at - settings.windowMs!);
    else if (outcomes.length > 20) outcomes = outcomes.slice(-20);
  };
  const open = () => {
    state = 'open';
    openedAt = now();
    probeInFlight = false;
  };
  const refresh = () => {
    if (state === 'open' && now() - openedAt >= settings.cooldownMs) state = 'half-open';
  };

  return {
    get state() {
      refresh();
      return state;
    },
    tryAcquire() {
      refresh();
      if (state === 'closed') return true;
      if (state === 'half-open' && !probeInFlight) {
        probeInFlight = true;
        return true;
      }
      return false;
    },
    recordSuccess() {
      calls++;
      outcomes.push({ at: now(), failed: false });
      trim();
      consecutiveFailures = 0;
      if (state === 'half-open') {
        state = 'closed';
        probeInFlight = false;
        outcomes = [];
      }
    },
    recordFailure() {
      calls++;
      outcomes.push({ at: now(), failed: true });
      trim();
      consecutiveFailures++;
      if (state === 'half-open') return open();
      const failures = settings.windowMs !== undefined ? outcomes.filter((outcome) => outcome.failed).length : consecutiveFailures;
      if (state === 'closed' && failures >= settings.failures) open();
    },
    release() {
      if (state === 'half-open') probeInFlight = false;
    },
    get errorRate() {
      trim();
      return outcomes.length === 0 ? 0 : outcomes.filter((outcome) => outcome.failed).length / outcomes.length;
    },
    get calls() {
      return calls;
    },
    get reopensAt() {
      refresh();
      return state === 'open' ? openedAt + settings.cooldownMs : undefined;
    },
  };
}
