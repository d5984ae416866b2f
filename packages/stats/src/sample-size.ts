import { normalQuantile } from './distributions.ts';

/** Test settings for a sample-size calculation. */
export interface PowerSettings {
  /** Two-sided significance level (default 0.05). */
  alpha?: number;
  /** Wanted power (default 0.8). */
  power?: number;
}

const quantiles = ({ alpha = 0.05, power = 0.8 }: PowerSettings) => ({ zAlpha: normalQuantile(1 - alpha / 2), zPower: normalQuantile(power) });
const roundUp = (n: number) => (Number.isFinite(n) ? Math.ceil(n) : null);

/**
 * Pairs needed for a two-sided paired (one-sample) t-test to detect a standardised effect d_z:
 * n = (z₁₋α/₂ + z_power)² / d_z² + z₁₋α/₂² / 2 (normal approximation with Guenther's correction for the t distribution).
 */
export function pairedSampleSize(effectDz: number, settings: PowerSettings = {}): number | null {
  const { zAlpha, zPower } = quantiles(settings);
  return roundUp(((zAlpha + zPower) / effectDz) ** 2 + zAlpha ** 2 / 2);
}

/** Observations per group for a two-sided two-sample t-test and Cohen's d: n = 2(z₁₋α/₂ + z_power)² / d² + z₁₋α/₂² / 4. */
export function twoSampleSize(effectD: number, settings: PowerSettings = {}): number | null {
  const { zAlpha, zPower } = quantiles(settings);
  return roundUp(2 * ((zAlpha + zPower) / effectD) ** 2 + zAlpha ** 2 / 4);
}

/** Observations per group to tell p1 from p2 (two-sided, unpooled variance): (z₁₋α/₂ + z_power)² (p1q1 + p2q2) / (p1 − p2)². */
export function twoProportionSampleSize(p1: number, p2: number, settings: PowerSettings = {}): number | null {
  const { zAlpha, zPower } = quantiles(settings);
  return roundUp(((zAlpha + zPower) ** 2 * (p1 * (1 - p1) + p2 * (1 - p2))) / (p1 - p2) ** 2);
}

/**
 * Pairs needed for McNemar's test (Connor 1987): n = (z₁₋α/₂ √ψ + z_power √(ψ − δ²))² / δ²,
 * with ψ the share of discordant pairs and δ the difference of the paired pass rates.
 */
export function pairedProportionSampleSize(discordantShare: number, difference: number, settings: PowerSettings = {}): number | null {
  const { zAlpha, zPower } = quantiles(settings);
  const delta = Math.abs(difference);
  if (!(discordantShare >= delta * delta)) return null;
  return roundUp((zAlpha * Math.sqrt(discordantShare) + zPower * Math.sqrt(discordantShare - delta * delta)) ** 2 / (delta * delta));
}

/**
 * The fewest units with which a sign-type test could reach p < alpha at all: the smallest n with 2·0.5ⁿ < alpha
 * (6 at alpha = 0.05). Below it, no outcome of the data could show a difference.
 */
export function minimumUnitsForSignificance(alpha: number): number {
  return Math.floor(Math.log2(2 / alpha)) + 1;
}
