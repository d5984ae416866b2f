import { createStore, type StoreApi } from 'zustand';
import { builtInNodes, createNodeRegistry, type NodeRegistry } from '@tandem/engine';
import { nodeIdSchema, type JsonSchema, type PipelineDocument, type PipelineEdge, type PipelineNode } from '@tandem/shared';

export interface XYPosition {
  x: number;
  y: number;
}

export interface ConnectionRequest {
  source: string;
  target: string;
  sourceHandle?: string | null;
  targetHandle?: string | null;
}

export type RenameResult = { ok: true } | { ok: false; error: string };

/** The document being edited and the named actions that change it. */
export interface GraphState {
  document: PipelineDocument;
  /** True when the document changed since it was loaded or last saved. */
  dirty: boolean;
  /** Places a node of `kind` with its default config; returns the new node's id. */
  addNode(kind: string, position: XYPosition): string;
  moveNode(nodeId: string, position: XYPosition): void;
  /** Adds an edge; returns its id, or undefined when it would be a self-loop or a duplicate. */
  connect(connection: ConnectionRequest): string | undefined;
  /** Removes nodes (with their edges) and edges. */
  removeElements(elements: { nodeIds?: readonly string[]; edgeIds?: readonly string[] }): void;
  updateNodeConfig(nodeId: string, config: Record<string, unknown>): void;
  /** Changes a node's id and/or label. Edges follow a new id; templates that mention the old id do not. */
  renameNode(nodeId: string, change: { id?: string; label?: string }): RenameResult;
  setInputsSchema(schema: JsonSchema): void;
  setPipelineInfo(info: { name?: string; description?: string }): void;
  /** Swaps in another document (an import, another version). */
  replaceDocument(document: PipelineDocument, options?: { dirty?: boolean }): void;
  /** Marks the document saved; pass the document that was sent so edits made during the save stay dirty. */
  markSaved(saved?: PipelineDocument): void;
}

export type GraphStore = StoreApi<GraphState>;

const defaultRegistry = createNodeRegistry(builtInNodes);

