import { StudioError, type ConfigOverrides } from '@tandem/shared';
import { stableHash, type ModelResolver, type NodeRegistry, type PipelinePlan } from '@tandem/engine';
import type { RunStore } from '@tandem/db';
import { createPipelineChecks } from '../services/pipeline-checks.ts';

/** The plans runs execute in cluster mode: the same checks as the single process, over the asynchronous run store (storing pipelines is the library's). */
export interface ClusterPipelines {
  /** The plan of a stored version (the latest when none is given) of an existing pipeline, with overrides. */
  loadPlan(pipelineId: string, version?: number, overrides?: ConfigOverrides): Promise<{ plan: PipelinePlan; version: number }>;
  /** The plan of the exact version a run was started on (even of a deleted pipeline). */
  planOf(pipelineId: string, version: number, overrides?: ConfigOverrides): Promise<PipelinePlan>;
}

const planCacheSize = 512;

export function createClusterPipelines(deps: { store: RunStore; registry: NodeRegistry; models: ModelResolver }): ClusterPipelines {
  const { store } = deps;
  const checks = createPipelineChecks(deps.registry, deps.models);
  // Versions never change: each (version, overrides) is read and checked once per process.
  const plans = new Map<string, Promise<PipelinePlan>>();

  function planOf(pipelineId: string, version: number, overrides?: ConfigOverrides): Promise<PipelinePlan> {
    const hasOverrides = overrides !== undefined && Object.keys(overrides).length > 0;
    const key = hasOverrides ? `${pipelineId}@${version}#${stableHash(JSON.stringify(overrides))}` : `${pipelineId}@${version}`;
    const cached = plans.get(key);
    if (cached) return cached;
    const plan = (async () => {
      const stored = await store.getDocument(pipelineId, version);
      if (!stored) throw new StudioError('PIPELINE_NOT_FOUND', `No pipeline "${pipelineId}" version ${version}`, { details: { pipelineId, version } });
      return checks.planOfDocument(checks.readStored(pipelineId, `v${version}`, stored), pipelineId, version, overrides);
    })();
    plan.catch(() => plans.delete(key));
    if (plans.size >= planCacheSize) plans.delete(plans.keys().next().value!);
    plans.set(key, plan);
    return plan;
  }

  return {
    async loadPlan(pipelineId, version, overrides) {
      const latest = await store.latestVersion(pipelineId);
      // A pipeline saved only as a draft (latest version 0) cannot run yet.
      if (latest === undefined || latest === 0 || (version !== undefined && (version > latest || version < 1))) {
        throw new StudioError('PIPELINE_NOT_FOUND', `No pipeline "${pipelineId}"${version ? ` version ${version}` : ''}`, { details: { pipelineId, version } });
      }
      const wanted = version ?? latest;
      return { plan: await planOf(pipelineId, wanted, overrides), version: wanted };
    },
    planOf,
  };
}
