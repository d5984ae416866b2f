import type { Connection, Edge, EdgeChange, Node, NodeChange } from '@xyflow/react';
import type { NodeContextKind, NodeRegistry, StepView } from '@tandem/engine';
import type { GraphProblem, PipelineDocument, PipelineNode } from '@tandem/shared';
import type { ConnectionRequest, XYPosition } from '../stores/create-graph-store.ts';
import { guardedStepOf } from '../nodes/node-registry.ts';

/** What a node card on the canvas shows. */
export interface CanvasNodeData extends Record<string, unknown> {
  node: PipelineNode;
  displayName: string;
  /** Undefined for a kind the registry does not know (e.g. from an old file). */
  context: NodeContextKind | undefined;
  problems: readonly GraphProblem[];
  estimate?: { latencyMs: number; costUsd: number };
  /** In a run view: the step's state. */
  step?: StepView;
  /** True on the read-only canvas of a run. */
  readOnly: boolean;
  /** True when the run has ended, so a node without a step will never run. */
  runFinished: boolean;
  /** Set while comparing versions. */
  highlight?: NodeHighlight;
}

export type CanvasNode = Node<CanvasNodeData, 'pipeline-node'>;

export interface LoopEdgeData extends Record<string, unknown> {
  /** What the validator does on failure: `retry ≤ 2 · then sim:careful`. */
  label: string;
  validatorId: string;
  targetId: string;
  /** In a run: how many times the validator has sent its target back so far. */
  sentBack?: number;
}

/** A model name without its options (`sim:careful?tps=400` → `sim:careful`). */
function shortModel(model: string): string {
  return model.split('?')[0] ?? model;
}

/** The loop's label from the validator's config: retries, then what happens when they run out. */
export function loopLabel(config: Record<string, unknown>): string {
  const retries = typeof config.maxRetries === 'number' ? `retry ≤ ${config.maxRetries}` : 'retry';
  const onFail = config.onFail as { type?: unknown; model?: unknown } | undefined;
  if (onFail?.type === 'fallbackModel' && typeof onFail.model === 'string' && onFail.model) return `${retries} · then ${shortModel(onFail.model)}`;
  if (onFail?.type === 'default') return `${retries} · then default`;
  return retries;
}

/** Handles used only by the derived validator loop edge. */
export const loopHandles = { source: '__loop-source', target: '__loop-target' } as const;

export interface ToFlowNodesOptions {
  registry: NodeRegistry;
  problems?: readonly GraphProblem[];
  estimates?: Readonly<Record<string, { latencyMs: number; costUsd: number }>>;
  steps?: Readonly<Record<string, StepView>>;
  selectedNodeId?: string | undefined;
  /** Several selected nodes (the editor); wins over `selectedNodeId`. */
  selectedNodeIds?: ReadonlySet<string>;
  /** Sizes React Flow measured, kept outside the document. */
  measured?: ReadonlyMap<string, { width: number; height: number }>;
  readOnly?: boolean;
  runFinished?: boolean;
  /** Highlights by node id (a version comparison: added, changed…). */
  highlights?: ReadonlyMap<string, NodeHighlight>;
  /** Reuses the objects of nodes whose inputs did not change (see {@link createFlowNodeCache}). */
  cache?: FlowNodeCache;
}

/** How a version comparison marks a node on the canvas. */
export type NodeHighlight = 'added' | 'removed' | 'changed';

const noProblems: readonly GraphProblem[] = [];

interface CachedFlowNode {
  inputs: readonly unknown[];
  node: CanvasNode;
}

/**
 * Remembers the React Flow node made for each document node, so a change to one node (a drag, a
 * config edit) hands React Flow new objects for that node only: it re-renders what changed, which
 * keeps a large pipeline smooth.
 */
export type FlowNodeCache = WeakMap<PipelineNode, CachedFlowNode>;

export function createFlowNodeCache(): FlowNodeCache {
  return new WeakMap();
}

/** Maps the document's nodes to React Flow nodes. The only place that knows both models. */
export function toFlowNodes(document: PipelineDocument, options: ToFlowNodesOptions): CanvasNode[] {
  const problemsByNode = new Map<string, GraphProblem[]>();
  for (const problem of options.problems ?? []) {
    if (!problem.nodeId) continue;
    problemsByNode.set(problem.nodeId, [...(problemsByNode.get(problem.nodeId) ?? []), problem]);
  }
  return document.nodes.map((node) => {
    const definition = options.registry.get(node.kind);
    const estimate = options.estimates?.[node.id];
    const step = options.steps?.[node.id];
    const measured = options.measured?.get(node.id);
    const problems = problemsByNode.get(node.id) ?? noProblems;
    const selected = options.selectedNodeIds ? options.selectedNodeIds.has(node.id) : node.id === options.selectedNodeId;
    const highlight = options.highlights?.get(node.id);
    const inputs = [definition, estimate, step, measured, selected, highlight, options.readOnly, options.runFinished, ...problems];
    const cached = options.cache?.get(node);
    if (cached && cached.inputs.length === inputs.length && cached.inputs.every((value, index) => value === inputs[index])) return cached.node;
    const flowNode: CanvasNode = {
      id: node.id,
      type: 'pipeline-node',
      position: node.position,
      selected,
      ...(measured ? { measured } : {}),
      data: {
        node,
        displayName: definition?.displayName ?? node.kind,
        context: definition?.context,
        problems,
        ...(estimate ? { estimate } : {}),
        ...(step ? { step } : {}),
        ...(highlight ? { highlight } : {}),
        readOnly: options.readOnly ?? false,
        runFinished: options.runFinished ?? false,
      },
    };
    options.cache?.set(node, { inputs, node: flowNode });
    return flowNode;
  });
}

