import { StudioError, type ErrorCode } from '@tandem/shared';
import type { RateLimitsRepository } from '@tandem/db';

/** Requests and tokens per minute. */
export interface MinuteLimits {
  rpm?: number | undefined;
  tpm?: number | undefined;
}

const minute = 60_000;

/**
 * Requests and tokens per minute, counted in fixed one-minute windows kept in the database
 * (`rate_limits`, through its repository), so limits hold across restarts and, on a shared
 * database, across processes. A subject without limits costs nothing: no row is read or written.
 */
export function createRateLimiter(repository: RateLimitsRepository, now: () => number = Date.now) {
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
    admit(subject: string, limits: MinuteLimits, code: ErrorCode = 'RATE_LIMITED'): void {
      const at = now();
      if (limits.tpm !== undefined) {
        const tokens = repository.peek(`${subject}:tpm`, minute, at);
        if (tokens.count >= limits.tpm) refuse(code, subject, 'tokens', limits.tpm, tokens.resetsAt);
      }
      if (limits.rpm !== undefined) {
        const requests = repository.hit(`${subject}:rpm`, minute, at);
        if (requests.count > limits.rpm) refuse(code, subject, 'requests', limits.rpm, requests.resetsAt);
      }
    },
    /** Adds the tokens a request used to `subject`'s minute (when it has a token limit). */
    spend(subject: string, limits: MinuteLimits, tokens: number): void {
      if (limits.tpm !== undefined && tokens > 0) repository.hitBy(`${subject}:tpm`, minute, now(), tokens);
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
