import { queryOptions } from '@tanstack/react-query';
import type { PipelineDiff } from '@tandem/engine';
import type { GraphProblem, PipelineDocument, PipelineSummary, PipelineVersionView, SavedDraft } from '@tandem/shared';
import { queryString, requestJson } from './http.ts';

/** What `POST /api/pipelines/check` estimates for one node before running. */
export interface NodeEstimateView {
  latencyMs: number;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
  calls: number;
}

export interface PipelineCheckResult {
  problems: GraphProblem[];
  estimates: Record<string, NodeEstimateView>;
  /** The whole run along its slowest path, when the document is valid (time waiting for a person not counted). */
  run?: NodeEstimateView;
}

export interface SavedPipeline {
  id: string;
  version: number;
}

export const pipelineKeys = {
  all: ['pipelines'] as const,
  list: () => [...pipelineKeys.all, 'list'] as const,
  detail: (id: string, version?: number) => [...pipelineKeys.all, 'detail', id, version ?? 'latest'] as const,
  check: (document: PipelineDocument) => [...pipelineKeys.all, 'check', document] as const,
};

/** The user's pipelines and the templates. */
export function pipelinesQuery() {
  return queryOptions({
    queryKey: pipelineKeys.list(),
    queryFn: ({ signal }) => requestJson<{ pipelines: PipelineSummary[] }>('/api/pipelines', { signal }).then((body) => body.pipelines),
  });
}

/** One pipeline version (the latest without `version`). */
export function pipelineQuery(id: string, version?: number) {
  return queryOptions({
    queryKey: pipelineKeys.detail(id, version),
    queryFn: ({ signal }) => requestJson<PipelineVersionView>(`/api/pipelines/${encodeURIComponent(id)}${queryString({ version })}`, { signal }),
    // Saved versions never change, so a pinned version can stay cached. The latest is fresh for a moment:
    // the editor's route starts loading it beside the editor's code, and the page then uses that answer.
    // Saving, restoring and importing invalidate it at once.
    staleTime: version === undefined ? 5_000 : Infinity,
  });
}

/** What changed from version `from` to version `to`; versions never change, so the answer is kept. */
export function pipelineDiffQuery(id: string, from: number, to: number) {
  return queryOptions({
    queryKey: [...pipelineKeys.all, 'diff', id, from, to] as const,
    queryFn: ({ signal }) => requestJson<PipelineDiff>(`/api/pipelines/${encodeURIComponent(id)}/diff${queryString({ from, to })}`, { signal }),
    staleTime: Infinity,
  });
}

/**
 * The document stamped with today's kind versions. The node registry behind it (engine and schemas)
 * loads when something is first saved or checked, so the pipelines list opens without it.
 */
async function asCurrentDocument(document: PipelineDocument): Promise<PipelineDocument> {
  const { asCurrentDocument: stamp } = await import('../pipelines/current-document.ts');
  return stamp(document);
}

/** Server-side checks (unknown models and more) and estimates for an unsaved document. */
export function pipelineCheckQuery(document: PipelineDocument) {
  return queryOptions({
    queryKey: pipelineKeys.check(document),
    queryFn: async ({ signal }) => requestJson<PipelineCheckResult>('/api/pipelines/check', { method: 'POST', body: await asCurrentDocument(document), signal }),
    staleTime: 60_000,
    retry: false,
  });
}

export async function createPipeline(document: PipelineDocument) {
  return requestJson<SavedPipeline>('/api/pipelines', { method: 'POST', body: await asCurrentDocument(document) });
}

export async function savePipeline(id: string, document: PipelineDocument) {
  return requestJson<SavedPipeline>(`/api/pipelines/${encodeURIComponent(id)}`, { method: 'PUT', body: await asCurrentDocument(document) });
}

/** Saves work in progress, problems and all, in the pipeline's draft slot (not a version; it cannot run). */
export async function savePipelineDraft(id: string, document: PipelineDocument) {
  return requestJson<SavedDraft>(`/api/pipelines/${encodeURIComponent(id)}${queryString({ draft: 1 })}`, { method: 'PUT', body: await asCurrentDocument(document) });
}

/** Throws the draft away; the latest version stays. */
export function discardPipelineDraft(id: string) {
  return requestJson<void>(`/api/pipelines/${encodeURIComponent(id)}/draft`, { method: 'DELETE' });
}

export function deletePipeline(id: string) {
  return requestJson<void>(`/api/pipelines/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** Sends a file as read: the server upgrades a document of an older version, or refuses a newer one. */
export function importPipeline(document: unknown) {
  return requestJson<SavedPipeline>('/api/pipelines/import', { method: 'POST', body: document });
}

/** The URL that downloads a version's document as a JSON file. */
export function pipelineExportUrl(id: string, version?: number) {
  return `/api/pipelines/${encodeURIComponent(id)}/export${queryString({ version })}`;
}
