import { useRef, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { referencesToNode, type NodeReferenceSite } from '@tandem/engine';
import { freePositionNear, type Box } from '../canvas/free-position.ts';
import { defaultNodeSize, layoutPipeline } from '../canvas/layout-graph.ts';
import type { MeasuredSizes } from '../canvas/use-measured-sizes.ts';
import { nodeRegistry } from '../nodes/node-registry.ts';
import { copyNodes, pasteOffset, type ReferenceFix } from '../stores/document-edits.ts';
import { toast } from '../ui/toast.tsx';
import { useGraphStore, useSelectionStore } from './editor-stores.tsx';
import { pastedNodes, writeNodesClipboard } from './node-clipboard.ts';
import type { EditorCommands } from './use-editor-shortcuts.ts';

/** Nodes about to be deleted that other nodes refer to: the editor asks what to do with the references. */
export interface PendingDelete {
  nodeIds: string[];
  edgeIds: string[];
  sites: NodeReferenceSite[];
}

export interface EditorCommandDeps {
  measured: MeasuredSizes;
  canvasElement: HTMLElement | null;
  onSave: () => void;
  onOpenSearch: () => void;
  onOpenShortcuts: () => void;
}

/** The editor's actions, shared by the toolbar, the keyboard and the search. */
export function useEditorCommands({ measured, canvasElement, onSave, onOpenSearch, onOpenShortcuts }: EditorCommandDeps) {
  const store = useGraphStore();
  const selection = useSelectionStore();
  const { screenToFlowPosition, setCenter, getZoom } = useReactFlow();
  const [pendingDelete, setPendingDelete] = useState<PendingDelete>();
  const [laidOut, setLaidOut] = useState(0);

  const boxOf = (nodeId: string): Box | undefined => {
    const node = store.getState().document.nodes.find((entry) => entry.id === nodeId);
    return node ? { ...node.position, ...(measured.get(nodeId) ?? defaultNodeSize) } : undefined;
  };

  const viewCentre = () => {
    const rect = canvasElement?.getBoundingClientRect();
    const centre = rect ? screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }) : { x: 0, y: 0 };
    return { x: centre.x - defaultNodeSize.width / 2, y: centre.y - defaultNodeSize.height / 2 };
  };

  const focusNode = (nodeId: string) => {
    selection.getState().selectNode(nodeId);
    const box = boxOf(nodeId);
    if (box) void setCenter(box.x + box.width / 2, box.y + box.height / 2, { zoom: Math.max(getZoom(), 1), duration: 300 });
  };

  /** Adds a node in free space right of the selected node (or in the middle of the view). */
  const addNode = (kind: string) => {
    const { document } = store.getState();
    const anchorId = selection.getState().selectedNodeIds.at(-1);
    const occupied = document.nodes.map((node) => boxOf(node.id)!);
    const position = freePositionNear(anchorId ? boxOf(anchorId) : undefined, occupied, defaultNodeSize, viewCentre());
    const id = store.getState().addNode(kind, position);
    selection.getState().selectNode(id);
    return id;
  };

  const deleteNow = (nodeIds: readonly string[], edgeIds: readonly string[], fix: ReferenceFix) => {
    store.getState().removeElements({ nodeIds, edgeIds }, fix);
    selection.getState().selectNodes([]);
    selection.getState().applyEdgeSelectionChanges(edgeIds.map((id) => ({ id, selected: false })));
  };

  /** Deletes nodes and edges; when other nodes refer to a deleted node, asks what to do with the references first. */
  const requestDelete = (nodeIds: readonly string[], edgeIds: readonly string[] = []) => {
    if (nodeIds.length === 0 && edgeIds.length === 0) return;
    const { document } = store.getState();
    const deleted = new Set(nodeIds);
    const sites = nodeIds.flatMap((id) => referencesToNode(document, nodeRegistry, id)).filter((site) => !deleted.has(site.nodeId));
    if (sites.length === 0) deleteNow(nodeIds, edgeIds, { type: 'keep' });
    else setPendingDelete({ nodeIds: [...nodeIds], edgeIds: [...edgeIds], sites });
  };

  const copy = (event?: ClipboardEvent): boolean => {
    const ids = selection.getState().selectedNodeIds;
    if (ids.length === 0) return false;
    writeNodesClipboard(copyNodes(store.getState().document, ids), event);
    pasteCount.current = 0;
    return true;
  };

  // Each paste of the same copy lands a step further, so copies never stack on each other.
  const pasteCount = useRef(0);
  const paste = (event?: ClipboardEvent) => {
    const clipboard = pastedNodes(event);
    if (!clipboard || clipboard.nodes.length === 0) return;
    event?.preventDefault();
    pasteCount.current++;
    const ids = store.getState().pasteNodes(clipboard, pasteOffset(clipboard, pasteCount.current));
    selection.getState().selectNodes(ids);
  };

  const layout = async () => {
    try {
      const positions = await layoutPipeline(store.getState().document, measured);
      store.getState().moveNodes(positions);
      setLaidOut((count) => count + 1);
    } catch (error) {
      toast('Could not lay out the pipeline', { tone: 'error', description: (error as Error).message });
    }
  };

  const commands: EditorCommands = {
    undo: () => store.getState().undo(),
    redo: () => store.getState().redo(),
    copy,
    paste,
    duplicate: () => {
      const ids = selection.getState().selectedNodeIds;
      if (ids.length === 0) return;
      const clipboard = copyNodes(store.getState().document, ids);
      const pasted = store.getState().pasteNodes(clipboard, pasteOffset(clipboard, 1));
      selection.getState().selectNodes(pasted);
    },
    deleteSelection: () => requestDelete(selection.getState().selectedNodeIds, [...selection.getState().selectedEdgeIds]),
    save: onSave,
    openSearch: onOpenSearch,
    openShortcuts: onOpenShortcuts,
    layout: () => void layout(),
  };

  return {
    commands,
    addNode,
    focusNode,
    requestDelete,
    layout,
    /** Counts layouts, so the view can fit the new arrangement. */
    laidOut,
    pendingDelete,
    resolveDelete(fix: ReferenceFix | undefined) {
      if (pendingDelete && fix) deleteNow(pendingDelete.nodeIds, pendingDelete.edgeIds, fix);
      setPendingDelete(undefined);
    },
  };
}
