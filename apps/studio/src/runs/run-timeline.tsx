import { useMemo } from 'react';
import type { RunState } from '@tandem/engine';
import { cn } from '../ui/cn.ts';
import { formatDuration } from '../ui/format.ts';
import { stepStatusStyles } from '../ui/status-style.ts';
import { nodeRegistry } from '../nodes/node-registry.ts';
import { axisTicks, buildTimelineRows, busySpans } from './timeline-rows.ts';
import { buildTimeScale } from './time-scale.ts';

export interface RunTimelineProps {
  run: RunState;
  startedAt: number;
  /** The run's end, or now while it runs. */
  endAt: number;
  selectedNodeId: string | undefined;
  onSelect: (nodeId: string) => void;
}

const percent = (value: number) => `${Math.max(0, Math.min(100, value * 100))}%`;

/** The bar's duration: inside a wide bar, else beside it on whichever side has room. */
function DurationLabel({ start, end, text }: { start: number; end: number; text: string }) {
  const base = 'absolute top-[3px] text-[10px] leading-none whitespace-nowrap tabular-nums';
  if (end - start > 0.15) return <span className={cn(base, 'pr-1.5 text-white')} style={{ right: percent(1 - end) }}>{text}</span>;
  if (end > 0.85) return <span className={cn(base, 'pr-1 text-zinc-500')} style={{ right: percent(1 - start) }}>{text}</span>;
  return <span className={cn(base, 'pl-1 text-zinc-500')} style={{ left: percent(end) }}>{text}</span>;
}

/** Every step attempt as a bar on one time axis, with model calls as thin sub-bars. */
export function RunTimeline({ run, startedAt, endAt, selectedNodeId, onSelect }: RunTimelineProps) {
  const rows = useMemo(() => buildTimelineRows(run), [run]);
  const duration = Math.max(endAt - startedAt, 1);
  // Long waits for a person are drawn as a narrow break, so the model steps around them stay readable.
  const scale = useMemo(() => buildTimeScale(startedAt, endAt, busySpans(rows, endAt, (kind) => (kind ? nodeRegistry.get(kind)?.pauses === true : false))), [rows, startedAt, endAt]);
  const broken = scale.breaks.length > 0;
  const ticks = broken ? scale.labels : axisTicks(duration);
  const at = scale.at;
  const tickAt = (tick: number) => at(startedAt + tick);

  return (
    <div className="flex h-full flex-col" data-testid="run-timeline">
      <div className="flex border-b border-zinc-100 text-[10px] text-zinc-400">
        <div className="w-52 shrink-0 px-3 py-1.5 font-semibold tracking-wide uppercase">Timeline</div>
        <div className="relative mr-4 flex-1">
          {ticks
            .filter((tick) => tickAt(tick) < 0.94)
            .map((tick) => (
              <span key={tick} className="absolute top-1.5 -translate-x-1/2 whitespace-nowrap tabular-nums first:translate-x-0" style={{ left: percent(tickAt(tick)) }}>
                {formatDuration(tick)}
              </span>
            ))}
          {scale.breaks.map((gap) => (
            <span
              key={gap.start}
              data-testid="timeline-break"
              title={`${formatDuration(gap.end - gap.start)} waiting, drawn short`}
              className="absolute top-1 rounded bg-zinc-100 px-1 text-center whitespace-nowrap text-zinc-500"
              style={{ left: percent(gap.from), width: percent(gap.to - gap.from) }}
            >
              ≈ {formatDuration(gap.end - gap.start)}
            </span>
          ))}
        </div>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto py-1">
        {rows.length === 0 ? <p className="px-3 py-4 text-xs text-zinc-400">No steps have started yet.</p> : null}
        {rows.map((row) => {
          const style = stepStatusStyles[row.status];
          const end = row.finishedAt ?? endAt;
          return (
            <button
              key={row.key}
              type="button"
              onClick={() => onSelect(row.nodeId)}
              data-testid="timeline-row"
              data-node-id={row.nodeId}
              data-attempt={row.attempt}
              data-status={row.status}
              data-rejected={row.rejected ? 'true' : undefined}
              title={[row.rejected ? 'Rejected by a validator' : '', row.fallbackModel ? `Fallback model ${row.fallbackModel}` : '', row.feedback ? `Sent back: ${row.feedback}` : ''].filter(Boolean).join(' · ') || undefined}
              className={cn('flex w-full cursor-pointer items-center text-left hover:bg-zinc-50', selectedNodeId === row.nodeId && 'bg-accent-50/60 hover:bg-accent-50')}
            >
              <span className="flex w-52 shrink-0 items-center gap-1.5 truncate px-3 py-1 font-mono text-[11px] text-zinc-700">
                <span className="truncate">{row.nodeId}</span>
                {row.attempt > 1 ? <span className="rounded bg-amber-50 px-1 text-[10px] text-amber-700">#{row.attempt}</span> : null}
                {row.rejected ? <span className="rounded bg-red-50 px-1 text-[10px] text-red-700">rejected</span> : null}
                {row.fallbackModel ? <span className="rounded bg-violet-50 px-1 text-[10px] text-violet-700">fallback</span> : null}
              </span>
              <span className="relative mr-4 h-6 flex-1">
                {ticks.map((tick) => (
                  <span key={tick} className="absolute inset-y-0 w-px bg-zinc-100" style={{ left: percent(tickAt(tick)) }} />
                ))}
                {broken ? scale.breaks.map((gap) => <span key={gap.start} className="absolute inset-y-0 border-x border-dashed border-zinc-300 bg-[repeating-linear-gradient(135deg,transparent_0_4px,rgb(244_244_245)_4px_8px)]" style={{ left: percent(gap.from), width: percent(gap.to - gap.from) }} />) : null}
                <span
                  className={cn('absolute top-1 h-3 min-w-[3px] rounded-sm', row.rejected ? 'bg-red-400' : style.bar, row.status === 'running' && 'animate-pulse')}
                  style={{ left: percent(at(row.startedAt)), width: percent(at(end) - at(row.startedAt)) }}
                />
                {row.calls.map((call) => (
                  <span
                    key={call.seq}
                    title={`${call.role}: ${formatDuration(call.finishedAt - call.startedAt)}${call.cached ? ' (cached)' : ''}`}
                    className={cn('absolute top-[18px] h-1 min-w-[2px] rounded-full', call.cached ? 'bg-emerald-300' : 'bg-violet-400')}
                    style={{ left: percent(at(call.startedAt)), width: percent(at(call.finishedAt) - at(call.startedAt)) }}
                  />
                ))}
                <DurationLabel start={at(row.startedAt)} end={at(end)} text={formatDuration(end - row.startedAt)} />
              </span>
            </button>
          );
        })}
      </div>
    </div>
  );
}
