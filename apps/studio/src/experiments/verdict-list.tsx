import type { Comparison, ExperimentAnalysis } from '@tandem/stats';
import { formatMetric } from './arm-colors.ts';
import { VerdictBadge } from './verdict-badge.tsx';

const testNames: Record<Comparison['test'], string> = {
  'paired-t': 'paired t-test',
  wilcoxon: 'Wilcoxon signed-rank',
  'sign-test': 'sign test',
  'mcnemar-exact': 'exact McNemar',
  'welch-t': 'Welch t-test',
  'mann-whitney': 'Mann–Whitney',
  'two-proportion-z': 'two-proportion z-test',
};

/** "= 0.042", "< 0.001", "—". */
function pValue(p: number | null): string {
  if (p === null) return '= —';
  return p < 0.001 ? '< 0.001' : `= ${p.toFixed(3)}`;
}

/** The recommendation, then one line per comparison: verdict, difference with its interval, test and adjusted p. */
export function VerdictList({ analysis }: { analysis: ExperimentAnalysis }) {
  // A cost that is zero in both arms (the simulator) is not a finding worth a line.
  const shown = analysis.comparisons.filter((comparison) => !(comparison.kind === 'cost' && comparison.armMean === 0 && comparison.baselineMean === 0));
  const ordered = [...shown].sort((a, b) => Number(b.inAdjustedFamily) - Number(a.inAdjustedFamily));
  return (
    <div className="space-y-3">
      <p className="rounded-md border border-accent-200 bg-accent-50 px-3 py-2.5 text-[13.5px] leading-relaxed text-zinc-900" data-testid="recommendation">
        {analysis.recommendation}
      </p>
      <ul className="divide-y divide-zinc-100" data-testid="comparisons">
        {ordered.map((comparison) => (
          <li key={`${comparison.arm}/${comparison.metric}`} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-[13px]" data-testid="comparison" data-arm={comparison.arm} data-metric={comparison.metric}>
            <VerdictBadge verdict={comparison.verdict} />
            <span className="font-medium text-zinc-900">
              {comparison.arm} vs {comparison.baseline}
            </span>
            <span className="font-mono text-[12px] text-zinc-600">{comparison.metric}</span>
            <span className="text-zinc-700 tabular-nums">
              {comparison.difference === null ? '—' : `${comparison.difference > 0 ? '+' : ''}${formatMetric(comparison.difference, comparison.metric)}`}
              {comparison.ci95 ? <span className="text-zinc-500"> [{formatMetric(comparison.ci95[0], comparison.metric)}, {formatMetric(comparison.ci95[1], comparison.metric)}]</span> : null}
            </span>
            <span className="text-xs text-zinc-500">
              {testNames[comparison.test]}, n = {comparison.n}, p{comparison.adjustment === 'holm' ? ' (Holm)' : ''} {pValue(comparison.pAdjusted)}
            </span>
            {comparison.rowsNeededFor80Power !== undefined && (comparison.verdict === 'not enough data' || comparison.verdict === 'no detectable difference') ? (
              <span className="text-xs text-amber-700">≈ {comparison.rowsNeededFor80Power.toLocaleString('en-US')} rows for 80 % power</span>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
