import { StudioError } from '@tandem/shared';
import type { RateLimitsRepository } from '@tandem/db';

/** Failed sign-ins allowed per window before further attempts are refused. */
export interface LoginLimits {
  perAccount: number;
  perAddress: number;
  windowMs: number;
}

/** 5 failures per account and 20 per client address in 15 minutes. */
export const defaultLoginLimits: LoginLimits = { perAccount: 5, perAddress: 20, windowMs: 15 * 60_000 };

/**
 * Limits password guessing, per account (against one target) and per client address (against
 * many), with counters in the database so a restart does not reset them.
 */
export function createLoginThrottle(rateLimits: RateLimitsRepository, limits: LoginLimits = defaultLoginLimits) {
  const accountKey = (email: string) => `sign-in:account:${email}`;
  const addressKey = (address: string) => `sign-in:address:${address}`;
  return {
    /** Throws RATE_LIMITED (with `retryAfterMs`) when either counter is spent. */
    check(email: string, address: string, now = Date.now()): void {
      const windows = [
        { window: rateLimits.peek(accountKey(email), limits.windowMs, now), max: limits.perAccount, what: 'this account' },
        { window: rateLimits.peek(addressKey(address), limits.windowMs, now), max: limits.perAddress, what: 'this address' },
      ];
      for (const { window, max, what } of windows) {
        if (window.count >= max) {
          const retryAfterMs = Math.max(0, window.resetsAt - now);
          throw new StudioError('RATE_LIMITED', `Too many failed sign-ins for ${what}; try again in ${Math.ceil(retryAfterMs / 60_000)} min`, {
            details: { retryAfterMs },
          });
        }
      }
    },
    recordFailure(email: string, address: string, now = Date.now()): void {
      rateLimits.hit(accountKey(email), limits.windowMs, now);
      rateLimits.hit(addressKey(address), limits.windowMs, now);
    },
    recordSuccess(email: string): void {
      rateLimits.reset(accountKey(email));
    },
  };
}
