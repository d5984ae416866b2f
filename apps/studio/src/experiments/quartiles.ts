/** A box plot's five numbers (type-7 quantiles, as the analysis computes percentiles) and its outliers beyond 1.5 IQR. */
export interface BoxStats {
  min: number;
  firstQuartile: number;
  median: number;
  thirdQuartile: number;
  max: number;
  outliers: number[];
  n: number;
}

function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

/** Box statistics of the finite values; undefined without any. */
export function boxStats(values: readonly number[]): BoxStats | undefined {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const firstQuartile = quantile(sorted, 0.25);
  const thirdQuartile = quantile(sorted, 0.75);
  const fence = 1.5 * (thirdQuartile - firstQuartile);
  const inside = sorted.filter((value) => value >= firstQuartile - fence && value <= thirdQuartile + fence);
  return {
    min: inside[0] ?? sorted[0]!,
    firstQuartile,
    median: quantile(sorted, 0.5),
    thirdQuartile,
    max: inside.at(-1) ?? sorted.at(-1)!,
    outliers: sorted.filter((value) => value < firstQuartile - fence || value > thirdQuartile + fence),
    n: sorted.length,
  };
}
