import { Hono } from 'hono';
import { z } from 'zod';
import { StudioError } from '@tandem/shared';
import type { GatewayRoutesContext } from '../gateway/gateway-routes-context.ts';

const querySchema = z.object({
  /** How far back (ms); default one hour, at most 30 days. */
  rangeMs: z.coerce.number().int().min(60_000).max(30 * 24 * 3_600_000).default(3_600_000),
  groupBy: z.enum(['model', 'pipeline', 'key', 'source']).default('model'),
});

const latencyBoundsMs = [50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000];

/** A bucket width giving about 60 points over the range, rounded to a whole minute (or 10 s for short ranges). */
function bucketFor(rangeMs: number): number {
  const raw = rangeMs / 60;
  return raw < 60_000 ? Math.max(10_000, Math.round(raw / 10_000) * 10_000) : Math.round(raw / 60_000) * 60_000;
}

/** `GET /api/monitoring`: the request log over time (by model, pipeline, key or source), a latency histogram and cache statistics. */
export function monitoringRoutes(context: GatewayRoutesContext) {
  return new Hono().get('/', async (c) => {
    const parsed = querySchema.safeParse(c.req.query());
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new StudioError('VALIDATION_FAILED', `${issue.path.join('.')}: ${issue.message}`, { details: { field: issue.path.join('.') } });
    }
    const { rangeMs, groupBy } = parsed.data;
    await context.gateway.flush();
    const now = Date.now();
    const bucketMs = bucketFor(rangeMs);
    const since = Math.floor((now - rangeMs) / bucketMs) * bucketMs;
    const { requests } = context.gateway;
    const [buckets, latencyHistogram, cache] = await Promise.all([
      requests.buckets({ since, bucketMs, groupBy }),
      requests.latencyHistogram({ since, boundsMs: latencyBoundsMs }),
      context.gateway.cache.statistics(),
    ]);
    return c.json({ since, until: now, bucketMs, groupBy, buckets, latencyHistogram, cache });
  });
}
