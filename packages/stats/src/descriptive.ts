import { tQuantile } from './distributions.ts';
import { finiteOrNull, intervalOrNull, type Interval } from './finite.ts';

/** Arithmetic mean; `NaN` for an empty sample (callers turn it into `null`). */
export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let index = 0; index < values.length; index++) sum += values[index]!;
  return sum / values.length;
}

/** Sample variance with n − 1 in the denominator (two-pass, so large offsets such as latencies stay exact). */
export function sampleVariance(values: ArrayLike<number>, valuesMean = mean(values)): number {
  if (values.length < 2) return Number.NaN;
  let sum = 0;
  for (let index = 0; index < values.length; index++) {
    const deviation = values[index]! - valuesMean;
    sum += deviation * deviation;
  }
  return sum / (values.length - 1);
}

/**
 * Percentile of an ascending-sorted sample by linear interpolation between closest ranks
 * (Hyndman–Fan type 7: NumPy's default `linear`, R's default, Excel's PERCENTILE.INC).
 * `fraction` is in [0, 1], e.g. 0.95 for p95.
 */
export function percentileOfSorted(sorted: ArrayLike<number>, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * fraction;
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, sorted.length - 1);
  const weight = position - lower;
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * weight;
}

/** A copy of the values sorted ascending, as a Float64Array. */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  const copy = Float64Array.from(values);
  copy.sort();
  return copy;
}

/** Summary of one sample; every number is finite or `null`. */
export interface SampleSummary {
  /** Number of values. */
  n: number;
  mean: number | null;
  /** Sample standard deviation (n − 1); `null` below two values. */
  sd: number | null;
  /** 95 % t-interval of the mean; `null` below two values. */
  ci95: Interval | null;
  median: number | null;
  p50: number | null;
  p95: number | null;
  min: number | null;
  max: number | null;
}

/** Describes a sample: mean with its t confidence interval, sd, median, p50/p95 (type 7), min and max. */
export function describeSample(values: ArrayLike<number>, level = 0.95): SampleSummary {
  const n = values.length;
  if (n === 0) return { n, mean: null, sd: null, ci95: null, median: null, p50: null, p95: null, min: null, max: null };
  const sampleMean = mean(values);
  const sd = Math.sqrt(sampleVariance(values, sampleMean));
  const halfWidth = n >= 2 ? tQuantile(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n)) : Number.NaN;
  const sorted = sortedCopy(values);
  const median = percentileOfSorted(sorted, 0.5);
  return {
    n,
    mean: finiteOrNull(sampleMean),
    sd: finiteOrNull(sd),
    ci95: intervalOrNull(sampleMean - halfWidth, sampleMean + halfWidth),
    median: finiteOrNull(median),
    p50: finiteOrNull(median),
    p95: finiteOrNull(percentileOfSorted(sorted, 0.95)),
    min: finiteOrNull(sorted[0]),
    max: finiteOrNull(sorted[n - 1]),
  };
}
