import { queryOptions } from '@tanstack/react-query';
import { queryString, requestJson } from './http.ts';

/** What `/api/monitoring` groups requests by. */
export type MonitoringGrouping = 'model' | 'pipeline' | 'key' | 'source';

/** One time bucket of one group (gateway requests and model calls of runs). */
export interface MonitoringBucket {
  at: number;
  group: string;
  requests: number;
  errors: number;
  cacheHits: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMsAverage: number;
  firstTokenMsAverage: number | null;
}

/** `GET /api/monitoring`. */
export interface MonitoringView {
  since: number;
  until: number;
  bucketMs: number;
  groupBy: MonitoringGrouping;
  buckets: MonitoringBucket[];
  latencyHistogram: { upToMs: number | null; count: number }[];
  cache: { kind: 'exact' | 'semantic'; hits: number; misses: number; savedInputTokens: number; savedOutputTokens: number; savedCostUsd: number }[];
}

/** The request log over a range, refreshed every 5 s while shown. */
export function monitoringQuery(rangeMs: number, groupBy: MonitoringGrouping) {
  return queryOptions({
    queryKey: ['monitoring', rangeMs, groupBy] as const,
    queryFn: ({ signal }) => requestJson<MonitoringView>(`/api/monitoring${queryString({ rangeMs, groupBy })}`, { signal }),
    refetchInterval: 5000,
  });
}
