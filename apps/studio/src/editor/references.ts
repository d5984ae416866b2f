import type { PipelineDocument } from '@tandem/shared';
import { nodeRegistry, outputFieldsOfNode } from '../nodes/node-registry.ts';

/** Ids of the nodes `nodeId` depends on through edges, nearest first. */
export function upstreamNodeIds(document: PipelineDocument, nodeId: string): string[] {
  const parents = new Map<string, string[]>();
  for (const edge of document.edges) parents.set(edge.target, [...(parents.get(edge.target) ?? []), edge.source]);
  const seen = new Set<string>();
  const queue = [...(parents.get(nodeId) ?? [])];
  while (queue.length > 0) {
    const current = queue.shift()!;
    if (seen.has(current) || current === nodeId) continue;
    seen.add(current);
    queue.push(...(parents.get(current) ?? []));
  }
  return [...seen];
}

/** `{{…}}` references a template of `nodeId` can use: declared inputs and the usual outputs of upstream nodes. */
export function referencesFor(document: PipelineDocument, nodeId: string): string[] {
  const references: string[] = [];
  const inputFields = Object.keys((document.inputs.properties as Record<string, unknown> | undefined) ?? {});
  for (const upstreamId of upstreamNodeIds(document, nodeId)) {
    const node = document.nodes.find((entry) => entry.id === upstreamId);
    if (!node) continue;
    if (nodeRegistry.get(node.kind)?.role === 'input') references.push(...inputFields.map((field) => `{{${upstreamId}.${field}}}`));
    else {
      const outputs = outputFieldsOfNode(node, document);
      references.push(...(outputs.length > 0 ? outputs.slice(0, 1).map((field) => `{{${upstreamId}.${field}}}`) : [`{{${upstreamId}}}`]));
    }
  }
  return references;
}
