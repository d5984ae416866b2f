import { createStore, type StoreApi } from 'zustand';

/** Ephemeral editor UI state: the selected nodes, and the one the inspector shows. */
export interface SelectionState {
  /** Selected node ids, in the order they were selected. */
  selectedNodeIds: readonly string[];
  /** The node the inspector shows: the last one selected, while exactly one is selected. */
  selectedNodeId: string | undefined;
  /** Selects one node (or none), dropping the rest of the selection. */
  selectNode(nodeId: string | undefined): void;
  /** Replaces the selection. */
  selectNodes(nodeIds: readonly string[]): void;
  /** Applies React Flow's selection changes (click, shift-click, box selection). */
  applySelectionChanges(changes: readonly { id: string; selected: boolean }[]): void;
  /** Selected edge ids. */
  selectedEdgeIds: ReadonlySet<string>;
  applyEdgeSelectionChanges(changes: readonly { id: string; selected: boolean }[]): void;
}

export type SelectionStore = StoreApi<SelectionState>;

function withPrimary(selectedNodeIds: readonly string[]): Pick<SelectionState, 'selectedNodeIds' | 'selectedNodeId'> {
  return { selectedNodeIds, selectedNodeId: selectedNodeIds.length === 1 ? selectedNodeIds[0] : undefined };
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}

/** Creates the selection store of one open editor. */
export function createSelectionStore(): SelectionStore {
  return createStore<SelectionState>()((set) => ({
    selectedNodeIds: [],
    selectedNodeId: undefined,
    selectedEdgeIds: new Set(),
    applyEdgeSelectionChanges: (changes) =>
      set((state) => {
        const next = new Set(state.selectedEdgeIds);
        for (const { id, selected } of changes) (selected ? next.add(id) : next.delete(id));
        return next.size === state.selectedEdgeIds.size && [...next].every((id) => state.selectedEdgeIds.has(id)) ? state : { selectedEdgeIds: next };
      }),
    selectNode: (nodeId) => set((state) => (sameIds(state.selectedNodeIds, nodeId ? [nodeId] : []) ? state : withPrimary(nodeId ? [nodeId] : []))),
    selectNodes: (nodeIds) => set((state) => (sameIds(state.selectedNodeIds, nodeIds) ? state : withPrimary([...new Set(nodeIds)]))),
    applySelectionChanges: (changes) =>
      set((state) => {
        let next = [...state.selectedNodeIds];
        for (const { id, selected } of changes) {
          next = next.filter((entry) => entry !== id);
          if (selected) next.push(id);
        }
        return sameIds(next, state.selectedNodeIds) ? state : withPrimary(next);
      }),
  }));
}
