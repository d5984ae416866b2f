import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { PlayCircle } from 'lucide-react';
import { runStatuses, type RunStatus } from '@tandem/shared';
import { pipelineQuery, pipelinesQuery } from '../api/pipelines.ts';
import { runPagesQuery, shortRunId, type RunListItem } from '../api/runs.ts';
import { Button } from '../ui/button.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { formatCost, formatCount, formatDateTime, formatDuration, formatRelativeTime } from '../ui/format.ts';
import { Select } from '../ui/select.tsx';
import { PageSpinner } from '../ui/spinner.tsx';
import { RunStatusBadge } from '../ui/status-badge.tsx';
import { runStatusStyles } from '../ui/status-style.ts';

function RunRow({ run, now }: { run: RunListItem; now: number }) {
  const navigate = useNavigate();
  const open = () => void navigate(`/runs/${encodeURIComponent(run.id)}`);
  const summary = run.summary;
  const tokens = summary ? summary.inputTokens + summary.outputTokens : undefined;
  return (
    <tr
      className="cursor-pointer border-t border-zinc-100 align-top hover:bg-zinc-50"
      onClick={open}
      onKeyDown={(event) => (event.key === 'Enter' ? open() : undefined)}
      tabIndex={0}
      data-testid="run-row"
      data-run-id={run.id}
    >
      <td className="px-3 py-2.5">
        <RunStatusBadge status={run.status} />
      </td>
      <td className="px-3 py-2.5">
        <span className="block font-medium text-zinc-900">{run.pipelineName}</span>
        <span className="text-xs text-zinc-500">v{run.version}</span>
      </td>
      <td className="max-w-0 px-3 py-2.5 text-zinc-600" data-testid="run-output-preview">
        <span className="line-clamp-2 text-[12.5px]">{summary?.outputPreview ?? (run.error ? <span className="text-red-700">{run.error.message}</span> : <span className="text-zinc-400">—</span>)}</span>
      </td>
      <td className="px-3 py-2.5 text-right text-zinc-600 tabular-nums" data-testid="run-tokens" title={summary ? `${formatCount(summary.inputTokens)} in · ${formatCount(summary.outputTokens)} out · ${summary.calls} calls` : undefined}>
        {tokens !== undefined ? formatCount(tokens) : '—'}
      </td>
      <td className="px-3 py-2.5 text-right text-zinc-600 tabular-nums" data-testid="run-cost">
        {summary ? formatCost(summary.costUsd) : '—'}
      </td>
      <td className="px-3 py-2.5 text-right text-zinc-600 tabular-nums" data-testid="run-duration-cell">
        {run.finishedAt ? formatDuration(run.finishedAt - run.startedAt) : '—'}
      </td>
      <td className="px-3 py-2.5 whitespace-nowrap text-zinc-500" title={formatDateTime(run.startedAt)}>
        {formatRelativeTime(run.startedAt, now)}
      </td>
      <td className="px-3 py-2.5 font-mono text-[11px] text-zinc-400" title={run.id} data-testid="run-short-id">
        {shortRunId(run.id)}
      </td>
    </tr>
  );
}

/** `/runs`: runs newest first, page by page, with filters by pipeline, version and status. */
export function RunsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const pipelineId = searchParams.get('pipelineId') ?? '';
  const versionText = searchParams.get('version') ?? '';
  const version = /^\d+$/.test(versionText) && pipelineId ? Number(versionText) : undefined;
  const status = (searchParams.get('status') ?? '') as RunStatus | '';
  const runs = useInfiniteQuery(runPagesQuery({ ...(pipelineId ? { pipelineId } : {}), ...(version ? { version } : {}), ...(status ? { status } : {}), limit: 50 }));
  const pipelines = useQuery(pipelinesQuery());
  const pipeline = useQuery({ ...pipelineQuery(pipelineId), enabled: pipelineId !== '' });
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'pipelineId') next.delete('version');
    setSearchParams(next, { replace: true });
  };
  const now = Date.now();
  const rows = runs.data?.pages.flatMap((page) => page.runs) ?? [];
  const versions = [...(pipeline.data?.versions ?? [])].sort((a, b) => b - a);

  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-7xl space-y-6 px-6 py-8">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-xl font-semibold tracking-tight">Runs</h1>
            <p className="mt-1 text-zinc-500">Every run keeps its full trace. Open one to see it exactly as it happened.</p>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <div className="w-56">
              <Select
                aria-label="Filter by pipeline"
                value={pipelineId}
                onValueChange={(value) => setFilter('pipelineId', value)}
                options={[{ value: '', label: 'All pipelines' }, ...(pipelines.data ?? []).filter((entry) => !entry.isTemplate).map((entry) => ({ value: entry.id, label: entry.name }))]}
                data-testid="runs-filter-pipeline"
              />
            </div>
            {pipelineId && versions.length > 0 ? (
              <div className="w-36">
                <Select
                  aria-label="Filter by version"
                  value={version ? String(version) : ''}
                  onValueChange={(value) => setFilter('version', value)}
                  options={[{ value: '', label: 'Any version' }, ...versions.map((entry) => ({ value: String(entry), label: `v${entry}` }))]}
                  data-testid="runs-filter-version"
                />
              </div>
            ) : null}
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
        {runs.data && rows.length === 0 ? (
          <EmptyState icon={<PlayCircle />} title={pipelineId || status ? 'No runs match these filters' : 'No runs yet'} description="Open a pipeline and press Run." />
        ) : null}
        {rows.length > 0 ? (
          <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white shadow-xs">
            <table className="w-full min-w-[860px] table-fixed text-left text-[13px]" data-testid="runs-table">
              <colgroup>
                <col className="w-28" />
                <col className="w-48" />
                <col />
                <col className="w-20" />
                <col className="w-20" />
                <col className="w-24" />
                <col className="w-28" />
                <col className="w-24" />
              </colgroup>
              <thead className="bg-zinc-50/80 text-[11px] tracking-wide text-zinc-500 uppercase">
                <tr>
                  <th className="px-3 py-2 font-semibold">Status</th>
                  <th className="px-3 py-2 font-semibold">Pipeline</th>
                  <th className="px-3 py-2 font-semibold">Output</th>
                  <th className="px-3 py-2 text-right font-semibold">Tokens</th>
                  <th className="px-3 py-2 text-right font-semibold">Cost</th>
                  <th className="px-3 py-2 text-right font-semibold">Duration</th>
                  <th className="px-3 py-2 font-semibold">Started</th>
                  <th className="px-3 py-2 font-semibold">Run</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((run) => (
                  <RunRow key={run.id} run={run} now={now} />
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {runs.hasNextPage ? (
          <div className="flex justify-center">
            <Button onClick={() => void runs.fetchNextPage()} disabled={runs.isFetchingNextPage} data-testid="runs-load-more">
              {runs.isFetchingNextPage ? 'Loading…' : 'Load older runs'}
            </Button>
          </div>
        ) : null}
      </div>
    </div>
  );
}
