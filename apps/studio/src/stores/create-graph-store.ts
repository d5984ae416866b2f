import { createStore, type StoreApi } from 'zustand';
import { temporal, type TemporalState } from 'zundo';
import { builtInNodes, changedPaths, createNodeRegistry, retargetReferences, type NodeRegistry } from '@tandem/engine';
import { nodeIdSchema, type JsonSchema, type PipelineDocument, type PipelineEdge, type PipelineNode } from '@tandem/shared';
import {
  moveNodes,
  pasteNodes,
  removeElements,
  uniqueId,
  type NodesClipboard,
  type ReferenceFix,
  type XYPosition,
} from './document-edits.ts';
import { createEditHistory, type EditHistoryOptions } from './edit-history.ts';

export { uniqueId, type XYPosition } from './document-edits.ts';

export interface ConnectionRequest {
  source: string;
  target: string;
  sourceHandle?: string | null;
  targetHandle?: string | null;
}

export type RenameResult = { ok: true } | { ok: false; error: string };

/** How an edit joins the undo history: edits with the same `coalesce` key in a row make one undo step. */
export interface EditOptions {
  coalesce?: string;
}

/** The document being edited and the named actions that change it. Every change can be undone. */
export interface GraphState {
  document: PipelineDocument;
  /** The document as last loaded or saved. */
  savedDocument: PipelineDocument;
  /** True when the document differs from the one last loaded or saved (undoing back to it makes it clean). */
  dirty: boolean;
  /** Places a node of `kind` with its default config; returns the new node's id. */
  addNode(kind: string, position: XYPosition): string;
  moveNode(nodeId: string, position: XYPosition, options?: EditOptions): void;
  /** Moves several nodes at once (a drag of a selection, a layout): one undo step. */
  moveNodes(moves: readonly { id: string; position: XYPosition }[], options?: EditOptions): void;
  /** Adds an edge; returns its id, or undefined when it would be a self-loop or a duplicate. */
  connect(connection: ConnectionRequest): string | undefined;
  /** Removes nodes (with their edges) and edges; `fix` says what becomes of references to removed nodes (default: kept, shown as problems). */
  removeElements(elements: { nodeIds?: readonly string[]; edgeIds?: readonly string[] }, fix?: ReferenceFix): void;
  updateNodeConfig(nodeId: string, config: Record<string, unknown>): void;
  /** Changes a node's id and/or label. Edges and references in other nodes follow a new id. */
  renameNode(nodeId: string, change: { id?: string; label?: string }): RenameResult;
  /** Adds copies of copied nodes, moved by `offset`; answers the copies' ids. */
  pasteNodes(clipboard: NodesClipboard, offset: XYPosition): string[];
  setInputsSchema(schema: JsonSchema): void;
  setPipelineInfo(info: { name?: string; description?: string }): void;
  /** Swaps in another document (an import, a restored version): one undo step. */
  replaceDocument(document: PipelineDocument, options?: { dirty?: boolean }): void;
  /** Marks the document saved; pass the document that was sent so edits made during the save stay dirty. */
  markSaved(saved?: PipelineDocument): void;
  undo(): void;
  redo(): void;
}

/** The undo history of a graph store (zundo's temporal store). */
export type GraphHistory = StoreApi<TemporalState<{ document: PipelineDocument }>>;

export type GraphStore = StoreApi<GraphState> & { temporal: GraphHistory };

const defaultRegistry = createNodeRegistry(builtInNodes);

function edgeIdFor(connection: ConnectionRequest, edges: readonly PipelineEdge[]): string {
  const handle = connection.sourceHandle ? `-${connection.sourceHandle}` : '';
  return uniqueId(`e-${connection.source}${handle}-${connection.target}`, new Set(edges.map((edge) => edge.id)), '-');
}

export interface GraphStoreOptions extends EditHistoryOptions {
  registry?: NodeRegistry;
  /** How many undo steps are kept. */
  historyLimit?: number;
}

/**
 * Creates the store of one open pipeline document, with its undo history.
 * @example
 * const store = createGraphStore(document);
 * const id = store.getState().addNode('llm', { x: 100, y: 40 });
 * store.getState().undo(); // the node is gone again
 */
