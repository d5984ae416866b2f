import { eq } from 'drizzle-orm';
import type { TandemDatabase } from '../client.ts';
import { rateLimits } from '../schema.ts';

/** A fixed-window counter's state. */
export interface RateWindow {
  count: number;
  /** When the current window ends (ms since the epoch). */
  resetsAt: number;
}

/** Fixed-window counters kept in the database, so limits hold across restarts and processes. */
export interface RateLimitsRepository {
  /** The current window of `key` at `now` (count 0 when none is open). */
  peek(key: string, windowMs: number, now: number): RateWindow;
  /** Adds one to `key`'s window at `now` (opening a new window when the last one ended) and answers it. */
  hit(key: string, windowMs: number, now: number): RateWindow;
  /** Adds `amount` (e.g. tokens used) to `key`'s window at `now`, like {@link hit}. */
  hitBy(key: string, windowMs: number, now: number, amount: number): RateWindow;
  /** Forgets `key` (a successful sign-in clears the account's failures). */
  reset(key: string): void;
}

/** Creates the rate-limits repository over an open database. */
export function createRateLimitsRepository(database: TandemDatabase): RateLimitsRepository {
  const { db } = database;
  const read = (key: string) => db.select().from(rateLimits).where(eq(rateLimits.key, key)).get();
  const hit = database.sqlite.transaction((key: string, windowMs: number, now: number, amount: number): RateWindow => {
    const row = read(key);
    if (!row || row.windowStart + windowMs <= now) {
      db.insert(rateLimits).values({ key, windowStart: now, count: amount }).onConflictDoUpdate({ target: rateLimits.key, set: { windowStart: now, count: amount } }).run();
      return { count: amount, resetsAt: now + windowMs };
    }
    db.update(rateLimits).set({ count: row.count + amount }).where(eq(rateLimits.key, key)).run();
    return { count: row.count + amount, resetsAt: row.windowStart + windowMs };
  });
  return {
    peek(key, windowMs, now) {
      const row = read(key);
      if (!row || row.windowStart + windowMs <= now) return { count: 0, resetsAt: now + windowMs };
      return { count: row.count, resetsAt: row.windowStart + windowMs };
    },
    hit: (key, windowMs, now) => hit.immediate(key, windowMs, now, 1),
    hitBy: (key, windowMs, now, amount) => hit.immediate(key, windowMs, now, amount),
    reset(key) {
      db.delete(rateLimits).where(eq(rateLimits.key, key)).run();
    },
  };
}
