import { useCallback } from 'react';
import { Background, BackgroundVariant, ControlButton, Controls, MiniMap, useReactFlow, type Node, type ReactFlowInstance } from '@xyflow/react';
import { Maximize } from 'lucide-react';
import { contextStyleOf } from '../nodes/node-context-style.ts';
import type { CanvasNode } from './to-react-flow.ts';

/** The smallest zoom a fit goes to: below it node text is too small to read (the canvas pans instead). */
export const readableZoom = 0.8;

/** Viewport settings shared by the editor and run canvases. The first fit happens in {@link fitReadable}. */
export const canvasViewportProps = {
  minZoom: 0.2,
  maxZoom: 2,
  attributionPosition: 'bottom-left',
} as const;

/** From this many nodes on, only nodes in view are drawn: a large pipeline opens and pans quickly. */
export const visibleOnlyFrom = 120;

type FlowInstance = Pick<ReactFlowInstance, 'getNodes' | 'setViewport' | 'fitView'> & { domNode?: HTMLElement | null };

/**
 * Fits the graph in view at a readable size: the whole graph when it fits at `readableZoom` or more
 * (never above 1), else at `readableZoom` from the start of the pipeline (its left edge, vertically
 * centred on the first column), so what is shown can be read and the rest is a pan away.
 */
export function fitReadable(instance: FlowInstance, container: { width: number; height: number }, padding = 48) {
  const nodes = instance.getNodes();
  if (nodes.length === 0 || container.width === 0) return;
  const boxes = nodes.map((node: Node) => ({ x: node.position.x, y: node.position.y, width: node.measured?.width ?? 240, height: node.measured?.height ?? 90 }));
  const minX = Math.min(...boxes.map((box) => box.x));
  const minY = Math.min(...boxes.map((box) => box.y));
  const maxX = Math.max(...boxes.map((box) => box.x + box.width));
  const maxY = Math.max(...boxes.map((box) => box.y + box.height));
  const fit = Math.min((container.width - padding * 2) / (maxX - minX), (container.height - padding * 2) / (maxY - minY), 1);
  if (fit >= readableZoom) {
    void instance.fitView({ padding: 0.12, maxZoom: 1, minZoom: readableZoom });
    return;
  }
  const zoom = readableZoom;
  // The first column: nodes that start within one card width of the left edge.
  const firstColumn = boxes.filter((box) => box.x < minX + 240);
  const columnTop = Math.min(...firstColumn.map((box) => box.y));
  const columnBottom = Math.max(...firstColumn.map((box) => box.y + box.height));
  const graphHeight = (maxY - minY) * zoom;
  const y = graphHeight <= container.height - padding * 2 ? (container.height - graphHeight) / 2 - minY * zoom : container.height / 2 - ((columnTop + columnBottom) / 2) * zoom;
  void instance.setViewport({ x: padding - minX * zoom, y, zoom });
}

/** The dotted background, zoom controls with a readable fit, and a minimap. */
export function CanvasChrome({ minimap = true }: { minimap?: boolean }) {
  const instance = useReactFlow();
  const fit = useCallback(() => {
    const element = document.querySelector<HTMLElement>('.react-flow');
    fitReadable(instance, { width: element?.clientWidth ?? 0, height: element?.clientHeight ?? 0 });
  }, [instance]);
  return (
    <>
      <Background variant={BackgroundVariant.Dots} gap={18} size={1.2} />
      <Controls showInteractive={false} showFitView={false} position="bottom-right">
        <ControlButton onClick={fit} title="Fit to view (at a readable size)" aria-label="Fit to view" data-testid="fit-view">
          <Maximize />
        </ControlButton>
      </Controls>
      {minimap ? (
        <MiniMap<CanvasNode>
          position="bottom-left"
          pannable
          zoomable
          ariaLabel="Minimap"
          className="!m-3 overflow-hidden rounded-md border border-zinc-200 shadow-sm"
          style={{ width: 168, height: 112 }}
          nodeColor={(node) => contextStyleOf(node.data.context).minimap}
          nodeBorderRadius={6}
          maskColor="rgb(244 244 245 / 0.7)"
        />
      ) : null}
    </>
  );
}
