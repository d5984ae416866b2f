import { useCallback, useEffect, useMemo, useState } from 'react';
import { ReactFlow, ReactFlowProvider, useReactFlow, type NodeChange } from '@xyflow/react';
import type { StepView } from '@tandem/engine';
import type { PipelineDocument } from '@tandem/shared';
import { edgeTypes, nodeTypes } from '../canvas/flow-types.ts';
import { LoopEdgeMarker } from '../canvas/loop-edge.tsx';
import { createFlowNodeCache, readNodeChanges, toFlowEdges, toFlowNodes } from '../canvas/to-react-flow.ts';
import { useMeasuredSizes } from '../canvas/use-measured-sizes.ts';
import { nodeRegistry } from '../nodes/node-registry.ts';
import { CanvasChrome, canvasViewportProps, fitReadable, visibleOnlyFrom } from '../canvas/canvas-chrome.tsx';

export interface RunCanvasProps {
  document: PipelineDocument;
  steps: Readonly<Record<string, StepView>>;
  selectedNodeId: string | undefined;
  onSelect: (nodeId: string | undefined) => void;
  runFinished: boolean;
}

function RunCanvasFlow({ document, steps, selectedNodeId, onSelect, runFinished }: RunCanvasProps) {
  const [measured, applyDimensions] = useMeasuredSizes();
  const [cache] = useState(createFlowNodeCache);
  const instance = useReactFlow();
  const nodes = useMemo(
    () => toFlowNodes(document, { registry: nodeRegistry, steps, selectedNodeId, measured, readOnly: true, runFinished, cache }),
    [document, steps, selectedNodeId, measured, runFinished, cache],
  );
  useEffect(() => {
    const element = document.id ? globalThis.document.querySelector<HTMLElement>('[data-testid="run-canvas"]') : null;
    const frame = requestAnimationFrame(() => fitReadable(instance, { width: element?.clientWidth ?? 0, height: element?.clientHeight ?? 0 }));
    return () => cancelAnimationFrame(frame);
  }, [instance, document.id]);
  const edges = useMemo(() => toFlowEdges(document, { steps }), [document, steps]);
  const onNodesChange = useCallback(
    (changes: NodeChange[]) => {
      const read = readNodeChanges(changes);
      applyDimensions(read.dimensions);
      if (read.selectedNodeId !== undefined) onSelect(read.selectedNodeId ?? undefined);
    },
    [applyDimensions, onSelect],
  );
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={onNodesChange}
      nodesDraggable={false}
      nodesConnectable={false}
      edgesFocusable={false}
      deleteKeyCode={null}
      {...canvasViewportProps}
      onlyRenderVisibleElements={document.nodes.length >= visibleOnlyFrom}
    >
      <CanvasChrome />
    </ReactFlow>
  );
}

/** The run's pipeline version, read-only, with each node showing its step's state. */
export function RunCanvas(props: RunCanvasProps) {
  return (
    <div className="h-full w-full" data-testid="run-canvas">
      <LoopEdgeMarker />
      <ReactFlowProvider>
        <RunCanvasFlow {...props} />
      </ReactFlowProvider>
    </div>
  );
}
