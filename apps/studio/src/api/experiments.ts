import { queryOptions } from '@tanstack/react-query';
import type { CreateExperimentBody, ExperimentArm, ExperimentView, ResultRowsPage, RowFilter, RunFeedback, RunFeedbackBody, TrialResult } from '@tandem/shared';

export type { ResultRow, ResultRowsPage, RowCellTrial, RowFilter } from '@tandem/shared';
import type { ExperimentAnalysis, ExperimentComparison, LiveComparisonResult } from '@tandem/stats';
import { queryString, requestJson } from './http.ts';

/** What the estimate answers before starting. */
export interface ExperimentEstimate {
  trials: number;
  baseline: string;
  mapping: { inputs: Record<string, string>; expected?: string };
  arms: (ExperimentArm & { estimate: { costUsd: number; latencyMs: number } })[];
  estimate: { costUsd: number; durationMs: number };
}



export type CompareAnswer = ExperimentComparison & { current: string; previous: string; sameDatasetVersion: boolean };
export type LiveAnswer = LiveComparisonResult & { pipelineId: string; nodeId: string; control: string; runs: number; withFeedback: number };

export const experimentKeys = {
  all: ['experiments'] as const,
  list: (filters: { pipelineId?: string }) => [...experimentKeys.all, 'list', filters] as const,
  detail: (id: string) => [...experimentKeys.all, 'detail', id] as const,
  analysis: (id: string) => [...experimentKeys.all, 'analysis', id] as const,
  results: (id: string) => [...experimentKeys.all, 'results', id] as const,
  rows: (id: string, filter: RowFilter, offset: number, limit: number) => [...experimentKeys.all, 'rows', id, filter, offset, limit] as const,
  compare: (id: string, other: string) => [...experimentKeys.all, 'compare', id, other] as const,
};

const path = (id: string) => `/api/experiments/${encodeURIComponent(id)}`;

export function experimentsQuery(filters: { pipelineId?: string } = {}) {
  return queryOptions({
    queryKey: experimentKeys.list(filters),
    queryFn: ({ signal }) => requestJson<{ experiments: ExperimentView[] }>(`/api/experiments${queryString(filters)}`, { signal }).then((body) => body.experiments),
    refetchInterval: 5000,
  });
}

export function experimentQuery(id: string) {
  return queryOptions({ queryKey: experimentKeys.detail(id), queryFn: ({ signal }) => requestJson<ExperimentView>(path(id), { signal }) });
}

export function analysisQuery(id: string) {
  return queryOptions({ queryKey: experimentKeys.analysis(id), queryFn: ({ signal }) => requestJson<ExperimentAnalysis>(`${path(id)}/analysis`, { signal }), placeholderData: (previous) => previous });
}

export function resultsQuery(id: string) {
  return queryOptions({
    queryKey: experimentKeys.results(id),
    queryFn: ({ signal }) => requestJson<{ trials: TrialResult[] }>(`${path(id)}/results`, { signal }).then((body) => body.trials),
    placeholderData: (previous) => previous,
  });
}

export function rowsQuery(id: string, filter: RowFilter, offset: number, limit: number) {
  return queryOptions({
    queryKey: experimentKeys.rows(id, filter, offset, limit),
    queryFn: ({ signal }) => requestJson<ResultRowsPage>(`${path(id)}/rows${queryString({ filter, offset, limit })}`, { signal }),
    placeholderData: (previous) => previous,
  });
}

export function compareQuery(id: string, other: string) {
  return queryOptions({ queryKey: experimentKeys.compare(id, other), queryFn: ({ signal }) => requestJson<CompareAnswer>(`${path(id)}/compare${queryString({ with: other })}`, { signal }) });
}

export function liveQuery(pipelineId: string, nodeId?: string) {
  return queryOptions({
    queryKey: ['live', pipelineId, nodeId ?? ''] as const,
    queryFn: ({ signal }) => requestJson<LiveAnswer>(`/api/pipelines/${encodeURIComponent(pipelineId)}/live${queryString({ nodeId })}`, { signal }),
    refetchInterval: 5000,
  });
}

export function estimateExperiment(body: CreateExperimentBody, signal?: AbortSignal) {
  return requestJson<ExperimentEstimate>('/api/experiments/estimate', { method: 'POST', body, ...(signal ? { signal } : {}) });
}

export function startExperiment(body: CreateExperimentBody) {
  return requestJson<{ id: string }>('/api/experiments', { method: 'POST', body });
}

export function cancelExperiment(id: string) {
  return requestJson<ExperimentView>(`${path(id)}/cancel`, { method: 'POST' });
}

export function retryFailedTrials(id: string) {
  return requestJson<{ requeued: number; experiment: ExperimentView }>(`${path(id)}/retry-failed`, { method: 'POST' });
}

export function experimentEventsUrl(id: string) {
  return `${path(id)}/events`;
}

/** Download links of the exports. */
export function exportUrl(id: string, what: 'results' | 'analysis', format: 'csv' | 'json', table?: 'arms' | 'comparisons') {
  return `${path(id)}/${what}${queryString({ format, table })}`;
}

export function sendFeedback(runId: string, body: RunFeedbackBody) {
  return requestJson<RunFeedback>(`/api/runs/${encodeURIComponent(runId)}/feedback`, { method: 'POST', body });
}

export function feedbackQuery(runId: string) {
  return queryOptions({
    queryKey: ['runs', 'feedback', runId] as const,
    queryFn: ({ signal }) => requestJson<{ feedback: RunFeedback[] }>(`/api/runs/${encodeURIComponent(runId)}/feedback`, { signal }).then((body) => body.feedback),
  });
}
