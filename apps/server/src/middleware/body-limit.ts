import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { StudioError } from '@tandem/shared';

/** The default request body limit: 2 MiB (`TANDEM_BODY_LIMIT`). */
export const defaultBodyLimitBytes = 2 * 1024 * 1024;

const describeBytes = (bytes: number) => (bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : bytes >= 1024 ? `${+(bytes / 1024).toFixed(1)} KB` : `${bytes} bytes`);

/**
 * One body limit for every route: a declared Content-Length over the limit is refused before a byte
 * is read, a chunked body as soon as it passes the limit. 413 `BODY_TOO_LARGE`.
 */
export function limitBodies(maxBytes: number): MiddlewareHandler {
  const tooLarge = () => {
    throw new StudioError('BODY_TOO_LARGE', `The body is larger than ${describeBytes(maxBytes)} (TANDEM_BODY_LIMIT)`, { details: { field: 'body', limitBytes: maxBytes } });
  };
  const streamed = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return (c, next) => {
    // A declared length is checked from the header alone: reading `c.req.raw.body` would make the
    // Node adapter build a whole Request (and an AbortSignal) for every request. GET and HEAD have no body.
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) return Number.parseInt(length, 10) > maxBytes ? tooLarge() : next();
    return streamed(c, next);
  };
}
