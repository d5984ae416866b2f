import { foldRunState, planFork } from '@tandem/engine';
import { StudioError, type ForkRunBody, type PipelineDocument, type RunView } from '@tandem/shared';
import type { ServerContext } from '../context.ts';

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Deep-merges a partial config into a node's config: objects key by key, anything else replaces. */
function mergeConfig(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch === undefined ? base : patch;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) if (value !== undefined) merged[key] = mergeConfig(base[key], value);
  return merged;
}

/**
 * Forks a run from one of its steps (`POST /api/runs/:id/fork`): the step and everything after it run
 * again, with the edited config (saved as a new version) and inputs; the steps before and beside it
 * reuse the parent's outputs from its log, without a model call.
 */
export function createForkService(context: Pick<ServerContext, 'repositories' | 'pipelines' | 'runs' | 'registry'>) {
  return {
    fork(parentRunId: string, body: ForkRunBody): RunView {
      const parent = context.repositories.runs.get(parentRunId);
      if (!parent) throw new StudioError('RUN_NOT_FOUND', `No run "${parentRunId}"`, { details: { runId: parentRunId } });
      const config = body.config ?? {};
      const changed = Object.keys(config);
      if (changed.length > 0 && body.saveAsVersion !== true) {
        // A run-only change needs the run overrides of experiments; until a server has them, say how to keep the change.
        throw new StudioError('VALIDATION_FAILED', 'saveAsVersion: a changed config is saved as a new pipeline version; pass saveAsVersion: true (run-only changes need run overrides)', {
          details: { field: 'saveAsVersion' },
        });
      }
      let version = parent.version;
      const base = context.pipelines.get(parent.pipelineId, parent.version).document;
      const ids = new Set(base.nodes.map((node) => node.id));
      for (const nodeId of [body.fromNodeId, ...changed]) {
        if (!ids.has(nodeId)) {
          const field = nodeId === body.fromNodeId ? 'fromNodeId' : `config.${nodeId}`;
          throw new StudioError('VALIDATION_FAILED', `${field}: version ${parent.version} of "${parent.pipelineId}" has no node "${nodeId}"`, { details: { field } });
        }
      }
      if (changed.length > 0) {
        const latest = context.pipelines.get(parent.pipelineId).document;
        const document: PipelineDocument = { ...base, id: latest.id, nodes: base.nodes.map((node) => (config[node.id] ? { ...node, config: mergeConfig(node.config, config[node.id]) as Record<string, unknown> } : node)) };
        version = context.pipelines.saveVersion(parent.pipelineId, document).version;
      }
      const { plan } = context.pipelines.loadPlan(parent.pipelineId, version);
      const inputs = body.inputs ?? parent.inputs;
      const inputsChanged = JSON.stringify(inputs) !== JSON.stringify(parent.inputs);
      const inputNodes = inputsChanged ? plan.document.nodes.filter((node) => context.registry.get(node.kind)?.role === 'input').map((node) => node.id) : [];
      const parentState = foldRunState(context.repositories.events.readEvents(parentRunId));
      const reused = planFork(plan, parentState, parentRunId, [body.fromNodeId, ...changed, ...inputNodes]);
      return context.runs.start({
        pipelineId: parent.pipelineId,
        version,
        inputs,
        parentRunId,
        fork: { reused, forkedFrom: { runId: parentRunId, nodeId: body.fromNodeId } },
      });
    },
  };
}
