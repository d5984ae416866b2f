import normalCdfStdlib from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantileStdlib from '@stdlib/stats-base-dists-normal-quantile';
import tCdfStdlib from '@stdlib/stats-base-dists-t-cdf';
import tQuantileStdlib from '@stdlib/stats-base-dists-t-quantile';

/** Standard normal cumulative distribution function Φ(z). */
export function normalCdf(z: number): number {
  return normalCdfStdlib(z, 0, 1);
}

/** Standard normal quantile Φ⁻¹(p), e.g. `normalQuantile(0.975)` ≈ 1.959964. */
export function normalQuantile(p: number): number {
  return normalQuantileStdlib(p, 0, 1);
}

/** Student t cumulative distribution function with `df` degrees of freedom (any positive real `df`). */
export function tCdf(t: number, df: number): number {
  return tCdfStdlib(t, df);
}

/** Student t quantile with `df` degrees of freedom. */
export function tQuantile(p: number, df: number): number {
  return tQuantileStdlib(p, df);
}

/** Two-sided p-value of a standard normal statistic, 2·Φ(−|z|) (computed on the lower tail, so tiny p keep their precision). */
export function twoSidedNormalP(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}

/** Two-sided p-value of a t statistic, 2·F(−|t|; df). */
export function twoSidedTP(t: number, df: number): number {
  return Math.min(1, 2 * tCdf(-Math.abs(t), df));
}
