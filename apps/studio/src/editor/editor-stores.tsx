import { createContext, useContext, useRef, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { GraphState, GraphStore } from '../stores/create-graph-store.ts';
import type { SelectionState, SelectionStore } from '../stores/create-selection-store.ts';

interface EditorStores {
  graph: GraphStore;
  selection: SelectionStore;
}

const EditorStoresContext = createContext<EditorStores | null>(null);

/** Makes one open pipeline's stores available to the editor's components. */
export function EditorStoresProvider({ graph, selection, children }: EditorStores & { children: ReactNode }) {
  return <EditorStoresContext.Provider value={{ graph, selection }}>{children}</EditorStoresContext.Provider>;
}

function useEditorStores(): EditorStores {
  const stores = useContext(EditorStoresContext);
  if (!stores) throw new Error('Editor components must be rendered inside <EditorStoresProvider>');
  return stores;
}

/** Subscribes to a slice of the document store. */
export function useGraph<Slice>(selector: (state: GraphState) => Slice): Slice {
  return useStore(useEditorStores().graph, selector);
}

/** Subscribes to a slice of the document store, re-rendering only when `equal` says it changed. */
export function useGraphWithEquality<Slice>(selector: (state: GraphState) => Slice, equal: (a: Slice, b: Slice) => boolean): Slice {
  // Like zustand's useShallow: hand back the previous slice while `equal` holds, so the component keeps it.
  const previous = useRef<{ slice: Slice } | undefined>(undefined);
  return useStore(useEditorStores().graph, (state) => {
    const next = selector(state);
    if (previous.current && equal(previous.current.slice, next)) return previous.current.slice;
    previous.current = { slice: next };
    return next;
  });
}

/** Subscribes to several fields of the document store, re-rendering only when one of them changes. */
export function useGraphShallow<Slice extends object>(selector: (state: GraphState) => Slice): Slice {
  return useStore(useEditorStores().graph, useShallow(selector));
}

/** The document store itself, for event handlers that read the latest state. */
export function useGraphStore(): GraphStore {
  return useEditorStores().graph;
}

/** Whether there is something to undo and to redo. */
export function useUndoAvailability(): { canUndo: boolean; canRedo: boolean } {
  const history = useEditorStores().graph.temporal;
  const canUndo = useStore(history, (state) => state.pastStates.length > 0);
  const canRedo = useStore(history, (state) => state.futureStates.length > 0);
  return { canUndo, canRedo };
}

/** The selection store itself, for event handlers. */
export function useSelectionStore(): SelectionStore {
  return useEditorStores().selection;
}

export function useSelection<Slice>(selector: (state: SelectionState) => Slice): Slice {
  return useStore(useEditorStores().selection, selector);
}
