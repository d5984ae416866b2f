import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Activity } from 'lucide-react';
import { monitoringQuery, type MonitoringGrouping } from '../api/monitoring.ts';
import { Button } from '../ui/button.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { formatCost, formatCount } from '../ui/format.ts';
import { Select } from '../ui/select.tsx';
import { PageSpinner } from '../ui/spinner.tsx';
import { ChartCard, HistogramChart, TimeSeriesChart, formatMs } from './chart-card.tsx';
import { seriesOf, totalsOf } from './monitoring-series.ts';

const ranges = [
  { value: String(15 * 60_000), label: 'Last 15 minutes' },
  { value: String(3_600_000), label: 'Last hour' },
  { value: String(24 * 3_600_000), label: 'Last 24 hours' },
  { value: String(7 * 24 * 3_600_000), label: 'Last 7 days' },
];
const groupings: { value: MonitoringGrouping; label: string }[] = [
  { value: 'model', label: 'By model' },
  { value: 'pipeline', label: 'By pipeline' },
  { value: 'key', label: 'By API key' },
  { value: 'source', label: 'By source (/v1 or runs)' },
];

const percent = (value: number) => `${(value * 100).toFixed(value > 0 && value < 0.1 ? 1 : 0)}%`;

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white px-3 py-2.5 shadow-xs" data-testid={testId}>
      <p className="text-[11px] text-zinc-500">{label}</p>
      <p className="mt-0.5 text-lg font-semibold tracking-tight text-zinc-900 tabular-nums">{value}</p>
    </div>
  );
}

/** `/monitoring`: gateway requests and model calls over time, from the request log in the database. */
export function MonitoringPage() {
  const [rangeMs, setRangeMs] = useState(15 * 60_000);
  const [groupBy, setGroupBy] = useState<MonitoringGrouping>('model');
  const { data, error, isPending, refetch } = useQuery(monitoringQuery(rangeMs, groupBy));
  const totals = data ? totalsOf(data.buckets) : undefined;
  const cacheSaved = data?.cache.reduce((sum, entry) => sum + entry.savedInputTokens + entry.savedOutputTokens, 0) ?? 0;
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-6xl space-y-5 px-6 py-8" data-testid="monitoring-page">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h1 className="text-xl font-semibold tracking-tight">Monitoring</h1>
            <p className="mt-1 text-zinc-500">Requests to the OpenAI-compatible API and the model calls of runs, from the request log.</p>
          </div>
          <div className="flex gap-2">
            <Select className="w-48" aria-label="Range" value={String(rangeMs)} onValueChange={(value) => setRangeMs(Number(value))} options={ranges} data-testid="monitoring-range" />
            <Select className="w-56" aria-label="Group by" value={groupBy} onValueChange={(value) => setGroupBy(value as MonitoringGrouping)} options={groupings} data-testid="monitoring-group" />
          </div>
        </div>
        {isPending ? <PageSpinner label="Loading the request log…" /> : null}
        {error ? <ErrorPanel error={error} title="Could not load the request log" action={<Button size="sm" onClick={() => void refetch()}>Try again</Button>} /> : null}
        {data && totals ? (
          <>
            <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-8">
              <Stat label="Requests" value={formatCount(totals.requests)} testId="stat-requests" />
              <Stat label="Errors" value={`${formatCount(totals.errors)} (${percent(totals.errorRate)})`} testId="stat-errors" />
              <Stat label="Latency, mean" value={totals.latencyMs === null ? '—' : formatMs(totals.latencyMs)} testId="stat-latency" />
              <Stat label="First token, mean" value={totals.firstTokenMs === null ? '—' : formatMs(totals.firstTokenMs)} testId="stat-ttft" />
              <Stat label="Tokens" value={formatCount(totals.tokens)} testId="stat-tokens" />
              <Stat label="Cost" value={formatCost(totals.costUsd)} testId="stat-cost" />
              <Stat label="Cache hit rate" value={percent(totals.cacheHitRate)} testId="stat-cache-rate" />
              <Stat label="Tokens saved by caches" value={formatCount(cacheSaved)} testId="stat-cache-saved" />
            </div>
            {totals.requests === 0 ? (
              <EmptyState icon={<Activity />} title="No requests in this range" description="Run a pipeline or call /v1/chat/completions, and the requests appear here within seconds." />
            ) : (
              <div className="grid gap-4 lg:grid-cols-2">
                <ChartCard title="Requests" testId="chart-requests">
                  <TimeSeriesChart kind="stacked" format={(value) => formatCount(Math.round(value))} {...seriesOf(data, (bucket) => bucket.requests, 'sum')} />
                </ChartCard>
                <ChartCard title="Latency histogram" testId="chart-latency-histogram">
                  <HistogramChart bins={data.latencyHistogram} />
                </ChartCard>
                <ChartCard title="Time to first token, mean" testId="chart-ttft">
                  <TimeSeriesChart kind="lines" format={formatMs} {...seriesOf(data, (bucket) => bucket.firstTokenMsAverage, 'average')} />
                </ChartCard>
                <ChartCard title="Tokens" testId="chart-tokens">
                  <TimeSeriesChart kind="stacked" format={(value) => formatCount(Math.round(value))} {...seriesOf(data, (bucket) => bucket.inputTokens + bucket.outputTokens, 'sum')} />
                </ChartCard>
                <ChartCard title="Cost" testId="chart-cost">
                  <TimeSeriesChart kind="stacked" format={formatCost} {...seriesOf(data, (bucket) => bucket.costUsd, 'sum')} />
                </ChartCard>
                <ChartCard title="Errors" testId="chart-errors">
                  <TimeSeriesChart kind="stacked" format={(value) => formatCount(Math.round(value))} {...seriesOf(data, (bucket) => bucket.errors, 'sum')} />
                </ChartCard>
                <ChartCard title="Cache hit rate" testId="chart-cache">
                  <TimeSeriesChart kind="lines" format={percent} {...seriesOf(data, (bucket) => (bucket.requests === 0 ? null : bucket.cacheHits / bucket.requests), 'average')} />
                </ChartCard>
                <ChartCard title="Latency, mean" testId="chart-latency">
                  <TimeSeriesChart kind="lines" format={formatMs} {...seriesOf(data, (bucket) => bucket.latencyMsAverage, 'average')} />
                </ChartCard>
              </div>
            )}
          </>
        ) : null}
      </div>
    </div>
  );
}