/** Returns `base` or `base_2`, `base_3`… whichever is not in `taken`. */
export function uniqueId(base: string, taken: ReadonlySet<string>, separator = '_'): string {
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix++) {
    const candidate = `${base}${separator}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

function edgeIdFor(connection: ConnectionRequest, edges: readonly PipelineEdge[]): string {
  const handle = connection.sourceHandle ? `-${connection.sourceHandle}` : '';
  return uniqueId(`e-${connection.source}${handle}-${connection.target}`, new Set(edges.map((edge) => edge.id)), '-');
}

/**
 * Creates the store of one open pipeline document.
 * @example
 * const store = createGraphStore(document);
 * const id = store.getState().addNode('llm', { x: 100, y: 40 });
 */
export function createGraphStore(initial: PipelineDocument, options: { registry?: NodeRegistry } = {}): GraphStore {
  const registry = options.registry ?? defaultRegistry;
  return createStore<GraphState>()((set, get) => {
    /** Applies a change to the document and marks it dirty. */
    const change = (update: (document: PipelineDocument) => PipelineDocument) =>
      set((state) => {
        const document = update(state.document);
        return document === state.document ? state : { document, dirty: true };
      });
    const mapNode = (nodeId: string, update: (node: PipelineNode) => PipelineNode) =>
      change((document) => ({ ...document, nodes: document.nodes.map((node) => (node.id === nodeId ? update(node) : node)) }));

    return {
      document: initial,
      dirty: false,

      addNode(kind, position) {
        const definition = registry.get(kind);
        const base = kind.replace(/[^A-Za-z0-9_-]/g, '_').replace(/^[^A-Za-z_]/, 'n');
        const id = uniqueId(base, new Set(get().document.nodes.map((node) => node.id)));
        const node: PipelineNode = { id, kind, position: { x: Math.round(position.x), y: Math.round(position.y) }, config: definition?.defaultConfig() ?? {} };
        change((document) => ({ ...document, nodes: [...document.nodes, node] }));
        return id;
      },

      moveNode(nodeId, position) {
        const rounded = { x: Math.round(position.x), y: Math.round(position.y) };
        const current = get().document.nodes.find((node) => node.id === nodeId);
        if (!current || (current.position.x === rounded.x && current.position.y === rounded.y)) return;
        mapNode(nodeId, (node) => ({ ...node, position: rounded }));
      },

      connect(connection) {
        const { document } = get();
        if (connection.source === connection.target) return undefined;
        const ids = new Set(document.nodes.map((node) => node.id));
        if (!ids.has(connection.source) || !ids.has(connection.target)) return undefined;
        const sourceHandle = connection.sourceHandle ?? null;
        const targetHandle = connection.targetHandle ?? null;
        const duplicate = document.edges.some(
          (edge) =>
            edge.source === connection.source &&
            edge.target === connection.target &&
            (edge.sourceHandle ?? null) === sourceHandle &&
            (edge.targetHandle ?? null) === targetHandle,
        );
        if (duplicate) return undefined;
        const edge: PipelineEdge = {
          id: edgeIdFor(connection, document.edges),
          source: connection.source,
          target: connection.target,
          ...(sourceHandle ? { sourceHandle } : {}),
          ...(targetHandle ? { targetHandle } : {}),
        };
        change((current) => ({ ...current, edges: [...current.edges, edge] }));
        return edge.id;
      },

      removeElements({ nodeIds = [], edgeIds = [] }) {
        if (nodeIds.length === 0 && edgeIds.length === 0) return;
        const nodes = new Set(nodeIds);
        const edges = new Set(edgeIds);
        change((document) => ({
          ...document,
          nodes: document.nodes.filter((node) => !nodes.has(node.id)),
          edges: document.edges.filter((edge) => !edges.has(edge.id) && !nodes.has(edge.source) && !nodes.has(edge.target)),
        }));
      },

      updateNodeConfig(nodeId, config) {
        mapNode(nodeId, (node) => ({ ...node, config }));
      },

      renameNode(nodeId, { id, label }) {
        const { document } = get();
        if (!document.nodes.some((node) => node.id === nodeId)) return { ok: false, error: `There is no node "${nodeId}"` };
        if (id !== undefined && id !== nodeId) {
          const parsed = nodeIdSchema.safeParse(id);
          if (!parsed.success) return { ok: false, error: `Id ${parsed.error.issues[0]?.message ?? 'is invalid'}` };
          if (document.nodes.some((node) => node.id === id)) return { ok: false, error: `Another node already has the id "${id}"` };
        }
        const newId = id ?? nodeId;
        change((current) => ({
          ...current,
          nodes: current.nodes.map((node) => {
            if (node.id !== nodeId) return node;
            const { label: _previous, ...rest } = node;
            const nextLabel = label === undefined ? node.label : label.trim();
            return { ...rest, id: newId, ...(nextLabel ? { label: nextLabel } : {}) };
          }),
          edges:
            newId === nodeId
              ? current.edges
              : current.edges.map((edge) => ({
                  ...edge,
                  source: edge.source === nodeId ? newId : edge.source,
                  target: edge.target === nodeId ? newId : edge.target,
                })),
        }));
        return { ok: true };
      },

      setInputsSchema(schema) {
        change((document) => ({ ...document, inputs: schema }));
      },

      setPipelineInfo({ name, description }) {
        change((document) => {
          const next = { ...document, ...(name !== undefined ? { name } : {}) };
          if (description === undefined) return next;
          if (description.trim() === '') {
            const { description: _removed, ...rest } = next;
            return rest;
          }
          return { ...next, description };
        });
      },

      replaceDocument(document, { dirty = true } = {}) {
        set({ document, dirty });
      },

      markSaved(saved) {
        set((state) => ({ dirty: saved !== undefined && state.document !== saved }));
      },
    };
  });
}
