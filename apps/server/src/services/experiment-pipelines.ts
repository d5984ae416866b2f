import { StudioError, type ConfigOverrides, type PipelineDocument } from '@tandem/shared';
import type { NodeEstimate, PipelinePlan } from '@tandem/engine';
import type { PipelineService } from './pipeline-service.ts';

/**
 * What experiments need from pipelines, asynchronously: the single-process pipeline service and a cluster's
 * pipelines (read from Postgres) both serve it, so one experiment service runs on either.
 */
export interface ExperimentPipelines {
  /** The latest version of a pipeline with its document (upgraded), or undefined when there is none. */
  latest(pipelineId: string): Promise<{ document: PipelineDocument; version: number } | undefined>;
  /** The checked plan of a version of an existing (not deleted) pipeline, with overrides (PIPELINE_NOT_FOUND, PIPELINE_INVALID). */
  planOf(pipelineId: string, version: number, overrides?: ConfigOverrides): Promise<PipelinePlan>;
  /** The estimate of each node of a checked plan. */
  estimate(plan: PipelinePlan): Record<string, NodeEstimate>;
}

/** The single process's pipelines as experiments read them. */
export function experimentPipelinesOf(pipelines: PipelineService): ExperimentPipelines {
  return {
    latest: async (pipelineId) => {
      const found = pipelines.find(pipelineId);
      return found ? { document: found.document, version: found.version } : undefined;
    },
    // `loadPlan` refuses versions of a deleted pipeline; `planOf` reads any stored version.
    planOf: async (pipelineId, version, overrides) => pipelines.loadPlan(pipelineId, version, overrides).plan,
    estimate: (plan) => pipelines.estimate(plan),
  };
}

/** A cluster's pipelines (see cluster-pipelines.ts) as experiments read them. */
export function clusterExperimentPipelines(pipelines: {
  loadPlan(pipelineId: string, version?: number, overrides?: ConfigOverrides): Promise<{ plan: PipelinePlan; version: number }>;
  estimate(plan: PipelinePlan): Record<string, NodeEstimate>;
}): ExperimentPipelines {
  return {
    async latest(pipelineId) {
      try {
        const { plan, version } = await pipelines.loadPlan(pipelineId);
        return { document: plan.document, version };
      } catch (error) {
        if (StudioError.is(error) && error.code === 'PIPELINE_NOT_FOUND') return undefined;
        throw error;
      }
    },
    planOf: async (pipelineId, version, overrides) => (await pipelines.loadPlan(pipelineId, version, overrides)).plan,
    estimate: (plan) => pipelines.estimate(plan),
  };
}
