import { normalQuantile, twoSidedNormalP } from './distributions.ts';
import { finiteOrNull, intervalOrNull, type Interval } from './finite.ts';

/**
 * Wilson score interval for a proportion `successes / n` (SciPy `binomtest(k, n).proportion_ci(method='wilson')`).
 * `successes` may be fractional (a sum of per-row pass rates). `null` when n = 0.
 */
export function wilsonInterval(successes: number, n: number, level = 0.95): Interval | null {
  if (!(n > 0)) return null;
  const z = normalQuantile(1 - (1 - level) / 2);
  const p = successes / n;
  // SciPy's arrangement of the formula, so the bounds at k = 0 and k = n come out exactly 0 and 1.
  const denominator = 2 * (n + z * z);
  const centre = (2 * n * p + z * z) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt(4 * n * p * (1 - p) + z * z);
  return intervalOrNull(Math.max(0, centre - halfWidth), Math.min(1, centre + halfWidth));
}

/** Result of a two-proportion z-test. */
export interface TwoProportionTest {
  /** z = (p2 − p1) / SE with the pooled SE; `null` when the pooled rate is 0 or 1. */
  z: number | null;
  /** Two-sided p-value; 1 when both groups are all-pass or all-fail. */
  p: number;
  /** p2 − p1. */
  difference: number;
  /** Agresti–Caffo interval of p2 − p1 (one success and one failure added to each group). */
  ci95: Interval | null;
}

/** Two-sided two-proportion z-test of group 2 against group 1 with the pooled standard error. */
export function twoProportionZTest(successes1: number, n1: number, successes2: number, n2: number): TwoProportionTest {
  const p1 = successes1 / n1;
  const p2 = successes2 / n2;
  const pooled = (successes1 + successes2) / (n1 + n2);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const z = finiteOrNull((p2 - p1) / standardError);
  return { z, p: z === null ? 1 : twoSidedNormalP(z), difference: p2 - p1, ci95: agrestiCaffoInterval(successes1, n1, successes2, n2) };
}

/** Agresti–Caffo (2000) interval for p2 − p1: a Wald interval after adding one success and one failure to each group. */
export function agrestiCaffoInterval(successes1: number, n1: number, successes2: number, n2: number, level = 0.95): Interval | null {
  const p1 = (successes1 + 1) / (n1 + 2);
  const p2 = (successes2 + 1) / (n2 + 2);
  const z = normalQuantile(1 - (1 - level) / 2);
  const halfWidth = z * Math.sqrt((p1 * (1 - p1)) / (n1 + 2) + (p2 * (1 - p2)) / (n2 + 2));
  const difference = p2 - p1;
  return intervalOrNull(Math.max(-1, difference - halfWidth), Math.min(1, difference + halfWidth));
}

/** Cohen's h = 2·asin√p2 − 2·asin√p1, the standardised difference of two proportions. */
export function cohensH(p1: number, p2: number): number | null {
  return finiteOrNull(2 * Math.asin(Math.sqrt(p2)) - 2 * Math.asin(Math.sqrt(p1)));
}
