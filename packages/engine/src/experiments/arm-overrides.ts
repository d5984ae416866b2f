import { StudioError, type ConfigOverrides, type PipelineDocument } from '@tandem/shared';
import { variantsConfigSchema } from '../nodes/variants.node.ts';

/** An arm before it is given a pipeline version: its id, label and the overrides its runs carry. */
export interface ArmDraft {
  id: string;
  label: string;
  overrides: ConfigOverrides;
}

/** The node kinds a models experiment can vary, and where each keeps its model. */
const modelFieldByKind: Record<string, (model: string) => Record<string, unknown>> = {
  llm: (model) => ({ model }),
  judge: (model) => ({ model }),
  critique: (model) => ({ primary: { model } }),
};

function invalid(field: string, message: string): StudioError {
  return new StudioError('EXPERIMENT_INVALID', `${field}: ${message}`, { details: { field, problems: [{ code: 'EXPERIMENT_INVALID', field, message: `${field}: ${message}` }] } });
}

/**
 * One arm per variant of a `variants` node: each arm forces its variant by overriding the node to
 * split mode with that variant alone (weight 1, no assignment key).
 * Throws StudioError EXPERIMENT_INVALID naming `arms.nodeId` when the node is missing or not a `variants` node.
 */
export function variantArms(document: PipelineDocument, nodeId: string): ArmDraft[] {
  const node = document.nodes.find((candidate) => candidate.id === nodeId);
  const variantsNodes = document.nodes.filter((candidate) => candidate.kind === 'variants').map((candidate) => `"${candidate.id}"`);
  const hint = variantsNodes.length > 0 ? `its variants nodes are ${variantsNodes.join(', ')}` : 'it has no variants node; compare versions or models instead';
  if (!node) throw invalid('arms.nodeId', `pipeline "${document.id}" has no node "${nodeId}" (${hint})`);
  if (node.kind !== 'variants') throw invalid('arms.nodeId', `"${nodeId}" is a ${node.kind} node, not a variants node (${hint})`);
  const config = variantsConfigSchema.safeParse(node.config);
  if (!config.success) throw invalid('arms.nodeId', `the config of "${nodeId}" is invalid: ${config.error.issues[0]?.message ?? 'unreadable'}`);
  return config.data.variants.map((variant) => ({
    id: variant.id,
    label: `Variant ${variant.id}`,
    overrides: { [nodeId]: { mode: 'split', key: '', variants: [{ ...variant, weight: 1 }] } },
  }));
}

/**
 * One arm per model of one `llm`, `judge` or `critique` node (the critique's primary model).
 * Throws StudioError EXPERIMENT_INVALID naming `arms.nodeId` or `arms.models`.
 */
export function modelArms(document: PipelineDocument, nodeId: string, models: readonly string[]): ArmDraft[] {
  const node = document.nodes.find((candidate) => candidate.id === nodeId);
  if (!node) throw invalid('arms.nodeId', `pipeline "${document.id}" has no node "${nodeId}"`);
  const override = modelFieldByKind[node.kind];
  if (!override) throw invalid('arms.nodeId', `"${nodeId}" is a ${node.kind} node; a models experiment varies an llm, critique or judge node`);
  const seen = new Set<string>();
  for (const [index, model] of models.entries()) {
    if (seen.has(model)) throw invalid(`arms.models.${index}`, `"${model}" is listed twice`);
    seen.add(model);
  }
  return models.map((model) => ({ id: model, label: model, overrides: { [nodeId]: override(model) } }));
}
