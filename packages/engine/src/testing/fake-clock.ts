import type { Clock } from '../ports/clock.ts';

/**
 * A clock for tests: `sleep` resolves at once, advances `now` and records
 * each requested duration, so backoff can be asserted without waiting.
 */
export function createFakeClock(start = 0) {
  let now = start;
  const sleeps: number[] = [];
  const clock: Clock = {
    now: () => now,
    async sleep(ms, signal) {
      if (signal?.aborted) throw Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
      sleeps.push(ms);
      now += ms;
    },
  };
  return { clock, sleeps };
}
