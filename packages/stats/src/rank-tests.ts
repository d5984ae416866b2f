import { normalCdf, twoSidedNormalP } from './distributions.ts';
import { finiteOrNull } from './finite.ts';

/** Result of a rank test; `reason` says why a field is `null`. */
export interface RankTestResult {
  /** The statistic in SciPy's convention: min(R+, R−) for the signed-rank test, U of the first sample for Mann–Whitney. */
  statistic: number | null;
  /** Two-sided p-value. */
  p: number | null;
  /** Standardised statistic of the normal approximation, when it was used. */
  z: number | null;
  method: 'exact' | 'normal approximation';
  /** Observations that entered the ranking (non-zero differences for the signed-rank test). */
  n: number;
  reason?: string;
}

/** Sum of ranks of sample `a` in the pooled sample (average ranks for ties) and Σ(t³ − t) over tie groups; both inputs sorted ascending. */
function pooledRankSum(sortedA: Float64Array, sortedB: Float64Array): { rankSumA: number; tieTerm: number } {
  let indexA = 0;
  let indexB = 0;
  let position = 0;
  let rankSumA = 0;
  let tieTerm = 0;
  while (indexA < sortedA.length || indexB < sortedB.length) {
    const value = Math.min(indexA < sortedA.length ? sortedA[indexA]! : Infinity, indexB < sortedB.length ? sortedB[indexB]! : Infinity);
    let countA = 0;
    let countB = 0;
    while (indexA < sortedA.length && sortedA[indexA] === value) (countA++, indexA++);
    while (indexB < sortedB.length && sortedB[indexB] === value) (countB++, indexB++);
    const tied = countA + countB;
    // Ranks position+1 … position+tied share their average.
    rankSumA += countA * (position + (tied + 1) / 2);
    tieTerm += tied * tied * tied - tied;
    position += tied;
  }
  return { rankSumA, tieTerm };
}

/** Null distribution of R+ for n untied, non-zero differences: P(R+ = s) for s = 0 … n(n+1)/2. */
function signedRankDistribution(n: number): Float64Array {
  const maximum = (n * (n + 1)) / 2;
  const counts = new Float64Array(maximum + 1);
  counts[0] = 1;
  for (let rank = 1; rank <= n; rank++) {
    for (let sum = Math.min(maximum, (rank * (rank + 1)) / 2); sum >= rank; sum--) counts[sum]! += counts[sum - rank]!;
  }
  const total = 2 ** n;
  for (let sum = 0; sum <= maximum; sum++) counts[sum] = counts[sum]! / total;
  return counts;
}

/**
 * Wilcoxon signed-rank test of paired differences against 0, two-sided, zeros dropped (`zero_method='wilcox'`).
 * `method: 'auto'` (default) uses the exact null distribution for at most 50 differences without ties or zeros,
 * otherwise the normal approximation with the tie-corrected variance and no continuity correction
 * (SciPy `wilcoxon(a, b, zero_method='wilcox', correction=False, method='approx')`).
 */
export function wilcoxonSignedRank(differences: ArrayLike<number>, options: { method?: 'auto' | 'exact' | 'approx' } = {}): RankTestResult {
  let positives = 0;
  let negatives = 0;
  for (let index = 0; index < differences.length; index++) {
    if (differences[index]! > 0) positives++;
    else if (differences[index]! < 0) negatives++;
  }
  const n = positives + negatives;
  const zeros = differences.length - n;
  if (n === 0) return { statistic: null, p: null, z: null, method: 'normal approximation', n, reason: 'every difference is zero' };
  const positiveMagnitudes = new Float64Array(positives);
  const negativeMagnitudes = new Float64Array(negatives);
  for (let index = 0, p = 0, q = 0; index < differences.length; index++) {
    const value = differences[index]!;
    if (value > 0) positiveMagnitudes[p++] = value;
    else if (value < 0) negativeMagnitudes[q++] = -value;
  }
  positiveMagnitudes.sort();
  negativeMagnitudes.sort();
  const { rankSumA: rankSumPositive, tieTerm } = pooledRankSum(positiveMagnitudes, negativeMagnitudes);
  const total = (n * (n + 1)) / 2;
  const statistic = Math.min(rankSumPositive, total - rankSumPositive);
  const method = options.method ?? 'auto';
  if (method === 'exact' || (method === 'auto' && n <= 50 && tieTerm === 0 && zeros === 0)) {
    const distribution = signedRankDistribution(n);
    let lower = 0;
    for (let sum = 0; sum <= Math.ceil(rankSumPositive); sum++) lower += distribution[sum]!;
    let upper = 0;
    for (let sum = Math.floor(rankSumPositive); sum <= total; sum++) upper += distribution[sum]!;
    return { statistic, p: Math.min(1, 2 * Math.min(lower, upper)), z: null, method: 'exact', n };
  }
  const expected = total / 2;
  const standardError = Math.sqrt((n * (n + 1) * (2 * n + 1) - tieTerm / 2) / 24);
  const z = finiteOrNull((rankSumPositive - expected) / standardError);
  return { statistic, p: z === null ? null : twoSidedNormalP(z), z, method: 'normal approximation', n };
}

/**
 * Mann–Whitney U test of a against b, two-sided, normal approximation with the tie-corrected variance and
 * continuity correction (SciPy `mannwhitneyu(a, b, alternative='two-sided', method='asymptotic', use_continuity=True)`).
 * `statistic` is U of sample a.
 */
export function mannWhitneyU(a: ArrayLike<number>, b: ArrayLike<number>): RankTestResult {
  const n1 = a.length;
  const n2 = b.length;
  const n = n1 + n2;
  if (n1 === 0 || n2 === 0) return { statistic: null, p: null, z: null, method: 'normal approximation', n, reason: 'each group needs at least 1 value' };
  const sortedA = Float64Array.from(a).sort();
  const sortedB = Float64Array.from(b).sort();
  const { rankSumA, tieTerm } = pooledRankSum(sortedA, sortedB);
  const u1 = rankSumA - (n1 * (n1 + 1)) / 2;
  const u = Math.max(u1, n1 * n2 - u1);
  const spread = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  if (!(spread > 0)) return { statistic: u1, p: 1, z: null, method: 'normal approximation', n, reason: 'every value is the same in both groups' };
  const z = (u - (n1 * n2) / 2 - 0.5) / spread;
  // z can be slightly negative when U sits at its mean; SciPy clips 2·sf(z) at 1.
  return { statistic: u1, p: Math.min(1, 2 * normalCdf(-z)), z, method: 'normal approximation', n };
}
