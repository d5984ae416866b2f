import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { ReactFlow, SelectionMode, useReactFlow, type Connection, type EdgeChange, type NodeChange } from '@xyflow/react';
import type { GraphProblem } from '@tandem/shared';
import { useGraph, useGraphStore, useSelection, useSelectionStore } from '../editor/editor-stores.tsx';
import { nodeRegistry } from '../nodes/node-registry.ts';
import { edgeTypes, nodeTypes } from './flow-types.ts';
import { LoopEdgeMarker } from './loop-edge.tsx';
import { paletteDragType } from './palette.tsx';
import { createFlowNodeCache, readEdgeChanges, readNodeChanges, toConnectionRequest, toFlowEdges, toFlowNodes, type NodeHighlight } from './to-react-flow.ts';
import type { MeasuredSizes } from './use-measured-sizes.ts';
import { CanvasChrome, canvasViewportProps, fitReadable, visibleOnlyFrom } from './canvas-chrome.tsx';

export interface EditorCanvasProps {
  problems: readonly GraphProblem[];
  estimates: Readonly<Record<string, { latencyMs: number; costUsd: number }>>;
  measured: MeasuredSizes;
  onMeasured: (dimensions: readonly { id: string; width: number; height: number }[]) => void;
  /** Nodes a version comparison marks. */
  highlights?: ReadonlyMap<string, NodeHighlight>;
  /** Asked to delete nodes (React Flow's own delete key is off: the editor offers to fix references first). */
  readOnly?: boolean;
}

let dragCount = 0;

/** The editable canvas: document state in, named store actions out. */
export function EditorCanvas({ problems, estimates, measured, onMeasured, highlights, readOnly = false }: EditorCanvasProps) {
  const store = useGraphStore();
  const selectionStore = useSelectionStore();
  const document = useGraph((state) => state.document);
  const selectedNodeIds = useSelection((state) => state.selectedNodeIds);
  const selectedEdgeIds = useSelection((state) => state.selectedEdgeIds);
  const instance = useReactFlow();
  const [cache] = useState(createFlowNodeCache);
  const selectedSet = useMemo(() => new Set(selectedNodeIds), [selectedNodeIds]);
  // One undo step per drag: every move of a drag carries the drag's key.
  const gesture = useRef<string | undefined>(undefined);
  const container = useRef<HTMLDivElement>(null);

  const nodes = useMemo(
    () => toFlowNodes(document, { registry: nodeRegistry, problems, estimates, selectedNodeIds: selectedSet, measured, cache, readOnly, ...(highlights ? { highlights } : {}) }),
    [document, problems, estimates, selectedSet, measured, cache, readOnly, highlights],
  );
  const edges = useMemo(() => toFlowEdges(document, { selectedEdgeIds }), [document, selectedEdgeIds]);

  useEffect(() => {
    // The first fit, once the canvas has its size: readable, from the start of the pipeline.
    const frame = requestAnimationFrame(() => fitReadable(instance, { width: container.current?.clientWidth ?? 0, height: container.current?.clientHeight ?? 0 }));
    return () => cancelAnimationFrame(frame);
  }, [instance]);

  const onNodesChange = useCallback(
    (changes: NodeChange[]) => {
      const read = readNodeChanges(changes);
      onMeasured(read.dimensions);
      if (read.moves.length > 0 && !readOnly) store.getState().moveNodes(read.moves, gesture.current ? { coalesce: gesture.current } : {});
      if (read.selection.length > 0) selectionStore.getState().applySelectionChanges(read.selection);
    },
    [store, selectionStore, onMeasured, readOnly],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const { selection } = readEdgeChanges(changes);
      if (selection.length > 0) selectionStore.getState().applyEdgeSelectionChanges(selection);
    },
    [selectionStore],
  );

  const onConnect = useCallback((connection: Connection) => void store.getState().connect(toConnectionRequest(connection)), [store]);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(paletteDragType);
      if (!kind || readOnly) return;
      event.preventDefault();
      const position = instance.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const id = store.getState().addNode(kind, { x: position.x - 120, y: position.y - 30 });
      selectionStore.getState().selectNode(id);
    },
    [instance, store, selectionStore, readOnly],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(paletteDragType)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
  }, []);

  return (
    <div ref={container} className="h-full w-full" data-testid="editor-canvas">
      <LoopEdgeMarker />
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onNodeDragStart={() => (gesture.current = `gesture:drag-${++dragCount}`)}
        onNodeDragStop={() => (gesture.current = undefined)}
        isValidConnection={(connection) => connection.source !== connection.target}
        onDrop={onDrop}
        onDragOver={onDragOver}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={null}
        multiSelectionKeyCode="Shift"
        selectionKeyCode="Shift"
        selectionMode={SelectionMode.Partial}
        {...canvasViewportProps}
        onlyRenderVisibleElements={document.nodes.length >= visibleOnlyFrom}
        defaultEdgeOptions={{ style: { strokeWidth: 1.5 } }}
      >
        <CanvasChrome />
      </ReactFlow>
    </div>
  );
}
