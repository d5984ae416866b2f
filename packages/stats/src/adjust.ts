import padjust from '@stdlib/stats-padjust';

/** Adjusts p-values for multiple comparisons; `null` entries (tests that could not run) stay `null` and do not count. */
function adjustPresent(pValues: readonly (number | null)[], method: 'holm' | 'bh'): (number | null)[] {
  const present = pValues.flatMap((p, index) => (p === null ? [] : [{ p, index }]));
  const adjusted: (number | null)[] = pValues.map(() => null);
  if (present.length === 0) return adjusted;
  const values = padjust(
    present.map((entry) => entry.p),
    method,
  );
  present.forEach((entry, order) => (adjusted[entry.index] = Math.min(1, values[order]!)));
  return adjusted;
}

/** Holm's step-down adjustment (controls the family-wise error rate). */
export function holmAdjust(pValues: readonly (number | null)[]): (number | null)[] {
  return adjustPresent(pValues, 'holm');
}

/** Benjamini–Hochberg adjustment (controls the false discovery rate; SciPy `false_discovery_control(p, method='bh')`). */
export function benjaminiHochbergAdjust(pValues: readonly (number | null)[]): (number | null)[] {
  return adjustPresent(pValues, 'bh');
}
