import type { ExperimentAnalysis } from '@tandem/stats';

const format = (value: number | null | undefined, digits = 2) => (value === null || value === undefined ? '—' : value.toFixed(digits));
const milliseconds = (value: number | null | undefined) => (value === null || value === undefined ? '—' : value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`);

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row, index) => {
    const line = row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
    return index === 0 ? `${line}\n${widths.map((width) => '─'.repeat(width)).join('  ')}` : line;
  }).join('\n');
}

/** The per-arm summary and the verdicts as plain text tables, then the recommendation. */
export function summaryTable(analysis: ExperimentAnalysis): string {
  const metric = analysis.primaryMetric;
  const passMetric = analysis.metrics.find((description) => description.kind === 'pass')?.name;
  const arms = table([
    ['arm', 'trials', 'failed', metric ? `${metric} (mean, 95% CI)` : 'score', passMetric ? `${passMetric} pass rate` : 'pass rate', 'latency p50', 'latency p95', 'cost per row'],
    ...analysis.arms.map((arm) => {
      const score = metric ? arm.metrics[metric] : undefined;
      const pass = passMetric ? arm.metrics[passMetric] : undefined;
      const latency = arm.metrics.latencyMs;
      const cost = arm.metrics.costUsd;
      return [
        `${arm.id}${arm.id === analysis.baseline ? ' (baseline)' : ''}`,
        String(arm.n),
        String(arm.failed),
        score?.mean == null ? '—' : `${format(score.mean)} [${format(score.ci95?.[0])}, ${format(score.ci95?.[1])}]`,
        pass?.passRate == null ? '—' : `${format(pass.passRate * 100, 0)} %`,
        milliseconds(latency?.p50),
        milliseconds(latency?.p95),
        cost?.mean == null ? '—' : `$${format(cost.mean, 5)}`,
      ];
    }),
  ]);
  const quality = analysis.comparisons.filter((comparison) => comparison.inAdjustedFamily);
  const verdicts = quality.length === 0 ? '' : `\n\n${table([
    ['arm', 'metric', 'difference', '95% CI', 'p (Holm)', 'verdict'],
    ...quality.map((comparison) => [
      comparison.arm,
      comparison.metric,
      format(comparison.difference, 3),
      comparison.ci95 ? `[${format(comparison.ci95[0], 3)}, ${format(comparison.ci95[1], 3)}]` : '—',
      format(comparison.pAdjusted, 4),
      comparison.verdict + (comparison.rowsNeededFor80Power ? ` (≈${comparison.rowsNeededFor80Power} rows for 80% power)` : ''),
    ]),
  ])}`;
  return `${arms}${verdicts}\n\n${analysis.recommendation}\n`;
}
