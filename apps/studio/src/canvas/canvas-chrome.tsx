import { Background, BackgroundVariant, Controls } from '@xyflow/react';

/** Viewport settings shared by the editor and run canvases: fit the graph, never below half size. */
export const canvasViewportProps = {
  fitView: true,
  fitViewOptions: { padding: 0.12, maxZoom: 1, minZoom: 0.5 },
  minZoom: 0.2,
  attributionPosition: 'bottom-left',
} as const;

/** The dotted background and zoom controls of every canvas. */
export function CanvasChrome() {
  return (
    <>
      <Background variant={BackgroundVariant.Dots} gap={18} size={1.2} />
      <Controls showInteractive={false} position="bottom-right" />
    </>
  );
}
