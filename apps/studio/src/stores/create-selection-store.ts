import { createStore, type StoreApi } from 'zustand';

/** Ephemeral editor UI state: which node the inspector shows. */
export interface SelectionState {
  selectedNodeId: string | undefined;
  selectNode(nodeId: string | undefined): void;
}

export type SelectionStore = StoreApi<SelectionState>;

/** Creates the selection store of one open editor. */
export function createSelectionStore(): SelectionStore {
  return createStore<SelectionState>()((set) => ({
    selectedNodeId: undefined,
    selectNode: (nodeId) => set((state) => (state.selectedNodeId === nodeId ? state : { selectedNodeId: nodeId })),
  }));
}
