import Papa from 'papaparse';
import type { TrialResult } from '@tandem/shared';
import type { ExperimentAnalysis } from '@tandem/stats';
import { metricOrder } from './experiment-results.ts';

/** One line per trial: row, arm, repeat, run id, status, then one column per metric (empty when the trial has none). */
export function resultsCsv(results: readonly TrialResult[]): string {
  const metrics = metricOrder(results.flatMap((trial) => Object.keys(trial.metrics)));
  const fields = ['row', 'arm', 'repeat', 'runId', 'status', ...metrics];
  const data = results.map((trial) => [trial.row, trial.arm, trial.repeat, trial.runId ?? '', trial.status, ...metrics.map((metric) => trial.metrics[metric] ?? '')]);
  return Papa.unparse({ fields, data }, { newline: '\n' });
}

const interval = (value: readonly [number, number] | null | undefined, side: 0 | 1) => (value ? value[side] : '');

/** The analysis as two CSV tables: per-arm summaries (one line per arm and metric), then one line per comparison. */
export function analysisCsv(analysis: ExperimentAnalysis): { arms: string; comparisons: string } {
  const arms = Papa.unparse(
    {
      fields: ['arm', 'metric', 'n', 'mean', 'ci95Low', 'ci95High', 'median', 'sd', 'p50', 'p95', 'min', 'max', 'passRate', 'wilson95Low', 'wilson95High', 'trials', 'failed'],
      data: analysis.arms.flatMap((arm) =>
        Object.entries(arm.metrics).map(([metric, summary]) => [
          arm.id, metric, summary.n, summary.mean ?? '', interval(summary.ci95, 0), interval(summary.ci95, 1), summary.median ?? '', summary.sd ?? '', summary.p50 ?? '', summary.p95 ?? '',
          summary.min ?? '', summary.max ?? '', summary.passRate ?? '', interval(summary.wilson95, 0), interval(summary.wilson95, 1), arm.n, arm.failed,
        ]),
      ),
    },
    { newline: '\n' },
  );
  const comparisons = Papa.unparse(
    {
      fields: ['arm', 'baseline', 'metric', 'test', 'n', 'statistic', 'p', 'pAdjusted', 'difference', 'ci95Low', 'ci95High', 'effectSize', 'verdict', 'rowsNeededFor80Power'],
      data: analysis.comparisons.map((comparison) => [
        comparison.arm, comparison.baseline, comparison.metric, comparison.test, comparison.n, comparison.statistic ?? '', comparison.p ?? '', comparison.pAdjusted ?? '',
        comparison.difference ?? '', interval(comparison.ci95, 0), interval(comparison.ci95, 1), comparison.effectSize ?? '', comparison.verdict, comparison.rowsNeededFor80Power ?? '',
      ]),
    },
    { newline: '\n' },
  );
  return { arms, comparisons };
}