export interface ToFlowEdgesOptions {
  selectedEdgeIds?: ReadonlySet<string>;
  steps?: Readonly<Record<string, StepView>>;
}

/** Maps the document's edges, plus each validator's loop back to its target (derived from config, never stored). */
export function toFlowEdges(document: PipelineDocument, options: ToFlowEdgesOptions = {}): Edge[] {
  const nodeIds = new Set(document.nodes.map((node) => node.id));
  const edges: Edge[] = document.edges.map((edge) => ({
    id: edge.id,
    source: edge.source,
    target: edge.target,
    sourceHandle: edge.sourceHandle ?? null,
    targetHandle: edge.targetHandle ?? null,
    selected: options.selectedEdgeIds?.has(edge.id) ?? false,
    animated: options.steps?.[edge.source]?.status === 'succeeded' && options.steps?.[edge.target]?.status === 'running',
    ...(edge.sourceHandle ? { label: edge.sourceHandle } : {}),
  }));
  for (const node of document.nodes) {
    const target = guardedStepOf(node);
    if (!target || !nodeIds.has(target) || target === node.id) continue;
    const targetStep = options.steps?.[target];
    const sentBack = targetStep?.records.filter((record) => record.type === 'step.retrying' && record.data.validator === node.id).length;
    edges.push({
      id: `loop:${node.id}`,
      type: 'loop',
      source: node.id,
      target,
      sourceHandle: loopHandles.source,
      targetHandle: loopHandles.target,
      selectable: false,
      deletable: false,
      focusable: false,
      data: { label: loopLabel(node.config), validatorId: node.id, targetId: target, ...(sentBack ? { sentBack } : {}) } satisfies LoopEdgeData,
    });
  }
  return edges;
}

/** A React Flow connection as a store request. */
export function toConnectionRequest(connection: Connection): ConnectionRequest {
  return { source: connection.source, target: connection.target, sourceHandle: connection.sourceHandle, targetHandle: connection.targetHandle };
}

export interface ReadNodeChanges {
  moves: { id: string; position: XYPosition }[];
  removedNodeIds: string[];
  /** The node selected by this batch of changes; null when the batch only deselects; undefined when it does not touch selection. */
  selectedNodeId: string | null | undefined;
  /** Every selection change of the batch, in order. */
  selection: { id: string; selected: boolean }[];
  /** True while the batch belongs to a drag that has not ended. */
  dragging: boolean;
  dimensions: { id: string; width: number; height: number }[];
}

/** Sorts React Flow's node changes into document actions and ephemeral UI updates. */
export function readNodeChanges(changes: readonly NodeChange[]): ReadNodeChanges {
  const result: ReadNodeChanges = { moves: [], removedNodeIds: [], selectedNodeId: undefined, selection: [], dragging: false, dimensions: [] };
  for (const change of changes) {
    if (change.type === 'position' && change.position) {
      result.moves.push({ id: change.id, position: change.position });
      if (change.dragging) result.dragging = true;
    }
    else if (change.type === 'remove') result.removedNodeIds.push(change.id);
    else if (change.type === 'select') {
      result.selection.push({ id: change.id, selected: change.selected });
      if (change.selected) result.selectedNodeId = change.id;
      else if (result.selectedNodeId === undefined) result.selectedNodeId = null;
    } else if (change.type === 'dimensions' && change.dimensions) result.dimensions.push({ id: change.id, ...change.dimensions });
  }
  return result;
}

/** Edge removals (derived loop edges can never be removed) and selection from React Flow's edge changes. */
export function readEdgeChanges(changes: readonly EdgeChange[]): { removedEdgeIds: string[]; selection: { id: string; selected: boolean }[] } {
  const removedEdgeIds: string[] = [];
  const selection: { id: string; selected: boolean }[] = [];
  for (const change of changes) {
    if (change.type === 'remove' && !change.id.startsWith('loop:')) removedEdgeIds.push(change.id);
    else if (change.type === 'select') selection.push({ id: change.id, selected: change.selected });
  }
  return { removedEdgeIds, selection };
}
