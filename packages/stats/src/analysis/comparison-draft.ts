import { finiteOrNull } from '../finite.ts';
import type { Comparison, MetricDescription } from './types.ts';

/** What a sample-size calculation needs to know about the data. */
export type PowerDesign =
  | { kind: 'paired-mean'; sd: number | null; effect: number | null }
  | { kind: 'paired-proportion'; discordantShare: number; difference: number; baselineRate: number | null }
  | { kind: 'two-mean'; pooledSd: number | null; effect: number | null }
  | { kind: 'two-proportion'; baselineRate: number | null; armRate: number | null };

/** A comparison before multiple-comparison adjustment and verdict. */
export type ComparisonDraft = Omit<Comparison, 'pAdjusted' | 'adjustment' | 'verdict' | 'rowsNeededFor80Power' | 'powerBasis'> & {
  /** True when no outcome of data this size could reach significance: the verdict is "not enough data". */
  tooFew: boolean;
  design: PowerDesign;
};

/** Settings shared by every comparison of one analysis. */
export interface ComparisonSettings {
  alpha: number;
  seed: number;
  bootstrapResamples: number;
  /** Fewest units with which a sign-type test can reject at `alpha`. */
  minimumUnits: number;
}

/** The identifying fields of a draft. */
export function draftHeader(description: MetricDescription, arm: string, baseline: string) {
  return { arm, baseline, metric: description.name, kind: description.kind, direction: description.direction, inAdjustedFamily: description.inAdjustedFamily };
}

/** difference / |baseline mean|, or `null` when the baseline mean is 0 or unknown. */
export function relativeTo(difference: number | null, baselineMean: number | null): number | null {
  if (difference === null || baselineMean === null || baselineMean === 0) return null;
  return finiteOrNull(difference / Math.abs(baselineMean));
}

/** True when every value is 0 or 1. */
export function isBinary(values: ArrayLike<number>): boolean {
  for (let index = 0; index < values.length; index++) if (values[index] !== 0 && values[index] !== 1) return false;
  return true;
}
