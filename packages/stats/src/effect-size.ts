import { mean, sampleVariance } from './descriptive.ts';
import { finiteOrNull } from './finite.ts';

/** Cohen's d_z for paired data: mean(differences) / sd(differences, n − 1). `null` below two values or without spread. */
export function cohensDz(differences: ArrayLike<number>): number | null {
  const differencesMean = mean(differences);
  return finiteOrNull(differencesMean / Math.sqrt(sampleVariance(differences, differencesMean)));
}

/** Cohen's d for two independent samples: (mean(a) − mean(b)) / pooled sd. */
export function cohensD(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  const meanA = mean(a);
  const meanB = mean(b);
  const pooledVariance = ((a.length - 1) * sampleVariance(a, meanA) + (b.length - 1) * sampleVariance(b, meanB)) / (a.length + b.length - 2);
  return finiteOrNull((meanA - meanB) / Math.sqrt(pooledVariance));
}
