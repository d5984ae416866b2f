import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ChevronLeft, Radio } from 'lucide-react';
import { liveQuery } from '../api/experiments.ts';
import { pipelineQuery } from '../api/pipelines.ts';
import { formatMetric } from '../experiments/arm-colors.ts';
import { VerdictBadge } from '../experiments/verdict-badge.tsx';
import { Button } from '../ui/button.tsx';
import { Card, CardBody, CardHeader, CardTitle } from '../ui/card.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { formatCount } from '../ui/format.ts';
import { PageSpinner } from '../ui/spinner.tsx';

/**
 * `/pipelines/:pipelineId/live`: per-variant results of real runs of a split `variants` node, with
 * people's feedback, and always-valid intervals, so looking early does not make false winners.
 */
/** Latency, cost and tokens cannot be negative: the interval of a mean is shown from 0 at least. */
const nonNegative = new Set(['latency', 'cost', 'tokens']);

export function LivePage() {
  const { pipelineId = '' } = useParams();
  const pipeline = useQuery(pipelineQuery(pipelineId));
  const live = useQuery(liveQuery(pipelineId));
  const data = live.data;
  return (
    <div className="h-full overflow-y-auto" data-testid="live-view">
      <div className="mx-auto max-w-7xl space-y-5 px-6 py-6">
        <div className="flex items-center gap-3">
          <Button asChild size="icon" variant="ghost" aria-label="Back to the pipeline">
            <Link to={`/pipelines/${encodeURIComponent(pipelineId)}`}>
              <ChevronLeft />
            </Link>
          </Button>
          <div>
            <h1 className="flex items-center gap-2 text-lg font-semibold tracking-tight">
              <Radio className="size-4 text-rose-500" /> Live A/B · {pipeline.data?.document.name ?? pipelineId}
            </h1>
            <p className="text-[13px] text-zinc-500">Real runs (from /v1, /generate, the API or the studio) of the split variants node, with people’s feedback. Intervals stay valid however often you look.</p>
          </div>
        </div>
        {live.isPending ? <PageSpinner label="Reading live runs…" /> : null}
        {live.error ? <ErrorPanel error={live.error} title="No live view for this pipeline" /> : null}
        {data && data.runs === 0 ? <EmptyState icon={<Radio />} title="No live runs yet" description="Run the pipeline a few times (or send it traffic through /v1) and the variants’ results appear here." /> : null}
        {data && data.runs > 0 ? (
          <>
            <p className="rounded-md border border-accent-200 bg-accent-50 px-3 py-2.5 text-[13.5px] text-zinc-900" data-testid="live-recommendation">
              {data.recommendation}
            </p>
            <p className="text-xs text-zinc-500">
              {formatCount(data.runs)} runs of node <code className="font-mono">{data.nodeId}</code> · {formatCount(data.withFeedback)} with feedback · compared with {data.control}
            </p>
            <Card>
              <CardHeader>
                <CardTitle>Variants</CardTitle>
              </CardHeader>
              <div className="overflow-x-auto">
                <table className="w-full text-left text-[13px]" data-testid="live-variants">
                  <thead className="text-[11px] text-zinc-500">
                    <tr className="border-b border-zinc-100">
                      <th className="px-3 py-2 font-medium">Variant</th>
                      <th className="px-3 py-2 text-right font-medium">Runs</th>
                      {data.metrics.map((metric) => (
                        <th key={metric.name} className="px-3 py-2 font-medium">
                          {metric.name}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {data.variants.map((variant) => (
                      <tr key={variant.id} className="border-b border-zinc-50" data-testid="live-variant" data-variant={variant.id}>
                        <td className="px-3 py-2 font-medium">{variant.id}</td>
                        <td className="px-3 py-2 text-right tabular-nums">{formatCount(variant.n)}</td>
                        {data.metrics.map((metric) => {
                          const summary = variant.metrics[metric.name];
                          const low = summary?.interval ? (nonNegative.has(metric.kind) ? Math.max(0, summary.interval[0]) : summary.interval[0]) : undefined;
                          return (
                            <td key={metric.name} className="px-3 py-2 tabular-nums">
                              {formatMetric(summary?.mean, metric.name)}
                              {summary?.interval ? <span className="text-zinc-500"> [{formatMetric(low, metric.name)}, {formatMetric(summary.interval[1], metric.name)}]</span> : null}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </Card>
            <Card>
              <CardHeader>
                <CardTitle>Against {data.control}</CardTitle>
              </CardHeader>
              <CardBody>
                <ul className="divide-y divide-zinc-100">
                  {data.comparisons.filter((comparison) => !(comparison.kind === 'cost' && comparison.difference === 0)).map((comparison) => (
                    <li key={`${comparison.variant}/${comparison.metric}`} className="flex flex-wrap items-center gap-3 py-2 text-[13px]">
                      <VerdictBadge verdict={comparison.verdict} />
                      <span className="font-medium">{comparison.variant}</span>
                      <span className="font-mono text-[12px] text-zinc-600">{comparison.metric}</span>
                      <span className="tabular-nums text-zinc-700">
                        {formatMetric(comparison.difference, comparison.metric)}
                        {comparison.interval ? <span className="text-zinc-500"> [{formatMetric(comparison.interval[0], comparison.metric)}, {formatMetric(comparison.interval[1], comparison.metric)}]</span> : null}
                      </span>
                      <span className="text-xs text-zinc-500">
                        n = {comparison.nVariant} vs {comparison.nControl}
                      </span>
                    </li>
                  ))}
                </ul>
              </CardBody>
            </Card>
          </>
        ) : null}
      </div>
    </div>
  );
}
