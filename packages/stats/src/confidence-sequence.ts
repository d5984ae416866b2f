import { finiteOrNull, intervalOrNull, type Interval } from './finite.ts';

/** Tuning of the always-valid intervals. */
export interface ConfidenceSequenceOptions {
  /** Error rate over the whole, continuously watched sequence (default 0.05). */
  alpha?: number;
  /** Number of observations at which the interval is tightest (default 1,000); it stays valid at every other count. */
  plannedSampleSize?: number;
}

/** Summary of one stream of observations. */
export interface StreamSummary {
  n: number;
  mean: number;
  /** Sample variance (n − 1). */
  variance: number;
}

/**
 * Radius of the two-sided normal-mixture confidence sequence for a mean, in units of the standard deviation
 * (Howard, Ramdas, McAuliffe & Sekhon 2021; in the asymptotic form of Waudby-Smith et al. 2024):
 * r(n) = √( (nρ² + 1) / (n²ρ²) · ln((nρ² + 1) / α²) ), with ρ² = (−2 ln α + ln(1 − 2 ln α)) / n*,
 * which makes the radius smallest near n = n* (the planned sample size).
 */
export function normalMixtureRadius(n: number, options: ConfidenceSequenceOptions = {}): number {
  const alpha = options.alpha ?? 0.05;
  const planned = options.plannedSampleSize ?? 1000;
  const rhoSquared = (-2 * Math.log(alpha) + Math.log(1 - 2 * Math.log(alpha))) / planned;
  return Math.sqrt(((n * rhoSquared + 1) / (n * n * rhoSquared)) * Math.log((n * rhoSquared + 1) / (alpha * alpha)));
}

/** Always-valid interval for the mean of one stream: mean ± sd · r(n). `null` below two observations. */
export function meanConfidenceSequence(stream: StreamSummary, options: ConfidenceSequenceOptions = {}): Interval | null {
  if (stream.n < 2) return null;
  const halfWidth = Math.sqrt(stream.variance) * normalMixtureRadius(stream.n, options);
  return intervalOrNull(stream.mean - halfWidth, stream.mean + halfWidth);
}

/**
 * Always-valid interval for mean(B) − mean(A) of two independent streams. With n = n_A + n_B observations the
 * per-observation variance of the difference is σ² = n · (s_A²/n_A + s_B²/n_B), and the interval is
 * (mean_B − mean_A) ± σ · r(n), the one-sample sequence above applied to the difference.
 */
export function differenceConfidenceSequence(a: StreamSummary, b: StreamSummary, options: ConfidenceSequenceOptions = {}): { difference: number | null; interval: Interval | null } {
  const difference = finiteOrNull(b.mean - a.mean);
  if (a.n < 2 || b.n < 2) return { difference, interval: null };
  const n = a.n + b.n;
  const perObservationSd = Math.sqrt(n * (a.variance / a.n + b.variance / b.n));
  const halfWidth = perObservationSd * normalMixtureRadius(n, options);
  return { difference, interval: difference === null ? null : intervalOrNull(difference - halfWidth, difference + halfWidth) };
}
