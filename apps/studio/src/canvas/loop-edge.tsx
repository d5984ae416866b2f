import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, type EdgeProps, type Edge } from '@xyflow/react';
import { RotateCcw } from 'lucide-react';
import type { LoopEdgeData } from './to-react-flow.ts';

/** A validator's retry loop back to the step it guards: a dashed arc above both nodes. */
export const LoopEdge = memo(function LoopEdge({ id, sourceX, sourceY, targetX, targetY, data }: EdgeProps<Edge<LoopEdgeData, 'loop'>>) {
  const lift = 70 + Math.min(Math.abs(sourceX - targetX) * 0.15, 80);
  const top = Math.min(sourceY, targetY) - lift;
  const path = `M ${sourceX},${sourceY} C ${sourceX},${top} ${targetX},${top} ${targetX},${targetY}`;
  const labelX = (sourceX + targetX) / 2;
  // The top of the cubic Bézier: its control points sit at `top`, so the curve peaks 3/4 of the way up.
  const labelY = Math.min(sourceY, targetY) - lift * 0.75;
  const sentBack = data?.sentBack ?? 0;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        style={{ stroke: '#d97706', strokeWidth: 1.5, strokeDasharray: '6 4' }}
        markerEnd="url(#loop-arrow)"
        data-testid="loop-edge"
        data-validator-id={data?.validatorId}
        data-target-id={data?.targetId}
      />
      <EdgeLabelRenderer>
        <div
          data-testid="loop-edge-label"
          data-validator-id={data?.validatorId}
          title={`${data?.validatorId ?? 'The validator'} sends ${data?.targetId ?? 'its target'} back when a check fails`}
          className="pointer-events-none absolute flex items-center gap-1 rounded-full border border-amber-300 bg-amber-50 px-2 py-0.5 text-[11px] font-medium whitespace-nowrap text-amber-800 shadow-xs"
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
        >
          <RotateCcw className="size-3" />
          {data?.label ?? 'retry'}
          {sentBack > 0 ? (
            <span data-testid="loop-edge-count" className="ml-0.5 rounded-full bg-amber-600 px-1.5 text-[10px] font-semibold text-white">
              sent back {sentBack}×
            </span>
          ) : null}
        </div>
      </EdgeLabelRenderer>
    </>
  );
});

/** The arrow head of loop edges; render once inside the canvas. */
export function LoopEdgeMarker() {
  return (
    <svg className="absolute h-0 w-0" aria-hidden>
      <defs>
        <marker id="loop-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" fill="#d97706" />
        </marker>
      </defs>
    </svg>
  );
}
