import { applyConfigOverrides, foldRunState, mergeConfig, planFork } from '@tandem/engine';
import { StudioError, type ConfigOverrides, type ForkRunBody, type RunView } from '@tandem/shared';
import type { ServerContext } from '../context.ts';

/** The parent's overrides with the fork's config edits deep-merged over them, node by node. */
function combineOverrides(parent: ConfigOverrides | undefined, edits: ConfigOverrides): ConfigOverrides {
  const combined: ConfigOverrides = { ...parent };
  for (const [nodeId, patch] of Object.entries(edits)) combined[nodeId] = mergeConfig(combined[nodeId] ?? {}, patch) as Record<string, unknown>;
  return combined;
}

/**
 * Forks a run from one of its steps (`POST /api/runs/:id/fork`): the step and everything after it run
 * again, with the edited config and inputs; the steps before and beside it reuse the parent's outputs
 * from its log, without a model call. Edits are kept as run overrides on the parent's version (beside
 * any overrides the parent carried), or saved as a new pipeline version with `saveAsVersion: true`.
 */
export function createForkService(context: Pick<ServerContext, 'repositories' | 'pipelines' | 'runs' | 'registry'>) {
  return {
    async fork(parentRunId: string, body: ForkRunBody): Promise<RunView> {
      const parent = context.repositories.runs.get(parentRunId);
      if (!parent) throw new StudioError('RUN_NOT_FOUND', `No run "${parentRunId}"`, { details: { runId: parentRunId } });
      const config = body.config ?? {};
      const changed = Object.keys(config);
      const base = context.pipelines.get(parent.pipelineId, parent.version).document;
      const ids = new Set(base.nodes.map((node) => node.id));
      for (const nodeId of [body.fromNodeId, ...changed]) {
        if (!ids.has(nodeId)) {
          const field = nodeId === body.fromNodeId ? 'fromNodeId' : `config.${nodeId}`;
          throw new StudioError('VALIDATION_FAILED', `${field}: version ${parent.version} of "${parent.pipelineId}" has no node "${nodeId}"`, { details: { field } });
        }
      }
      const overrides = combineOverrides(parent.overrides, config);
      const hasOverrides = Object.keys(overrides).length > 0;
      let version = parent.version;
      let runOverrides: ConfigOverrides | undefined = hasOverrides ? overrides : undefined;
      if (body.saveAsVersion === true && changed.length > 0) {
        // The new version is what the parent ran (its overrides included) with the edits: the fork runs it as is.
        const latest = context.pipelines.get(parent.pipelineId).document;
        const merged = applyConfigOverrides(base, overrides).document;
        version = context.pipelines.saveVersion(parent.pipelineId, { ...merged, id: latest.id }).version;
        runOverrides = undefined;
      }
      const { plan } = context.pipelines.loadPlan(parent.pipelineId, version, runOverrides);
      const inputs = body.inputs ?? parent.inputs;
      const inputsChanged = JSON.stringify(inputs) !== JSON.stringify(parent.inputs);
      const inputNodes = inputsChanged ? plan.document.nodes.filter((node) => context.registry.get(node.kind)?.role === 'input').map((node) => node.id) : [];
      const parentState = foldRunState(context.repositories.events.readEvents(parentRunId));
      const reused = planFork(plan, parentState, parentRunId, [body.fromNodeId, ...changed, ...inputNodes]);
      return context.runs.accept({
        pipelineId: parent.pipelineId,
        version,
        inputs,
        parentRunId,
        ...(runOverrides ? { overrides: runOverrides } : {}),
        fork: { reused, forkedFrom: { runId: parentRunId, nodeId: body.fromNodeId } },
      });
    },
  };
}
