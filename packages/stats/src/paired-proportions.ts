import binomialTest from '@stdlib/stats-binomial-test';
import { normalCdf, normalQuantile } from './distributions.ts';
import { intervalOrNull, type Interval } from './finite.ts';

/**
 * Exact two-sided binomial test of `successes` out of `trials` against p = 1/2
 * (SciPy `binomtest(k, n, 0.5).pvalue`); 1 when there are no trials.
 */
export function exactBinomialHalfP(successes: number, trials: number): number {
  if (trials === 0) return 1;
  return Math.min(1, binomialTest(successes, trials, { p: 0.5 }).pValue);
}

/**
 * Exact McNemar test on paired pass/fail outcomes: a binomial test on the discordant pairs.
 * `onlyA` = pairs where only A passed, `onlyB` = pairs where only B passed.
 */
export function mcnemarExact(onlyA: number, onlyB: number): { p: number; discordant: number } {
  return { p: exactBinomialHalfP(onlyA, onlyA + onlyB), discordant: onlyA + onlyB };
}

/** McNemar's chi-square with continuity correction, (|b − c| − 1)² / (b + c), and its p-value (1 df); `null` without discordant pairs. */
export function mcnemarChiSquare(onlyA: number, onlyB: number): { chiSquare: number; p: number } | null {
  const discordant = onlyA + onlyB;
  if (discordant === 0) return null;
  const chiSquare = (Math.abs(onlyA - onlyB) - 1) ** 2 / discordant;
  // A chi-square with 1 df is the square of a standard normal, so its upper tail is 2·Φ(−√χ²).
  return { chiSquare, p: Math.min(1, 2 * normalCdf(-Math.sqrt(chiSquare))) };
}

/** Exact sign test of paired differences against 0 (zeros dropped). */
export function signTest(differences: ArrayLike<number>): { p: number; positive: number; negative: number } {
  let positive = 0;
  let negative = 0;
  for (let index = 0; index < differences.length; index++) {
    if (differences[index]! > 0) positive++;
    else if (differences[index]! < 0) negative++;
  }
  return { p: exactBinomialHalfP(positive, positive + negative), positive, negative };
}

/**
 * Interval for the difference of two paired proportions, p_B − p_A, by Agresti & Min (2005):
 * a Wald interval after adding 0.5 to each cell of the 2×2 table.
 * `both` and `neither` are the concordant counts.
 */
export function pairedProportionInterval(table: { both: number; onlyA: number; onlyB: number; neither: number }, level = 0.95): Interval | null {
  const onlyA = table.onlyA + 0.5;
  const onlyB = table.onlyB + 0.5;
  const n = table.both + table.onlyA + table.onlyB + table.neither + 2;
  const difference = (onlyB - onlyA) / n;
  const variance = (onlyA + onlyB - (onlyB - onlyA) ** 2 / n) / (n * n);
  const halfWidth = normalQuantile(1 - (1 - level) / 2) * Math.sqrt(variance);
  return intervalOrNull(Math.max(-1, difference - halfWidth), Math.min(1, difference + halfWidth));
}
