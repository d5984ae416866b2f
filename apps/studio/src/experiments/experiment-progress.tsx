import type { ExperimentProgress as Progress } from '@tandem/shared';
import { formatCost, formatCount, formatDuration } from '../ui/format.ts';

/** Done, failed and the rest as one bar, with counts, cost so far and the time left. */
export function ExperimentProgress({ progress, budgetUsd, active }: { progress: Progress; budgetUsd?: number; active: boolean }) {
  const share = (count: number) => `${progress.total === 0 ? 0 : (count / progress.total) * 100}%`;
  return (
    <div className="space-y-1.5" data-testid="experiment-progress" data-done={progress.done} data-failed={progress.failed} data-total={progress.total}>
      <div className="flex h-2.5 overflow-hidden rounded-full bg-zinc-100" role="progressbar" aria-valuemin={0} aria-valuemax={progress.total} aria-valuenow={progress.done + progress.failed}>
        <div className="bg-emerald-500 transition-[width]" style={{ width: share(progress.done) }} />
        <div className="bg-red-500 transition-[width]" style={{ width: share(progress.failed) }} />
        <div className="bg-blue-300 transition-[width]" style={{ width: share(progress.running) }} />
        <div className="bg-zinc-300/70" style={{ width: share(progress.skipped) }} />
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-zinc-600 tabular-nums">
        <span>
          <strong className="text-zinc-900">{formatCount(progress.done)}</strong> done
        </span>
        <span className={progress.failed > 0 ? 'text-red-600' : ''}>{formatCount(progress.failed)} failed</span>
        {progress.running > 0 ? <span>{formatCount(progress.running)} running</span> : null}
        {progress.skipped > 0 ? <span>{formatCount(progress.skipped)} skipped</span> : null}
        <span>of {formatCount(progress.total)} trials</span>
        <span>
          cost {formatCost(progress.costUsd)}
          {budgetUsd !== undefined ? ` of ${formatCost(budgetUsd)}` : ''}
        </span>
        {active && progress.etaMs !== null ? <span data-testid="experiment-eta">about {formatDuration(progress.etaMs)} left</span> : null}
      </div>
    </div>
  );
}
