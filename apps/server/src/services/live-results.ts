import { StudioError, type PipelineDocument } from '@tandem/shared';
import { liveComparison, type LiveComparisonResult } from '@tandem/stats';
import type { Repositories } from '@tandem/db';
import type { PipelineService } from './pipeline-service.ts';
import { feedbackMetrics } from './experiment-results.ts';

/** `GET /api/pipelines/:id/live` answer: the always-valid comparison of a split `variants` node's live traffic. */
export interface LiveResults extends LiveComparisonResult {
  pipelineId: string;
  nodeId: string;
  control: string;
  /** Finished live runs read (the newest, at most 5,000). */
  runs: number;
  /** Runs with feedback from a person. */
  withFeedback: number;
}

/** The split `variants` nodes of a pipeline: those a live view can follow. */
export function splitVariantNodes(document: PipelineDocument): { id: string; variants: string[] }[] {
  return document.nodes
    .filter((node) => node.kind === 'variants' && (node.config.mode ?? 'split') === 'split')
    .map((node) => ({ id: node.id, variants: Array.isArray(node.config.variants) ? node.config.variants.map((variant) => String((variant as { id?: unknown }).id)) : [] }));
}

/** Per-variant results of real runs (not experiment trials), with people's feedback, as always-valid intervals. */
export function liveResults(repositories: Repositories, pipelines: PipelineService, pipelineId: string, options: { nodeId?: string; control?: string } = {}): LiveResults {
  const view = pipelines.get(pipelineId);
  const nodes = splitVariantNodes(view.document);
  const node = options.nodeId === undefined ? nodes[0] : nodes.find((candidate) => candidate.id === options.nodeId);
  if (!node) {
    throw new StudioError('VALIDATION_FAILED', options.nodeId ? `nodeId: "${options.nodeId}" is not a split variants node of "${pipelineId}"` : `Pipeline "${pipelineId}" has no variants node in split mode`, { details: { field: 'nodeId' } });
  }
  const control = options.control ?? node.variants[0]!;
  if (!node.variants.includes(control)) throw new StudioError('VALIDATION_FAILED', `control: "${control}" is not a variant of "${node.id}"`, { details: { field: 'control' } });
  const results = repositories.feedback.runResults(pipelineId);
  const observations = results
    .filter((result) => result.status === 'completed' && node.variants.includes(result.metrics.variants[node.id] ?? ''))
    .map((result) => ({ variant: result.metrics.variants[node.id]!, metrics: { ...result.metrics.values, ...feedbackMetrics(result.feedback) } }));
  const comparison = liveComparison({
    variants: node.variants.map((id) => ({ id })),
    control,
    observations,
    ...(observations.some((observation) => observation.metrics['feedback.score'] !== undefined) ? { metricInfo: { 'feedback.score': { kind: 'score', direction: 'higher' } } } : {}),
  });
  return { pipelineId, nodeId: node.id, control, runs: observations.length, withFeedback: results.filter((result) => result.feedback).length, ...comparison };
}
