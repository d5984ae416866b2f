import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { AlertCircle, Clock, RotateCcw } from 'lucide-react';
import { contextStyleOf } from '../nodes/node-context-style.ts';
import { iconOf } from '../nodes/node-icons.ts';
import { viewOf } from '../nodes/index.ts';
import { summaryOf } from '../nodes/node-registry.ts';
import { cn } from '../ui/cn.ts';
import { formatCost, formatDuration } from '../ui/format.ts';
import { stepStatusStyles } from '../ui/status-style.ts';
import { currentFallbackModel } from '../runs/attempt-outcomes.ts';
import { FallbackModelLine, StreamingTail, WaitingCallout } from './node-card-extras.tsx';
import { NodeHandles } from './node-handles.tsx';
import type { CanvasNode } from './to-react-flow.ts';

/** A node the finished run never reached. */
const notRunStyle = { label: 'Not run', border: 'border-dashed border-zinc-300 opacity-70', bar: 'bg-zinc-200' };

/** The card of one pipeline node, on the editor canvas and on a run's canvas. */
export const PipelineNodeCard = memo(function PipelineNodeCard({ data, selected }: NodeProps<CanvasNode>) {
  const { node, displayName, context, problems, estimate, step, readOnly, runFinished, highlight } = data;
  const style = contextStyleOf(context);
  const Icon = iconOf(node.kind);
  const Summary = viewOf(node.kind)?.Summary;
  const { model, preview } = summaryOf(node);
  const status = step?.status ?? (readOnly ? (runFinished ? 'not-run' : 'queued') : undefined);
  const statusStyle = status === 'not-run' ? notRunStyle : status ? stepStatusStyles[status] : undefined;
  const attempts = step?.attempts.length ?? 0;
  const fallbackModel = step ? currentFallbackModel(step) : undefined;
  const liveStatus = step?.status === 'running' ? viewOf(node.kind)?.liveStatus?.(step, node) : undefined;
  const live =
    step?.status === 'running' && step.streamingText ? (
      <StreamingTail text={step.streamingText} role={step.streamingRole} status={liveStatus} />
    ) : step?.status === 'waiting' ? (
      <WaitingCallout step={step} />
    ) : liveStatus ? (
      <p className="mt-2 text-[10px] font-semibold tracking-wide text-blue-700 uppercase" data-testid="node-live-status">
        {liveStatus}
      </p>
    ) : null;

  return (
    <div
      data-testid="canvas-node"
      data-node-id={node.id}
      data-kind={node.kind}
      data-status={status ?? 'idle'}
      data-problems={problems.length}
      data-highlight={highlight}
      data-reused={step?.reusedFrom ? 'true' : undefined}
      className={cn(
        'relative w-60 rounded-lg border bg-white shadow-sm transition-shadow',
        statusStyle ? statusStyle.border : 'border-zinc-200',
        status === 'running' && 'border-2',
        problems.length > 0 && 'ring-2 ring-red-400 ring-offset-1',
        selected && problems.length === 0 && 'ring-2 ring-accent-500 ring-offset-1',
        selected && problems.length > 0 && 'ring-red-500',
        !context && 'border-dashed',
        highlight === 'added' && 'ring-2 ring-emerald-400 ring-offset-2',
        highlight === 'changed' && 'ring-2 ring-amber-400 ring-offset-2',
      )}
    >
      <NodeHandles nodeId={node.id} kind={node.kind} readOnly={readOnly} />
      {problems.length > 0 ? (
        <span
          data-testid="node-problem-count"
          title={problems.map((problem) => problem.message).join('\n')}
          className="absolute -top-2.5 -right-2.5 flex h-5 min-w-5 items-center justify-center gap-0.5 rounded-full bg-red-500 px-1.5 text-[10px] font-semibold text-white shadow"
        >
          <AlertCircle className="size-3" />
          {problems.length}
        </span>
      ) : null}
      <div className="flex items-center gap-2.5 px-3 pt-2.5 pb-2">
        <span className={cn('grid size-7 shrink-0 place-items-center rounded-md', style.tile)}>
          <Icon className="size-4" />
        </span>
        <div className="min-w-0 flex-1">
          <p className="truncate text-[13px] leading-tight font-semibold text-zinc-900">{node.label || node.id}</p>
          <p className={cn('truncate text-[11px] leading-tight', style.text)}>
            {displayName}
            {node.label ? <span className="text-zinc-400"> · {node.id}</span> : null}
          </p>
        </div>
        {step && attempts > 1 ? (
          <span data-testid="node-attempts" className="flex items-center gap-0.5 rounded bg-amber-50 px-1 text-[10px] font-semibold text-amber-700" title={`${attempts} attempts`}>
            <RotateCcw className="size-2.5" />
            {attempts}
          </span>
        ) : null}
      </div>
      {Summary || model || preview ? (
        <div className="border-t border-zinc-100 px-3 py-2">
          {Summary ? (
            <Summary config={node.config} />
          ) : (
            <>
              {model ? <p className="mb-1 truncate font-mono text-[11px] text-zinc-500">{model}</p> : null}
              {fallbackModel ? <FallbackModelLine model={fallbackModel} /> : null}
              {preview ? <p className="line-clamp-2 font-mono text-[11px] leading-snug break-all text-zinc-700">{preview}</p> : null}
            </>
          )}
          {live}
        </div>
      ) : live ? (
        <div className="border-t border-zinc-100 px-3 py-2">{live}</div>
      ) : null}
      {(estimate && !step) || statusStyle ? (
        <div className="flex items-center justify-between gap-2 border-t border-zinc-100 px-3 py-1.5 text-[11px] text-zinc-500">
          {statusStyle ? (
            <span className="flex items-center gap-1.5" data-testid="node-status-label">
              <span className={cn('size-1.5 rounded-full', statusStyle.bar)} />
              {step?.reusedFrom ? 'Reused' : statusStyle.label}
            </span>
          ) : (
            <span data-testid="node-estimate" className="flex items-center gap-1">
              <Clock className="size-3" />~{formatDuration(estimate!.latencyMs)} · {formatCost(estimate!.costUsd)}
            </span>
          )}
          {step?.startedAt && step.finishedAt ? <span>{formatDuration(step.finishedAt - step.startedAt)}</span> : null}
        </div>
      ) : null}
    </div>
  );
});
