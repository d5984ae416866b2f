/** A two-sided interval `[low, high]`. */
export type Interval = [number, number];

/** Returns `value` when it is a finite number, otherwise `null` (NaN and ±Infinity never leave the package). */
export function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Returns the interval when both ends are finite, otherwise `null`. */
export function intervalOrNull(low: number | null | undefined, high: number | null | undefined): Interval | null {
  const lowValue = finiteOrNull(low);
  const highValue = finiteOrNull(high);
  return lowValue === null || highValue === null ? null : [lowValue, highValue];
}

/** Clamps a probability computed by subtraction into [0, 1]. */
export function clampProbability(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}
