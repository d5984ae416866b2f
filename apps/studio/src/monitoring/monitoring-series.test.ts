import { describe, expect, it } from 'vitest';
import type { MonitoringBucket, MonitoringView } from '../api/monitoring.ts';
import { seriesOf, topGroups, totalsOf } from './monitoring-series.ts';

const bucket = (at: number, group: string, requests: number, extra: Partial<MonitoringBucket> = {}): MonitoringBucket => ({
  at, group, requests, errors: 0, cacheHits: 0, inputTokens: 10 * requests, outputTokens: 5 * requests, costUsd: 0, latencyMsAverage: 100, firstTokenMsAverage: null, ...extra,
});

const view = (buckets: MonitoringBucket[]): MonitoringView => ({ since: 0, until: 180_000, bucketMs: 60_000, groupBy: 'model', buckets, latencyHistogram: [], cache: [] });

describe('monitoring series', () => {
  it('keeps the busiest groups and sums the rest as other', () => {
    expect(topGroups([bucket(0, 'a', 1), bucket(0, 'b', 5), bucket(60_000, 'c', 2)], 2)).toEqual({ groups: ['b', 'c'], other: true });
  });

  it('fills every bucket of the range: zero for sums, null for averages without requests', () => {
    const { points, groups } = seriesOf(view([bucket(60_000, 'a', 2), bucket(120_000, 'b', 1)]), (entry) => entry.requests, 'sum');
    expect(groups).toEqual(['a', 'b']);
    expect(points).toEqual([{ at: 0, a: 0, b: 0 }, { at: 60_000, a: 2, b: 0 }, { at: 120_000, a: 0, b: 1 }, { at: 180_000, a: 0, b: 0 }]);
    const latency = seriesOf(view([bucket(60_000, 'a', 2, { latencyMsAverage: 50 })]), (entry) => entry.latencyMsAverage, 'average');
    expect(latency.points[0]).toEqual({ at: 0, a: null });
    expect(latency.points[1]).toEqual({ at: 60_000, a: 50 });
  });

  it('weights averages by requests when groups are merged into other', () => {
    const merged = seriesOf(view([bucket(0, 'a', 9), bucket(0, 'b', 1, { latencyMsAverage: 100 }), bucket(0, 'c', 3, { latencyMsAverage: 300 })]), (entry) => entry.latencyMsAverage, 'average', 1);
    expect(merged.points[0]!.other).toBe(250);
  });

  it('totals requests, errors, cache hit rate and request-weighted latency', () => {
    const totals = totalsOf([bucket(0, 'a', 3, { errors: 1, cacheHits: 1, latencyMsAverage: 100, firstTokenMsAverage: 20, costUsd: 0.5 }), bucket(0, 'b', 1, { latencyMsAverage: 500 })]);
    expect(totals).toEqual({ requests: 4, errors: 1, errorRate: 0.25, cacheHitRate: 0.25, tokens: 60, costUsd: 0.5, latencyMs: 200, firstTokenMs: 20 });
  });
});
