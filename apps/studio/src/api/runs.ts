import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { RunEvent, RunListSummary, RunStatus, RunView } from '@tandem/shared';
import { queryString, requestJson } from './http.ts';
import { readRunEvent } from './read-run-event.ts';

export type RunListItem = RunView & { pipelineName: string; summary?: RunListSummary };

export interface RunFilters {
  pipelineId?: string;
  version?: number;
  status?: RunStatus;
  limit?: number;
}

export const runKeys = {
  all: ['runs'] as const,
  list: (filters: RunFilters) => [...runKeys.all, 'list', filters] as const,
  detail: (id: string) => [...runKeys.all, 'detail', id] as const,
  trace: (id: string) => [...runKeys.all, 'trace', id] as const,
};

/** Recent runs, newest first. */
export function runsQuery(filters: RunFilters = {}) {
  return queryOptions({
    queryKey: runKeys.list(filters),
    queryFn: ({ signal }) =>
      requestJson<{ runs: RunListItem[] }>(`/api/runs${queryString({ ...filters })}`, { signal }).then((body) => body.runs),
    refetchInterval: 3000,
  });
}

/** Runs page by page, newest first: each page hands on the cursor of the next (older) one. */
export function runPagesQuery(filters: RunFilters = {}) {
  return infiniteQueryOptions({
    queryKey: [...runKeys.list(filters), 'pages'] as const,
    queryFn: ({ signal, pageParam }) =>
      requestJson<{ runs: RunListItem[]; nextBefore?: string }>(`/api/runs${queryString({ ...filters, before: pageParam })}`, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextBefore,
    refetchInterval: 3000,
  });
}

/** A short form of a run id: its first segment (a run id is a UUID). */
export function shortRunId(id: string): string {
  return id.split('-')[0] ?? id;
}

export function runQuery(id: string) {
  return queryOptions({
    queryKey: runKeys.detail(id),
    queryFn: ({ signal }) => requestJson<RunView>(`/api/runs/${encodeURIComponent(id)}`, { signal }),
  });
}

/** The whole event log of a run (used for finished runs). */
export function runTraceQuery(id: string) {
  return queryOptions({
    queryKey: runKeys.trace(id),
    queryFn: ({ signal }) => requestJson<{ events: unknown[] }>(`/api/runs/${encodeURIComponent(id)}/trace`, { signal }).then((body): RunEvent[] => body.events.map(readRunEvent)),
    staleTime: Infinity,
  });
}

export function startRun(body: { pipelineId: string; version?: number; inputs: Record<string, unknown> }) {
  return requestJson<{ id: string }>('/api/runs', { method: 'POST', body });
}

/** Forks a run from a step: the steps before it reuse the parent's outputs, the step and what follows run again. */
export function forkRun(id: string, body: { fromNodeId: string; config?: Record<string, Record<string, unknown>>; inputs?: Record<string, unknown>; saveAsVersion?: boolean }) {
  return requestJson<{ id: string }>(`/api/runs/${encodeURIComponent(id)}/fork`, { method: 'POST', body });
}

export function cancelRun(id: string) {
  return requestJson<RunView>(`/api/runs/${encodeURIComponent(id)}/cancel`, { method: 'POST' });
}

export function submitUserStep(runId: string, nodeId: string, body: { decision: 'approved' | 'rejected'; value?: unknown }) {
  return requestJson<RunView>(`/api/runs/${encodeURIComponent(runId)}/nodes/${encodeURIComponent(nodeId)}/submit`, { method: 'POST', body });
}

/** The SSE URL of a run's events. */
export function runEventsUrl(id: string) {
  return `/api/runs/${encodeURIComponent(id)}/events`;
}
