import { StudioError } from '@tandem/shared';
import { formatAmount, formatInterval, formatP } from './format.ts';
import { improvement } from './verdict.ts';
import type { Interval } from '../finite.ts';
import type { Comparison, Verdict } from './types.ts';

/** Options of {@link findRegressions}. */
export interface RegressionOptions {
  /** The metric to gate on; by default every score and pass metric. */
  metric?: string;
  /** How much worse than the baseline (in the metric's units) an arm may be before it fails the gate (default 0). */
  threshold?: number;
  /** Also require the worsening to exceed this share of the baseline mean (e.g. 0.05 = 5 %). */
  relativeThreshold?: number;
  /** Count only statistically shown worsening (verdict "worse"); default true. */
  requireSignificance?: boolean;
}

/** An arm that is worse than the baseline beyond the threshold. */
export interface Regression {
  arm: string;
  baseline: string;
  metric: string;
  /** arm − baseline. */
  difference: number;
  /** How much worse, in the metric's units (positive). */
  worsening: number;
  ci95: Interval | null;
  pAdjusted: number | null;
  verdict: Verdict;
  message: string;
}

/** Result of {@link findRegressions}: `passed` is false when any arm regressed. */
export interface RegressionReport {
  passed: boolean;
  regressions: Regression[];
  /** Comparisons that had too little data to say: not failures, but worth a warning. */
  inconclusive: { arm: string; metric: string; n: number }[];
  checked: number;
  summary: string;
}

/**
 * Finds arms worse than the baseline beyond a threshold, for a CI gate (`tandem eval` exits non-zero when `passed` is false).
 * @example
 * const report = findRegressions(analyzeExperiment(input), { metric: 'judge.score', threshold: 0.2 });
 * if (!report.passed) process.exitCode = 1;
 */
export function findRegressions(analysis: { comparisons: readonly Comparison[] }, options: RegressionOptions = {}): RegressionReport {
  const threshold = options.threshold ?? 0;
  if (!(threshold >= 0) || !Number.isFinite(threshold)) throw new StudioError('VALIDATION_FAILED', 'threshold: must be a finite number of at least 0', { details: { field: 'threshold' } });
  if (options.relativeThreshold !== undefined && !(options.relativeThreshold >= 0 && Number.isFinite(options.relativeThreshold))) {
    throw new StudioError('VALIDATION_FAILED', 'relativeThreshold: must be a finite number of at least 0', { details: { field: 'relativeThreshold' } });
  }
  if (options.metric !== undefined && !analysis.comparisons.some((c) => c.metric === options.metric)) {
    throw new StudioError('VALIDATION_FAILED', `metric: no comparison on ${JSON.stringify(options.metric)}`, { details: { field: 'metric' } });
  }
  const requireSignificance = options.requireSignificance ?? true;
  const checkedComparisons = analysis.comparisons.filter((c) => (options.metric === undefined ? c.inAdjustedFamily : c.metric === options.metric));
  const regressions: Regression[] = [];
  const inconclusive: RegressionReport['inconclusive'] = [];
  for (const comparison of checkedComparisons) {
    if (comparison.verdict === 'not enough data') inconclusive.push({ arm: comparison.arm, metric: comparison.metric, n: comparison.n });
    if (comparison.difference === null) continue;
    const worsening = -improvement(comparison.difference, comparison.direction);
    const relativeLimit = options.relativeThreshold !== undefined && comparison.baselineMean !== null ? options.relativeThreshold * Math.abs(comparison.baselineMean) : 0;
    const limit = Math.max(threshold, relativeLimit);
    if (worsening <= limit || (requireSignificance && comparison.verdict !== 'worse')) continue;
    const evidence = [comparison.ci95 ? `95 % CI ${formatInterval(comparison.ci95, comparison.kind)}` : null, comparison.pAdjusted === null ? null : formatP(comparison.pAdjusted)].filter(Boolean).join(', ');
    regressions.push({
      arm: comparison.arm,
      baseline: comparison.baseline,
      metric: comparison.metric,
      difference: comparison.difference,
      worsening,
      ci95: comparison.ci95,
      pAdjusted: comparison.pAdjusted,
      verdict: comparison.verdict,
      message: `${comparison.arm} is worse than ${comparison.baseline} on ${comparison.metric} by ${formatAmount(worsening, comparison.kind)}${evidence ? ` (${evidence})` : ''}, beyond the allowed ${formatAmount(limit, comparison.kind)}.`,
    });
  }
  const summary =
    regressions.length > 0
      ? regressions.map((regression) => regression.message).join(' ')
      : `No regression beyond the threshold in ${checkedComparisons.length} comparison(s)${inconclusive.length > 0 ? `; ${inconclusive.length} had too little data to tell` : ''}.`;
  return { passed: regressions.length === 0, regressions, inconclusive, checked: checkedComparisons.length, summary };
}
