import type { MonitoringBucket, MonitoringView } from '../api/monitoring.ts';

/** One point in time with a value per group (what a stacked Recharts chart reads). */
export type SeriesPoint = { at: number } & Record<string, number | null>;

/** The groups of a view, busiest first, at most `limit` (the rest summed as "other"). */
export function topGroups(buckets: readonly MonitoringBucket[], limit = 6): { groups: string[]; other: boolean } {
  const totals = new Map<string, number>();
  for (const bucket of buckets) totals.set(bucket.group, (totals.get(bucket.group) ?? 0) + bucket.requests);
  const sorted = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([group]) => group);
  return { groups: sorted.slice(0, limit), other: sorted.length > limit };
}

/**
 * Every bucket of the range as a point, with each group's value (`0` for a sum with no requests,
 * `null` for an average with none), groups beyond the busiest summed under `other`.
 */
export function seriesOf(view: MonitoringView, value: (bucket: MonitoringBucket) => number | null, kind: 'sum' | 'average', limit = 6): { points: SeriesPoint[]; groups: string[] } {
  const { groups, other } = topGroups(view.buckets, limit);
  const keys = other ? [...groups, 'other'] : groups;
  const points = new Map<number, SeriesPoint>();
  for (let at = view.since; at <= view.until; at += view.bucketMs) points.set(at, { at, ...Object.fromEntries(keys.map((key) => [key, kind === 'sum' ? 0 : null])) });
  const weights = new Map<string, number>();
  for (const bucket of view.buckets) {
    const point = points.get(bucket.at) ?? points.set(bucket.at, { at: bucket.at }).get(bucket.at)!;
    const key = groups.includes(bucket.group) ? bucket.group : 'other';
    const measured = value(bucket);
    if (measured === null) continue;
    if (kind === 'sum') point[key] = (point[key] ?? 0) + measured;
    else {
      // A request-weighted average when "other" merges groups.
      const weightKey = `${bucket.at}:${key}`;
      const before = weights.get(weightKey) ?? 0;
      point[key] = ((point[key] ?? 0) * before + measured * bucket.requests) / (before + bucket.requests);
      weights.set(weightKey, before + bucket.requests);
    }
  }
  return { points: [...points.values()].sort((a, b) => a.at - b.at), groups: keys };
}

/** Totals over the whole range: requests, errors, tokens, cost, cache hits, request-weighted latencies. */
export function totalsOf(buckets: readonly MonitoringBucket[]) {
  let requests = 0;
  let errors = 0;
  let cacheHits = 0;
  let tokens = 0;
  let costUsd = 0;
  let latency = 0;
  let firstToken = 0;
  let firstTokenWeight = 0;
  for (const bucket of buckets) {
    requests += bucket.requests;
    errors += bucket.errors;
    cacheHits += bucket.cacheHits;
    tokens += bucket.inputTokens + bucket.outputTokens;
    costUsd += bucket.costUsd;
    latency += bucket.latencyMsAverage * bucket.requests;
    if (bucket.firstTokenMsAverage !== null) {
      firstToken += bucket.firstTokenMsAverage * bucket.requests;
      firstTokenWeight += bucket.requests;
    }
  }
  return {
    requests,
    errors,
    errorRate: requests === 0 ? 0 : errors / requests,
    cacheHitRate: requests === 0 ? 0 : cacheHits / requests,
    tokens,
    costUsd,
    latencyMs: requests === 0 ? null : latency / requests,
    firstTokenMs: firstTokenWeight === 0 ? null : firstToken / firstTokenWeight,
  };
}
