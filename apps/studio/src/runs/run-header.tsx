import { useState } from 'react';
import { Link } from 'react-router';
import { ChevronLeft, RotateCw, Square } from 'lucide-react';
import type { RunStatus } from '@tandem/shared';
import { useAccess } from '../access/use-access.ts';
import { cancelRun } from '../api/runs.ts';
import { Button } from '../ui/button.tsx';
import { formatDateTime, formatDuration } from '../ui/format.ts';
import { RunStatusBadge } from '../ui/status-badge.tsx';
import { toast } from '../ui/toast.tsx';
import type { StreamStatus } from './use-run-events.ts';

export interface RunHeaderProps {
  runId: string;
  pipelineId: string;
  pipelineName: string;
  version: number;
  status: RunStatus;
  startedAt: number;
  durationMs: number;
  stream: StreamStatus;
  /** Set for a run started by a `pipeline` step of another run. */
  parentRunId?: string;
  /** Set for a fork: the run and step it was forked from. */
  forkedFrom?: { runId: string; nodeId: string };
  /** Opens the run form with this run's inputs. */
  onRunAgain?: () => void;
}

const active: readonly RunStatus[] = ['queued', 'running', 'waiting'];

/** Pipeline and version, status, duration, and Cancel while the run is active. */
export function RunHeader({ runId, pipelineId, pipelineName, version, status, startedAt, durationMs, stream, parentRunId, forkedFrom, onRunAgain }: RunHeaderProps) {
  const [cancelling, setCancelling] = useState(false);
  const { canEdit } = useAccess();
  const cancel = async () => {
    setCancelling(true);
    try {
      await cancelRun(runId);
      toast('Cancelling run');
    } catch (error) {
      toast('Could not cancel', { tone: 'error', description: (error as Error).message });
    } finally {
      setCancelling(false);
    }
  };
  return (
    <div className="flex h-12 shrink-0 items-center gap-3 border-b border-zinc-200 bg-white px-3" data-testid="run-header">
      <Button asChild size="icon" variant="ghost" aria-label="All runs">
        <Link to="/runs">
          <ChevronLeft />
        </Link>
      </Button>
      <div className="min-w-0">
        <p className="flex items-center gap-2 truncate font-semibold text-zinc-900">
          <Link to={`/pipelines/${encodeURIComponent(pipelineId)}?version=${version}`} className="truncate hover:underline" data-testid="run-pipeline-link">
            {pipelineName}
          </Link>
          <span className="font-normal text-zinc-400">v{version}</span>
        </p>
      </div>
      <RunStatusBadge status={status} />
      <span className="text-xs whitespace-nowrap text-zinc-500 tabular-nums" data-testid="run-duration">
        {formatDuration(durationMs)}
      </span>
      <span className="hidden text-xs whitespace-nowrap text-zinc-400 xl:inline">started {formatDateTime(startedAt)}</span>
      {forkedFrom ? (
        <Link to={`/runs/${forkedFrom.runId}`} className="shrink-0 text-xs whitespace-nowrap text-sky-700 hover:underline" data-testid="forked-from-link">
          forked from run {forkedFrom.runId.split('-')[0]} at {forkedFrom.nodeId}
        </Link>
      ) : parentRunId ? (
        <Link to={`/runs/${parentRunId}`} className="text-xs text-indigo-600 hover:underline" data-testid="parent-run-link">
          part of run {parentRunId.slice(0, 8)}…
        </Link>
      ) : null}
      {stream === 'reconnecting' ? <span className="text-xs text-amber-600">Reconnecting…</span> : null}
      {status === 'queued' ? <span className="text-xs text-zinc-500" data-testid="run-queued-note">Waiting to start: the server is busy with other runs</span> : null}
      <span className="ml-auto hidden font-mono text-[11px] text-zinc-400 xl:inline" title="Run id">{runId}</span>
      {onRunAgain ? (
        <Button variant="secondary" size="sm" onClick={onRunAgain} data-testid="run-again" className="ml-auto xl:ml-0">
          <RotateCw />
          Run again
        </Button>
      ) : null}
      {active.includes(status) && canEdit ? (
        <Button variant="secondary" size="sm" onClick={() => void cancel()} disabled={cancelling} data-testid="cancel-run">
          <Square className="!size-3 fill-current" />
          {cancelling ? 'Cancelling…' : 'Cancel'}
        </Button>
      ) : null}
    </div>
  );
}
