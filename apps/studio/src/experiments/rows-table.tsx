import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ChevronLeft, ChevronRight, ExternalLink } from 'lucide-react';
import type { ExperimentView } from '@tandem/shared';
import { rowsQuery, type RowCellTrial, type RowFilter } from '../api/experiments.ts';
import { WordDiff } from '../nodes/word-diff.tsx';
import { Badge } from '../ui/badge.tsx';
import { Button } from '../ui/button.tsx';
import { cn } from '../ui/cn.ts';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { formatCount, formatValue } from '../ui/format.ts';
import { Spinner } from '../ui/spinner.tsx';
import { formatMetric } from './arm-colors.ts';

const pageSize = 20;
const filters: { value: RowFilter; label: string }[] = [
  { value: 'all', label: 'All rows' },
  { value: 'disagree', label: 'Arms disagree' },
  { value: 'regressed', label: 'Regressed vs baseline' },
];

function Cell({ trial, baselineOutput, isBaseline, metric }: { trial: RowCellTrial; baselineOutput: string | undefined; isBaseline: boolean; metric: string | null }) {
  const score = metric ? trial.metrics[metric] : undefined;
  return (
    <div className="space-y-1.5" data-testid="row-cell" data-status={trial.status}>
      <div className="flex items-center gap-2 text-[11px]">
        {score !== undefined ? <Badge tone="accent">{metric} {typeof score === 'boolean' ? (score ? 'pass' : 'fail') : formatMetric(score, metric!)}</Badge> : null}
        {trial.status !== 'completed' ? <Badge tone={trial.status === 'failed' ? 'red' : 'neutral'}>{trial.status}</Badge> : null}
        {trial.runId ? (
          <Link to={`/runs/${trial.runId}`} className="ml-auto inline-flex items-center gap-1 text-indigo-600 hover:underline" data-testid="open-trace">
            trace <ExternalLink className="size-3" />
          </Link>
        ) : null}
      </div>
      {trial.error ? <p className="text-[12px] text-red-700">{trial.error.message}</p> : null}
      {trial.output !== undefined ? (
        isBaseline || baselineOutput === undefined ? (
          <p className="line-clamp-[12] text-[13px] leading-relaxed whitespace-pre-wrap text-zinc-700">{trial.output}</p>
        ) : (
          <div className="line-clamp-[12]">
            <WordDiff before={baselineOutput} after={trial.output} />
          </div>
        )
      ) : null}
    </div>
  );
}

/** One row per dataset row, one column per arm: outputs, scores and a word diff against the baseline; paged on the server. */
export function RowsTable({ experiment }: { experiment: ExperimentView }) {
  const [filter, setFilter] = useState<RowFilter>('all');
  const [offset, setOffset] = useState(0);
  const page = useQuery(rowsQuery(experiment.id, filter, offset, pageSize));
  const arms = [experiment.baseline, ...experiment.arms.map((arm) => arm.id).filter((id) => id !== experiment.baseline)];
  const total = page.data?.total ?? 0;
  return (
    <div className="space-y-3" data-testid="rows-table">
      <div className="flex flex-wrap items-center gap-2">
        {filters.map((entry) => (
          <Button key={entry.value} size="sm" variant={filter === entry.value ? 'primary' : 'secondary'} onClick={() => (setFilter(entry.value), setOffset(0))} data-testid={`rows-filter-${entry.value}`}>
            {entry.label}
          </Button>
        ))}
        <span className="ml-auto flex items-center gap-1 text-xs text-zinc-500 tabular-nums">
          {page.isFetching ? <Spinner /> : null}
          {total === 0 ? 'no rows' : `${formatCount(offset + 1)}–${formatCount(Math.min(offset + pageSize, total))} of ${formatCount(total)}`}
          <Button size="icon-sm" variant="ghost" aria-label="Previous page" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - pageSize))}>
            <ChevronLeft />
          </Button>
          <Button size="icon-sm" variant="ghost" aria-label="Next page" disabled={offset + pageSize >= total} onClick={() => setOffset(offset + pageSize)}>
            <ChevronRight />
          </Button>
        </span>
      </div>
      {page.error ? <ErrorPanel error={page.error} title="Could not load the rows" /> : null}
      <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
        <table className="w-full table-fixed text-left">
          <thead className="bg-zinc-50 text-[11px] text-zinc-500">
            <tr>
              <th className="w-[22%] px-3 py-2 font-medium">Row</th>
              {arms.map((arm) => (
                <th key={arm} className="px-3 py-2 font-medium">
                  {experiment.arms.find((entry) => entry.id === arm)?.label ?? arm} {arm === experiment.baseline ? <Badge>baseline</Badge> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {page.data?.rows.map((row) => (
              <tr key={row.row} className={cn('border-t border-zinc-100 align-top', row.regressed.length > 0 && 'bg-red-50/30')} data-testid="result-row" data-row={row.row}>
                <td className="space-y-1 px-3 py-2.5">
                  <p className="text-[11px] text-zinc-400 tabular-nums">#{row.row}</p>
                  {Object.entries(row.inputs).map(([name, value]) => (
                    <p key={name} className="line-clamp-4 text-[13px] text-zinc-800">
                      <span className="font-mono text-[11px] text-zinc-500">{name}</span> {formatValue(value)}
                    </p>
                  ))}
                  {row.expected !== undefined ? (
                    <p className="text-[12px] text-emerald-700">
                      <span className="font-mono text-[11px]">expected</span> {formatValue(row.expected)}
                    </p>
                  ) : null}
                  {row.disagree ? <Badge tone="amber">disagree</Badge> : null}
                </td>
                {arms.map((arm) => (
                  <td key={arm} className="space-y-3 px-3 py-2.5">
                    {(row.cells[arm] ?? []).map((trial) => (
                      <Cell key={trial.repeat} trial={trial} isBaseline={arm === experiment.baseline} baselineOutput={row.cells[experiment.baseline]?.find((entry) => entry.repeat === trial.repeat)?.output} metric={page.data?.metric ?? null} />
                    ))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {page.data && page.data.rows.length === 0 ? <p className="p-4 text-[13px] text-zinc-500">No row matches this filter.</p> : null}
      </div>
    </div>
  );
}
