import { removeReferences, retargetReferences, type NodeRegistry } from '@tandem/engine';
import type { PipelineDocument, PipelineEdge, PipelineNode } from '@tandem/shared';

export interface XYPosition {
  x: number;
  y: number;
}

/** Returns `base` or `base_2`, `base_3`… whichever is not in `taken`. */
export function uniqueId(base: string, taken: ReadonlySet<string>, separator = '_'): string {
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix++) {
    const candidate = `${base}${separator}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** What copying nodes puts on the clipboard: the nodes with their configs and the edges between them. */
export interface NodesClipboard {
  format: 'tandem.nodes/v1';
  nodes: PipelineNode[];
  edges: PipelineEdge[];
}

/** Reads clipboard text as copied nodes, or undefined when it is something else. */
export function readNodesClipboard(text: string): NodesClipboard | undefined {
  try {
    const value = JSON.parse(text) as Partial<NodesClipboard>;
    if (value?.format !== 'tandem.nodes/v1' || !Array.isArray(value.nodes) || !Array.isArray(value.edges)) return undefined;
    return value as NodesClipboard;
  } catch {
    return undefined;
  }
}

/** The nodes `nodeIds` with their configs, and the edges into them (between two of them, or from outside). */
export function copyNodes(document: PipelineDocument, nodeIds: readonly string[]): NodesClipboard {
  const ids = new Set(nodeIds);
  return {
    format: 'tandem.nodes/v1',
    nodes: document.nodes.filter((node) => ids.has(node.id)),
    edges: document.edges.filter((edge) => ids.has(edge.target)),
  };
}

/** An id base for a copy: `draft_2` copies as `draft_3`, not `draft_2_2`. */
function copyBase(id: string): string {
  return id.replace(/_\d+$/, '') || id;
}

/**
 * Adds copies of the clipboard's nodes, moved by `offset`. Each copy gets a free, readable id
 * (`draft` → `draft_2`); references between copied nodes (templates, a validator's target) and the
 * edges between them are re-pointed to the copies. References to nodes outside the copy stay, and so
 * do connections from them when they exist in this document, so a copy reads what the original read.
 */
export function pasteNodes(document: PipelineDocument, clipboard: NodesClipboard, offset: XYPosition, registry: NodeRegistry): { document: PipelineDocument; ids: string[] } {
  const taken = new Set(document.nodes.map((node) => node.id));
  const renames = new Map<string, string>();
  for (const node of clipboard.nodes) {
    const id = uniqueId(copyBase(node.id), taken);
    taken.add(id);
    renames.set(node.id, id);
  }
  const nodes = clipboard.nodes.map((node): PipelineNode => ({
    ...node,
    id: renames.get(node.id)!,
    position: { x: Math.round(node.position.x + offset.x), y: Math.round(node.position.y + offset.y) },
    config: retargetReferences(node.config, registry.get(node.kind), renames),
  }));
  const edgeIds = new Set(document.edges.map((edge) => edge.id));
  const existing = new Set(document.nodes.map((node) => node.id));
  const kept = clipboard.edges.filter((edge) => renames.has(edge.target) && (renames.has(edge.source) || existing.has(edge.source)));
  const edges = kept.map((edge): PipelineEdge => {
    const source = renames.get(edge.source) ?? edge.source;
    const target = renames.get(edge.target)!;
    const id = uniqueId(`e-${source}${edge.sourceHandle ? `-${edge.sourceHandle}` : ''}-${target}`, edgeIds, '-');
    edgeIds.add(id);
    return { ...edge, id, source, target };
  });
  return { document: { ...document, nodes: [...document.nodes, ...nodes], edges: [...document.edges, ...edges] }, ids: nodes.map((node) => node.id) };
}

/** How far to move pasted nodes so they land below their originals (or the last paste), clear of them. */
export function pasteOffset(clipboard: NodesClipboard, times: number, nodeHeight = 96): XYPosition {
  const ys = clipboard.nodes.map((node) => node.position.y);
  const height = ys.length > 0 ? Math.max(...ys) - Math.min(...ys) + nodeHeight : 0;
  return { x: 40 * times, y: (height + 48) * times };
}

/** What to do with references to deleted nodes: leave them (they become problems), take them out, or point them at another node. */
export type ReferenceFix = { type: 'keep' } | { type: 'remove' } | { type: 'repoint'; to: string };

/** Removes nodes (with their edges) and edges, fixing the references to removed nodes as asked. */
export function removeElements(
  document: PipelineDocument,
  { nodeIds = [], edgeIds = [] }: { nodeIds?: readonly string[]; edgeIds?: readonly string[] },
  fix: ReferenceFix,
  registry: NodeRegistry,
): PipelineDocument {
  const removedNodes = new Set(nodeIds);
  const removedEdges = new Set(edgeIds);
  const fixConfig = (node: PipelineNode): PipelineNode => {
    if (fix.type === 'keep' || removedNodes.size === 0) return node;
    const definition = registry.get(node.kind);
    let config = node.config;
    if (fix.type === 'repoint') config = retargetReferences(config, definition, new Map([...removedNodes].map((id) => [id, fix.to])));
    else for (const id of removedNodes) config = removeReferences(config, definition, id);
    return config === node.config ? node : { ...node, config };
  };
  const edges = document.edges.filter((edge) => !removedEdges.has(edge.id) && !removedNodes.has(edge.source) && !removedNodes.has(edge.target));
  if (fix.type === 'repoint') {
    // The replacement takes over the removed nodes' incoming and outgoing connections, so its readers stay downstream of it.
    const taken = new Set(edges.map((edge) => `${edge.source}\u0000${edge.target}\u0000${edge.sourceHandle ?? ''}`));
    const ids = new Set(edges.map((edge) => edge.id));
    for (const edge of document.edges) {
      if (!removedNodes.has(edge.source) || removedNodes.has(edge.target) || edge.target === fix.to) continue;
      const key = `${fix.to}\u0000${edge.target}\u0000`;
      if (taken.has(key)) continue;
      taken.add(key);
      const id = uniqueId(`e-${fix.to}-${edge.target}`, ids, '-');
      ids.add(id);
      edges.push({ id, source: fix.to, target: edge.target });
    }
  }
  return { ...document, nodes: document.nodes.filter((node) => !removedNodes.has(node.id)).map(fixConfig), edges };
}

/** Moves nodes to new positions (rounded); answers the same document when none moved. */
export function moveNodes(document: PipelineDocument, moves: readonly { id: string; position: XYPosition }[]): PipelineDocument {
  const byId = new Map(moves.map((move) => [move.id, { x: Math.round(move.position.x), y: Math.round(move.position.y) }]));
  let changed = false;
  const nodes = document.nodes.map((node) => {
    const next = byId.get(node.id);
    if (!next || (next.x === node.position.x && next.y === node.position.y)) return node;
    changed = true;
    return { ...node, position: next };
  });
  return changed ? { ...document, nodes } : document;
}
