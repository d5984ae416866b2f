import { describe, expect, it } from 'vitest';
import { fullJitterBackoffMs, maxRetryWaitMs, planRetryWait } from './retry-wait.ts';

describe('fullJitterBackoffMs', () => {
  const policy = { initialMs: 500, factor: 2 };

  it('draws the n-th wait uniformly below initialMs × factor^n', () => {
    expect(fullJitterBackoffMs(policy, 0, 0)).toBe(0);
    expect(fullJitterBackoffMs(policy, 0, 0.5)).toBe(250);
    expect(fullJitterBackoffMs(policy, 2, 0.5)).toBe(1000);
    expect(fullJitterBackoffMs(policy, 2, 0.9999)).toBe(1999);
  });

  it('never draws more than the cap, however many retries', () => {
    expect(fullJitterBackoffMs({ initialMs: 60_000, factor: 10 }, 10, 0.9999)).toBe(maxRetryWaitMs - 6);
    expect(fullJitterBackoffMs(policy, 3, 0.5, 1000)).toBe(500);
  });
});

describe('planRetryWait', () => {
  it('waits the backoff, or the Retry-After when that is longer', () => {
    expect(planRetryWait({ backoffMs: 300 })).toEqual({ wait: true, delayMs: 300 });
    expect(planRetryWait({ backoffMs: 300, retryAfterMs: 2000 })).toEqual({ wait: true, delayMs: 2000 });
    expect(planRetryWait({ backoffMs: 3000, retryAfterMs: 2000 })).toEqual({ wait: true, delayMs: 3000 });
  });

  it('refuses a Retry-After above the cap instead of waiting it', () => {
    expect(planRetryWait({ backoffMs: 10, retryAfterMs: 90_000 })).toEqual({
      wait: false,
      reason: 'the provider asked to wait 90 s, longer than the 60 s a retry waits at most',
    });
    expect(planRetryWait({ backoffMs: 10, retryAfterMs: 60_000 })).toEqual({ wait: true, delayMs: 60_000 });
  });

  it('refuses a wait that reaches the step deadline', () => {
    expect(planRetryWait({ backoffMs: 10, retryAfterMs: 5000, remainingMs: 4000 })).toEqual({ wait: false, reason: "waiting 5 s would pass the step's timeout (4 s left)" });
    expect(planRetryWait({ backoffMs: 10, retryAfterMs: 5000, remainingMs: 6000 })).toEqual({ wait: true, delayMs: 5000 });
    expect(planRetryWait({ backoffMs: 0, remainingMs: -5 })).toEqual({ wait: false, reason: "waiting 0 s would pass the step's timeout (0 s left)" });
  });
});
