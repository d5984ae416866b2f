import type { AnyNodeDefinition } from '@tandem/engine';
import type { PipelineNode } from '@tandem/shared';

/** One answer of the editor's search: a node to jump to, or a kind to add. */
export type SearchResult =
  | { type: 'node'; nodeId: string; title: string; detail: string }
  | { type: 'kind'; kind: string; title: string; detail: string };

function score(query: string, ...texts: (string | undefined)[]): number {
  let best = 0;
  for (const text of texts) {
    const value = text?.toLowerCase();
    if (!value) continue;
    if (value === query) best = Math.max(best, 4);
    else if (value.startsWith(query)) best = Math.max(best, 3);
    else if (value.split(/[\s_\-.]+/).some((word) => word.startsWith(query))) best = Math.max(best, 2);
    else if (value.includes(query)) best = Math.max(best, 1);
  }
  return best;
}

/**
 * Nodes whose id, label or kind match `query` (best first), then the kinds that match, to add one.
 * An empty query lists every node and kind.
 */
export function searchEditor(query: string, nodes: readonly PipelineNode[], definitions: readonly AnyNodeDefinition[], limit = 30): SearchResult[] {
  const needle = query.trim().toLowerCase();
  const nodeHits = nodes
    .map((node) => ({ node, rank: needle ? score(needle, node.id, node.label, node.kind, definitions.find((entry) => entry.kind === node.kind)?.displayName) : 1 }))
    .filter((hit) => hit.rank > 0)
    .sort((a, b) => b.rank - a.rank)
    .map(({ node }): SearchResult => ({ type: 'node', nodeId: node.id, title: node.label || node.id, detail: node.label ? `${node.id} · ${node.kind}` : node.kind }));
  const kindHits = definitions
    .map((definition) => ({ definition, rank: needle ? score(needle, definition.kind, definition.displayName) : 1 }))
    .filter((hit) => hit.rank > 0)
    .sort((a, b) => b.rank - a.rank)
    .map(({ definition }): SearchResult => ({ type: 'kind', kind: definition.kind, title: `Add ${definition.displayName}`, detail: definition.description }));
  return [...nodeHits, ...kindHits].slice(0, limit);
}
