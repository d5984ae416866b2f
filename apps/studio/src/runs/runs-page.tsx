import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { PlayCircle } from 'lucide-react';
import { runStatuses, type RunStatus } from '@tandem/shared';
import { pipelinesQuery } from '../api/pipelines.ts';
import { runsQuery, type RunListItem } from '../api/runs.ts';
import { Button } from '../ui/button.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { formatDateTime, formatDuration, formatRelativeTime } from '../ui/format.ts';
import { Select } from '../ui/select.tsx';
import { PageSpinner } from '../ui/spinner.tsx';
import { RunStatusBadge } from '../ui/status-badge.tsx';
import { runStatusStyles } from '../ui/status-style.ts';

function RunRow({ run, now }: { run: RunListItem; now: number }) {
  const navigate = useNavigate();
  const open = () => void navigate(`/runs/${encodeURIComponent(run.id)}`);
  return (
    <tr
      className="cursor-pointer border-t border-zinc-100 hover:bg-zinc-50"
      onClick={open}
      onKeyDown={(event) => (event.key === 'Enter' ? open() : undefined)}
      tabIndex={0}
      data-testid="run-row"
      data-run-id={run.id}
    >
      <td className="px-4 py-2.5">
        <RunStatusBadge status={run.status} />
      </td>
      <td className="px-4 py-2.5 font-medium text-zinc-900">{run.pipelineName}</td>
      <td className="px-4 py-2.5 text-zinc-500">v{run.version}</td>
      <td className="px-4 py-2.5 text-zinc-500" title={formatDateTime(run.startedAt)}>
        {formatRelativeTime(run.startedAt, now)}
      </td>
      <td className="px-4 py-2.5 text-zinc-500 tabular-nums">{run.finishedAt ? formatDuration(run.finishedAt - run.startedAt) : '—'}</td>
      <td className="px-4 py-2.5 font-mono text-[11px] text-zinc-400">{run.id.slice(0, 12)}</td>
    </tr>
  );
}

/** `/runs`: recent runs with filters by pipeline and status. */
export function RunsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const pipelineId = searchParams.get('pipelineId') ?? '';
  const status = (searchParams.get('status') ?? '') as RunStatus | '';
  const runs = useQuery(runsQuery({ ...(pipelineId ? { pipelineId } : {}), ...(status ? { status } : {}), limit: 100 }));
  const pipelines = useQuery(pipelinesQuery());
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearchParams(next, { replace: true });
  };
  const now = Date.now();

  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-6xl space-y-6 px-6 py-8">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-xl font-semibold tracking-tight">Runs</h1>
            <p className="mt-1 text-zinc-500">Every run keeps its full trace. Open one to see it exactly as it happened.</p>
          </div>
          <div className="flex items-center gap-2">
            <div className="w-56">
              <Select
                aria-label="Filter by pipeline"
                value={pipelineId}
                onValueChange={(value) => setFilter('pipelineId', value)}
                options={[{ value: '', label: 'All pipelines' }, ...(pipelines.data ?? []).filter((pipeline) => !pipeline.isTemplate).map((pipeline) => ({ value: pipeline.id, label: pipeline.name }))]}
                data-testid="runs-filter-pipeline"
              />
            </div>
            <div className="w-40">
              <Select
                aria-label="Filter by status"
                value={status}
                onValueChange={(value) => setFilter('status', value)}
                options={[{ value: '', label: 'Any status' }, ...runStatuses.map((entry) => ({ value: entry, label: runStatusStyles[entry].label }))]}
                data-testid="runs-filter-status"
              />
            </div>
          </div>
        </div>
        {runs.isPending ? <PageSpinner label="Loading runs…" /> : null}
        {runs.error ? <ErrorPanel error={runs.error} title="Could not load runs" action={<Button size="sm" onClick={() => void runs.refetch()}>Try again</Button>} /> : null}
        {runs.data?.length === 0 ? (
          <EmptyState icon={<PlayCircle />} title={pipelineId || status ? 'No runs match these filters' : 'No runs yet'} description="Open a pipeline and press Run." />
        ) : null}
        {runs.data && runs.data.length > 0 ? (
          <div className="overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-xs">
            <table className="w-full text-left text-[13px]" data-testid="runs-table">
              <thead className="bg-zinc-50/80 text-[11px] tracking-wide text-zinc-500 uppercase">
                <tr>
                  <th className="px-4 py-2 font-semibold">Status</th>
                  <th className="px-4 py-2 font-semibold">Pipeline</th>
                  <th className="px-4 py-2 font-semibold">Version</th>
                  <th className="px-4 py-2 font-semibold">Started</th>
                  <th className="px-4 py-2 font-semibold">Duration</th>
                  <th className="px-4 py-2 font-semibold">Run</th>
                </tr>
              </thead>
              <tbody>
                {runs.data.map((run) => (
                  <RunRow key={run.id} run={run} now={now} />
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </div>
    </div>
  );
}
