import type { ConfigOverrides, GraphProblem, PipelineDocument } from '@tandem/shared';

/**
 * Deep-merges `patch` into `base`: plain objects merge key by key, anything else (arrays, strings,
 * numbers, null) replaces. `undefined` in the patch leaves the base value. Neither input is changed.
 */
export function mergeConfig(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch === undefined ? base : patch;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    merged[key] = mergeConfig(base[key], value);
  }
  return merged;
}

/**
 * Applies a run's config overrides to a pipeline document: each override is deep-merged into its
 * node's config. Answers the new document and a problem for each override that names no node of the
 * document (field `overrides.<nodeId>`). The caller re-checks the document, so a merged config that
 * breaks its kind's schema or a reference is reported by the pipeline checks, naming node and field.
 *
 * @example
 * applyConfigOverrides(document, { answer: { model: 'sim:fast' } }).document.nodes[1].config.model; // 'sim:fast'
 */
export function applyConfigOverrides(document: PipelineDocument, overrides: ConfigOverrides | undefined): { document: PipelineDocument; problems: GraphProblem[] } {
  if (!overrides || Object.keys(overrides).length === 0) return { document, problems: [] };
  const problems: GraphProblem[] = [];
  const ids = new Set(document.nodes.map((node) => node.id));
  for (const [nodeId, patch] of Object.entries(overrides)) {
    if (!ids.has(nodeId)) {
      problems.push({ code: 'NODE_CONFIG_INVALID', nodeId, field: `overrides.${nodeId}`, message: `overrides.${nodeId}: the pipeline has no node "${nodeId}"` });
    } else if (!isPlainObject(patch)) {
      problems.push({ code: 'NODE_CONFIG_INVALID', nodeId, field: `overrides.${nodeId}`, message: `overrides.${nodeId}: must be an object of config fields` });
    }
  }
  const nodes = document.nodes.map((node) => {
    const patch = overrides[node.id];
    return isPlainObject(patch) ? { ...node, config: mergeConfig(node.config, patch) as Record<string, unknown> } : node;
  });
  return { document: { ...document, nodes }, problems };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
