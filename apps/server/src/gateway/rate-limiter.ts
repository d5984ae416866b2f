import { StudioError, type ErrorCode } from '@tandem/shared';
import type { RateLimitStore } from '@tandem/db';

/** Requests and tokens per minute. */
export interface MinuteLimits {
  rpm?: number | undefined;
  tpm?: number | undefined;
}

const minute = 60_000;

/**
 * Requests and tokens per minute, counted in fixed one-minute windows kept in the database
 * (`rate_limits`, through the gateway store), so limits hold across restarts and, on Postgres, across
 * every web node. A subject without limits costs nothing: no row is read or written.
 */
export function createRateLimiter(store: RateLimitStore, now: () => number = Date.now) {
  function refuse(code: ErrorCode, subject: string, what: string, limit: number, resetsAt: number): never {
    const retryAfterMs = Math.max(1000, resetsAt - now());
    throw new StudioError(code, `${subject} is over its limit of ${limit} ${what} per minute; try again in ${Math.ceil(retryAfterMs / 1000)} s`, {
      details: { limit: what, retryAfterMs, retryable: true },
    });
  }
  return {
    /**
     * Counts one request of `subject` and refuses it (429 `RATE_LIMITED`, or `code`) when the
     * minute's requests are over `rpm` or its tokens already reached `tpm`.
     */
    async admit(subject: string, limits: MinuteLimits, code: ErrorCode = 'RATE_LIMITED'): Promise<void> {
      const at = now();
      if (limits.tpm !== undefined) {
        const tokens = await store.peek(`${subject}:tpm`, minute, at);
        if (tokens.count >= limits.tpm) refuse(code, subject, 'tokens', limits.tpm, tokens.resetsAt);
      }
      if (limits.rpm !== undefined) {
        const requests = await store.hit(`${subject}:rpm`, minute, at);
        if (requests.count > limits.rpm) refuse(code, subject, 'requests', limits.rpm, requests.resetsAt);
      }
    },
    /** Adds the tokens a request used to `subject`'s minute (when it has a token limit); a failed write is logged, never thrown. */
    async spend(subject: string, limits: MinuteLimits, tokens: number): Promise<void> {
      if (limits.tpm === undefined || tokens <= 0) return;
      try {
        await store.hit(`${subject}:tpm`, minute, now(), tokens);
      } catch (error) {
        console.error(`Could not count the tokens of ${subject}`, error);
      }
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
