import { StudioError } from '@tandem/shared';
import type { SignInCountersStore } from '@tandem/db';

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
 * many), with counters in the database so a restart does not reset them and every web node of a
 * cluster counts the same failures.
 */
export function createLoginThrottle(rateLimits: SignInCountersStore, limits: LoginLimits = defaultLoginLimits) {
  const accountKey = (email: string) => `sign-in:account:${email}`;
  const addressKey = (address: string) => `sign-in:address:${address}`;
  return {
    /** Throws RATE_LIMITED (with `retryAfterMs`) when either counter is spent. */
    async check(email: string, address: string, now = Date.now()): Promise<void> {
      const [account, client] = await Promise.all([rateLimits.peek(accountKey(email), limits.windowMs, now), rateLimits.peek(addressKey(address), limits.windowMs, now)]);
      const windows = [
        { window: account, max: limits.perAccount, what: 'this account' },
        { window: client, max: limits.perAddress, what: 'this address' },
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
    async recordFailure(email: string, address: string, now = Date.now()): Promise<void> {
      await rateLimits.hit(accountKey(email), limits.windowMs, now);
      await rateLimits.hit(addressKey(address), limits.windowMs, now);
    },
    async recordSuccess(email: string): Promise<void> {
      await rateLimits.reset(accountKey(email));
    },
  };
}