export function createGraphStore(initial: PipelineDocument, options: GraphStoreOptions = {}): GraphStore {
  const registry = options.registry ?? defaultRegistry;
  const history = createEditHistory(options);
  const store = createStore<GraphState>()(
    temporal(
      (set, get) => {
        /** Applies a change to the document, as one undo step unless its coalesce key continues the last one. */
        const change = (update: (document: PipelineDocument) => PipelineDocument, coalesce?: string) =>
          history.withKey(coalesce, () =>
            set((state) => {
              const document = update(state.document);
              return document === state.document ? state : { document, dirty: document !== state.savedDocument };
            }),
          );
        const mapNode = (nodeId: string, update: (node: PipelineNode) => PipelineNode, coalesce?: string) =>
          change((document) => ({ ...document, nodes: document.nodes.map((node) => (node.id === nodeId ? update(node) : node)) }), coalesce);
        const timeTravel = (direction: 'undo' | 'redo') => {
          history.breakBurst();
          const temporalState = (store as GraphStore).temporal.getState();
          temporalState[direction]();
          set((state) => ({ dirty: state.document !== state.savedDocument }));
        };

        return {
          document: initial,
          savedDocument: initial,
          dirty: false,

          addNode(kind, position) {
            const definition = registry.get(kind);
            const base = kind.replace(/[^A-Za-z0-9_-]/g, '_').replace(/^[^A-Za-z_]/, 'n');
            const id = uniqueId(base, new Set(get().document.nodes.map((node) => node.id)));
            const node: PipelineNode = { id, kind, position: { x: Math.round(position.x), y: Math.round(position.y) }, config: definition?.defaultConfig() ?? {} };
            change((document) => ({ ...document, nodes: [...document.nodes, node] }));
            return id;
          },

          moveNode(nodeId, position, editOptions = {}) {
            change((document) => moveNodes(document, [{ id: nodeId, position }]), editOptions.coalesce);
          },

          moveNodes(moves, editOptions = {}) {
            change((document) => moveNodes(document, moves), editOptions.coalesce);
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

          removeElements(elements, fix = { type: 'keep' }) {
            if ((elements.nodeIds ?? []).length === 0 && (elements.edgeIds ?? []).length === 0) return;
            change((document) => removeElements(document, elements, fix, registry));
          },

          updateNodeConfig(nodeId, config) {
            const before = get().document.nodes.find((node) => node.id === nodeId)?.config;
            const paths = changedPaths(before, config);
            // Typing into one field coalesces into one undo step; a change touching several fields is its own.
            mapNode(nodeId, (node) => ({ ...node, config }), paths.length === 1 ? `field:${nodeId}:${paths[0]}` : undefined);
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
            const renames = new Map(newId === nodeId ? [] : [[nodeId, newId]]);
            change(
              (current) => ({
                ...current,
                nodes: current.nodes.map((node) => {
                  if (node.id !== nodeId) {
                    const config = retargetReferences(node.config, registry.get(node.kind), renames);
                    return config === node.config ? node : { ...node, config };
                  }
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
              }),
              id === undefined && label !== undefined ? `label:${nodeId}` : undefined,
            );
            return { ok: true };
          },

          pasteNodes(clipboard, offset) {
            let ids: string[] = [];
            change((document) => {
              const pasted = pasteNodes(document, clipboard, offset, registry);
              ids = pasted.ids;
              return pasted.document;
            });
            return ids;
          },

          setInputsSchema(schema) {
            change((document) => ({ ...document, inputs: schema }), 'inputs');
          },

          setPipelineInfo({ name, description }) {
            change(
              (document) => {
                const next = { ...document, ...(name !== undefined ? { name } : {}) };
                if (description === undefined) return next;
                if (description.trim() === '') {
                  const { description: _removed, ...rest } = next;
                  return rest;
                }
                return { ...next, description };
              },
              `info:${name !== undefined ? 'name' : ''}${description !== undefined ? 'description' : ''}`,
            );
          },

          replaceDocument(document, { dirty = true } = {}) {
            history.breakBurst();
            set((state) => (dirty ? { document, dirty: document !== state.savedDocument } : { document, savedDocument: document, dirty: false }));
          },

          markSaved(saved) {
            history.breakBurst();
            set((state) => {
              const savedDocument = saved ?? state.document;
              return { savedDocument, dirty: state.document !== savedDocument };
            });
          },

          undo: () => timeTravel('undo'),
          redo: () => timeTravel('redo'),
        };
      },
      {
        partialize: (state) => ({ document: state.document }),
        equality: (past, current) => past.document === current.document,
        limit: options.historyLimit ?? 200,
        handleSet: (handleSet) => (pastState, replace, currentState, deltaState) => {
          if (history.continuesLastStep()) return;
          // zundo hands its four-argument recorder in here, though its types declare `setState`.
          (handleSet as unknown as (...args: unknown[]) => void)(pastState, replace, currentState, deltaState);
        },
      },
    ),
  );
  return store as GraphStore;
}
