import type { PipelineDocument, PipelineEdge } from '@tandem/shared';

/** What changed between two versions of a pipeline (`GET /api/pipelines/:id/diff`). */
export interface PipelineDiff {
  /** Node ids only in the newer version. */
  added: string[];
  /** Node ids only in the older version. */
  removed: string[];
  /** Nodes in both whose kind, label or config differ (an input node also when the run inputs differ), with the dotted paths that changed. */
  changed: { nodeId: string; fields: string[] }[];
  /** Edge ids added (of the newer version) and removed (of the older): edges are the same when they join the same handles. */
  edges: { added: string[]; removed: string[] };
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The dotted paths of the leaves that differ between two JSON values (`prompt`, `primary.model`);
 * arrays compare whole. Prefix `path` is prepended.
 * @example
 * changedPaths({ a: 1, b: { c: 2 } }, { a: 1, b: { c: 3 } }); // ['b.c']
 */
export function changedPaths(before: unknown, after: unknown, path: readonly string[] = []): string[] {
  if (before === after) return [];
  if (isPlainObject(before) && isPlainObject(after)) {
    return [...new Set([...Object.keys(before), ...Object.keys(after)])].flatMap((key) => changedPaths(before[key], after[key], [...path, key]));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [path.join('.')];
}

const edgeKey = (edge: PipelineEdge) => [edge.source, edge.target, edge.sourceHandle ?? '', edge.targetHandle ?? ''].join('\u0000');

/**
 * Compares two pipeline documents node by node. Positions are left out: moving a node changes how
 * the pipeline looks, not what it does. Lists keep the documents' node and edge order.
 * @example
 * diffPipelineDocuments(v1, v2); // { added: ['check'], removed: [], changed: [{ nodeId: 'answer', fields: ['config.prompt'] }], edges: { added: ['e3'], removed: [] } }
 */
export function diffPipelineDocuments(from: PipelineDocument, to: PipelineDocument, isInputKind: (kind: string) => boolean = (kind) => kind === 'input'): PipelineDiff {
  const before = new Map(from.nodes.map((node) => [node.id, node]));
  const after = new Map(to.nodes.map((node) => [node.id, node]));
  const changed: PipelineDiff['changed'] = [];
  for (const node of to.nodes) {
    const old = before.get(node.id);
    if (!old) continue;
    const fields = [
      ...(old.kind !== node.kind ? ['kind'] : []),
      ...((old.label ?? '') !== (node.label ?? '') ? ['label'] : []),
      ...changedPaths(old.config, node.config, ['config']),
      ...(isInputKind(node.kind) ? changedPaths(from.inputs, to.inputs, ['inputs']) : []),
    ];
    if (fields.length > 0) changed.push({ nodeId: node.id, fields });
  }
  const fromEdges = new Set(from.edges.map(edgeKey));
  const toEdges = new Set(to.edges.map(edgeKey));
  return {
    added: to.nodes.filter((node) => !before.has(node.id)).map((node) => node.id),
    removed: from.nodes.filter((node) => !after.has(node.id)).map((node) => node.id),
    changed,
    edges: {
      added: to.edges.filter((edge) => !fromEdges.has(edgeKey(edge))).map((edge) => edge.id),
      removed: from.edges.filter((edge) => !toEdges.has(edgeKey(edge))).map((edge) => edge.id),
    },
  };
}
