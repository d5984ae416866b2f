import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { ExperimentView } from '@tandem/shared';
import { analysisQuery, resultsQuery } from '../api/experiments.ts';
import { Card, CardBody, CardHeader, CardTitle } from '../ui/card.tsx';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { Select } from '../ui/select.tsx';
import { PageSpinner } from '../ui/spinner.tsx';
import { ArmSummaryTable } from './arm-summary-table.tsx';
import { CostQualityChart } from './cost-quality-chart.tsx';
import { DistributionChart } from './distribution-chart.tsx';
import { ForestPlot } from './forest-plot.tsx';
import { VerdictList } from './verdict-list.tsx';

/** The verdicts and charts of an experiment; they fill in as trials end. */
export function ExperimentDashboard({ experiment }: { experiment: ExperimentView }) {
  const analysis = useQuery(analysisQuery(experiment.id));
  const results = useQuery(resultsQuery(experiment.id));
  const [chosenMetric, setChosenMetric] = useState<string>();
  if (analysis.error) return <ErrorPanel error={analysis.error} title="Could not analyse the experiment" action={undefined} />;
  if (!analysis.data) return <PageSpinner label="Analysing…" />;
  const data = analysis.data;
  const arms = experiment.arms.map((arm) => arm.id);
  const quality = data.metrics.filter((metric) => metric.inAdjustedFamily).map((metric) => metric.name);
  const metric = chosenMetric ?? data.primaryMetric ?? quality[0];
  const scoreMetric = data.primaryMetric ?? data.metrics.find((entry) => entry.kind === 'score')?.name;
  const ended = data.arms.reduce((sum, arm) => sum + arm.n, 0);
  if (ended === 0) return <p className="rounded-lg border border-dashed border-zinc-200 p-8 text-center text-zinc-500">The charts fill in as trials end.</p>;
  return (
    <div className="grid gap-4 xl:grid-cols-2" data-testid="experiment-dashboard">
      <Card className="xl:col-span-2">
        <CardHeader>
          <CardTitle>Verdicts</CardTitle>
          {data.winner ? <span className="text-xs text-emerald-700" data-testid="winner">Winner: {data.winner}</span> : <span className="text-xs text-zinc-500">No winner yet</span>}
        </CardHeader>
        <CardBody>
          <VerdictList analysis={data} />
        </CardBody>
      </Card>
      <Card className="xl:col-span-2">
        <CardHeader>
          <CardTitle>Arms</CardTitle>
        </CardHeader>
        <ArmSummaryTable analysis={data} />
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Difference from the baseline</CardTitle>
          {quality.length > 1 ? (
            <div className="w-44">
              <Select aria-label="Metric" value={metric} onValueChange={setChosenMetric} options={quality.map((name) => ({ value: name, label: name }))} />
            </div>
          ) : null}
        </CardHeader>
        <CardBody>{metric ? <ForestPlot comparisons={data.comparisons} metric={metric} arms={arms} baseline={data.baseline} /> : <p className="text-zinc-500">No quality metric to compare.</p>}</CardBody>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Quality against cost</CardTitle>
        </CardHeader>
        <CardBody>{scoreMetric ? <CostQualityChart arms={data.arms} metric={scoreMetric} baseline={data.baseline} /> : <p className="text-zinc-500">No score metric.</p>}</CardBody>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Score distribution</CardTitle>
        </CardHeader>
        <CardBody>{scoreMetric ? <DistributionChart trials={results.data ?? []} arms={arms} baseline={data.baseline} metric={scoreMetric} title={`${scoreMetric} per trial`} /> : null}</CardBody>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Latency distribution</CardTitle>
        </CardHeader>
        <CardBody>
          <DistributionChart trials={results.data ?? []} arms={arms} baseline={data.baseline} metric="latencyMs" title="latency per trial" />
        </CardBody>
      </Card>
    </div>
  );
}
