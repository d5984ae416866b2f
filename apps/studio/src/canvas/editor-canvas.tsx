import { useCallback, useMemo, useState, type DragEvent } from 'react';
import { ReactFlow, useReactFlow, type Connection, type EdgeChange, type NodeChange } from '@xyflow/react';
import type { GraphProblem } from '@tandem/shared';
import { useGraph, useGraphStore, useSelection } from '../editor/editor-stores.tsx';
import { nodeRegistry } from '../nodes/node-registry.ts';
import { edgeTypes, nodeTypes } from './flow-types.ts';
import { LoopEdgeMarker } from './loop-edge.tsx';
import { paletteDragType } from './palette.tsx';
import { readEdgeChanges, readNodeChanges, toConnectionRequest, toFlowEdges, toFlowNodes } from './to-react-flow.ts';
import { useMeasuredSizes } from './use-measured-sizes.ts';
import { CanvasChrome, canvasViewportProps } from './canvas-chrome.tsx';

export interface EditorCanvasProps {
  problems: readonly GraphProblem[];
  estimates: Readonly<Record<string, { latencyMs: number; costUsd: number }>>;
}

/** The editable canvas: document state in, named store actions out. */
export function EditorCanvas({ problems, estimates }: EditorCanvasProps) {
  const store = useGraphStore();
  const document = useGraph((state) => state.document);
  const selectedNodeId = useSelection((state) => state.selectedNodeId);
  const selectNode = useSelection((state) => state.selectNode);
  const [measured, applyDimensions] = useMeasuredSizes();
  const [selectedEdgeIds, setSelectedEdgeIds] = useState<ReadonlySet<string>>(() => new Set());
  const { screenToFlowPosition } = useReactFlow();

  const nodes = useMemo(
    () => toFlowNodes(document, { registry: nodeRegistry, problems, estimates, selectedNodeId, measured }),
    [document, problems, estimates, selectedNodeId, measured],
  );
  const edges = useMemo(() => toFlowEdges(document, { selectedEdgeIds }), [document, selectedEdgeIds]);

  const onNodesChange = useCallback(
    (changes: NodeChange[]) => {
      const read = readNodeChanges(changes);
      applyDimensions(read.dimensions);
      const actions = store.getState();
      for (const move of read.moves) actions.moveNode(move.id, move.position);
      if (read.removedNodeIds.length > 0) actions.removeElements({ nodeIds: read.removedNodeIds });
      if (read.selectedNodeId !== undefined) selectNode(read.selectedNodeId ?? undefined);
      else if (read.removedNodeIds.includes(selectedNodeId ?? '')) selectNode(undefined);
    },
    [store, applyDimensions, selectNode, selectedNodeId],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const { removedEdgeIds, selection } = readEdgeChanges(changes);
      if (removedEdgeIds.length > 0) store.getState().removeElements({ edgeIds: removedEdgeIds });
      if (selection.length > 0) {
        setSelectedEdgeIds((current) => {
          const next = new Set(current);
          for (const { id, selected } of selection) (selected ? next.add(id) : next.delete(id));
          return next;
        });
      }
    },
    [store],
  );

  const onConnect = useCallback((connection: Connection) => void store.getState().connect(toConnectionRequest(connection)), [store]);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(paletteDragType);
      if (!kind) return;
      event.preventDefault();
      const position = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const id = store.getState().addNode(kind, { x: position.x - 120, y: position.y - 30 });
      selectNode(id);
    },
    [screenToFlowPosition, store, selectNode],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(paletteDragType)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
  }, []);

  return (
    <div className="h-full w-full" data-testid="editor-canvas">
      <LoopEdgeMarker />
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={(connection) => connection.source !== connection.target}
        onDrop={onDrop}
        onDragOver={onDragOver}
        deleteKeyCode={['Backspace', 'Delete']}
        {...canvasViewportProps}
        defaultEdgeOptions={{ style: { strokeWidth: 1.5 } }}
      >
        <CanvasChrome />
      </ReactFlow>
    </div>
  );
}
