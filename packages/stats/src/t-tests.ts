import ttest from '@stdlib/stats-ttest';
import ttest2 from '@stdlib/stats-ttest2';
import { finiteOrNull, intervalOrNull, type Interval } from './finite.ts';

/** Result of a t-test; `null` fields mark a test that could not be computed, and `reason` says why. */
export interface TTestResult {
  /** t statistic. */
  t: number | null;
  /** Degrees of freedom (Welch–Satterthwaite for Welch's test). */
  df: number | null;
  /** Two-sided p-value. */
  p: number | null;
  /** Mean difference (mean of the differences, or mean(a) − mean(b)). */
  difference: number | null;
  /** Confidence interval of the difference at the requested level (95 % by default). */
  ci95: Interval | null;
  /** Why the test could not be computed, when it could not. */
  reason?: string;
}

const levelToAlpha = (level: number) => 1 - level;

/**
 * One-sample t-test of `differences` against 0, which is the paired t-test of a − b
 * (SciPy `ttest_rel(a, b)`). Needs two values and a non-zero spread.
 */
export function pairedTTest(differences: ArrayLike<number>, level = 0.95): TTestResult {
  if (differences.length < 2) return { t: null, df: null, p: null, difference: finiteOrNull(differences[0]), ci95: null, reason: 'a paired t-test needs at least 2 pairs' };
  const result = ttest(differences as number[], { alpha: levelToAlpha(level) });
  return fromStdlib(result.statistic, result.df, result.pValue, result.mean, result.ci, 'the differences have no spread (all equal)');
}

/**
 * Two-sample t-test of a against b: Welch's unequal-variance test by default (SciPy `ttest_ind(a, b, equal_var=False)`),
 * Student's pooled test with `equalVariance`.
 */
export function twoSampleTTest(a: ArrayLike<number>, b: ArrayLike<number>, options: { equalVariance?: boolean; level?: number } = {}): TTestResult {
  if (a.length < 2 || b.length < 2) return { t: null, df: null, p: null, difference: null, ci95: null, reason: 'each group needs at least 2 values' };
  const result = ttest2(a as number[], b as number[], { alpha: levelToAlpha(options.level ?? 0.95), variance: options.equalVariance ? 'equal' : 'unequal' });
  return fromStdlib(result.statistic, result.df, result.pValue, result.xmean - result.ymean, result.ci, 'neither group has any spread');
}

function fromStdlib(t: number, df: number, p: number, difference: number, ci: number[], degenerateReason: string): TTestResult {
  const statistic = finiteOrNull(t);
  if (statistic === null) return { t: null, df: finiteOrNull(df), p: null, difference: finiteOrNull(difference), ci95: null, reason: degenerateReason };
  return { t: statistic, df: finiteOrNull(df), p: finiteOrNull(p), difference: finiteOrNull(difference), ci95: intervalOrNull(ci[0], ci[1]) };
}
