import type { NodeEstimate } from '../define-node.ts';
import type { ModelResolver } from '../ports/model-resolver.ts';
import type { NodeRegistry } from '../registry.ts';
import type { PipelineDocument } from '@tandem/shared';

/** Estimates each node that can be estimated (latency, tokens, cost), by node id. */
export function estimatePipeline(document: PipelineDocument, registry: NodeRegistry, models: Pick<ModelResolver, 'describe'>) {
  const estimates: Record<string, NodeEstimate> = {};
  for (const node of document.nodes) {
    const definition = registry.get(node.kind);
    if (!definition?.estimate) continue;
    const config = definition.config.safeParse(node.config);
    if (!config.success) continue;
    const estimate = definition.estimate(config.data, (model) => models.describe(model));
    if (estimate) estimates[node.id] = estimate;
  }
  return estimates;
}
