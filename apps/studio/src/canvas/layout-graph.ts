import type { PipelineDocument } from '@tandem/shared';
import type { XYPosition } from '../stores/document-edits.ts';

/** Node sizes when React Flow has not measured a node yet (a card is 240 px wide). */
export const defaultNodeSize = { width: 240, height: 96 } as const;

/**
 * True when the document has no usable positions: several nodes stacked on one spot, as in a
 * document written by hand or by another tool (positions default to 0,0).
 */
export function needsLayout(document: PipelineDocument): boolean {
  if (document.nodes.length < 2) return false;
  const spots = new Set(document.nodes.map((node) => `${node.position.x},${node.position.y}`));
  return spots.size < document.nodes.length;
}

/**
 * Lays the pipeline out left to right with ELK's layered algorithm (steps in columns by dependency,
 * crossings minimised). ELK is loaded on first use: it is large and only this needs it.
 */
export async function layoutPipeline(
  document: PipelineDocument,
  sizes: ReadonlyMap<string, { width: number; height: number }> = new Map(),
): Promise<{ id: string; position: XYPosition }[]> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  const ids = new Set(document.nodes.map((node) => node.id));
  const graph = await elk.layout({
    id: 'pipeline',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.spacing.nodeNode': '48',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: document.nodes.map((node) => ({ id: node.id, ...(sizes.get(node.id) ?? defaultNodeSize) })),
    edges: document.edges
      .filter((edge) => ids.has(edge.source) && ids.has(edge.target) && edge.source !== edge.target)
      .map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
  });
  return (graph.children ?? []).map((child) => ({ id: child.id, position: { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) } }));
}
