import { pairedProportionSampleSize, pairedSampleSize, twoProportionSampleSize, twoSampleSize } from '../sample-size.ts';
import type { ComparisonDraft } from './comparison-draft.ts';
import type { MetricDirection, PowerBasis, Verdict } from './types.ts';

/** The standardised effect assumed when none was observed: Cohen's "small" (0.2 sd). */
export const assumedStandardizedEffect = 0.2;
/** The pass-rate difference assumed when none was observed: 10 percentage points. */
export const assumedPassRateDifference = 0.1;

/** How much better the arm is, in the metric's good direction (positive = better). */
export function improvement(difference: number, direction: MetricDirection): number {
  return direction === 'higher' ? difference : -difference;
}

/**
 * "better"/"worse" when the (adjusted) p-value is below alpha, in the metric's direction; "not enough data" when the
 * test could not run or no outcome of data this size could be significant; otherwise "no detectable difference".
 */
export function decideVerdict(draft: ComparisonDraft, pAdjusted: number | null, alpha: number): Verdict {
  if (draft.tooFew || pAdjusted === null) return 'not enough data';
  if (pAdjusted < alpha && draft.difference !== null && draft.difference !== 0) {
    return improvement(draft.difference, draft.direction) > 0 ? 'better' : 'worse';
  }
  return 'no detectable difference';
}

/** Rows (per arm) needed for 80 % power at `alpha`, from the observed effect or, when there is none, a stated minimum effect. */
export function rowsNeededFor80Power(draft: ComparisonDraft, alpha: number, minimumUnits: number): { rows: number; basis: PowerBasis } | undefined {
  const settings = { alpha, power: 0.8 };
  const design = draft.design;
  const result = (rows: number | null, basis: Omit<PowerBasis, 'alpha'>) => (rows === null ? undefined : { rows: Math.max(rows, minimumUnits), basis: { ...basis, alpha } });
  switch (design.kind) {
    case 'paired-mean':
    case 'two-mean': {
      const sd = design.kind === 'paired-mean' ? design.sd : design.pooledSd;
      const size = design.kind === 'paired-mean' ? pairedSampleSize : twoSampleSize;
      // Constant non-zero differences: the sign test needs `minimumUnits` rows, however large the difference.
      if (sd === 0 && design.effect !== null && design.effect !== 0) return result(minimumUnits, { source: 'observed', effect: design.effect, standardizedEffect: null });
      if (sd !== null && sd > 0 && design.effect !== null && design.effect !== 0) {
        const standardized = Math.abs(design.effect) / sd;
        return result(size(standardized, settings), { source: 'observed', effect: design.effect, standardizedEffect: standardized });
      }
      return result(size(assumedStandardizedEffect, settings), { source: 'assumed', effect: sd !== null && sd > 0 ? assumedStandardizedEffect * sd : null, standardizedEffect: assumedStandardizedEffect });
    }
    case 'paired-proportion': {
      if (design.difference !== 0 && design.discordantShare > design.difference ** 2) {
        return result(pairedProportionSampleSize(design.discordantShare, design.difference, settings), { source: 'observed', effect: design.difference, standardizedEffect: design.difference });
      }
      // Without an observed difference the unpaired formula gives a conservative figure (pairing usually needs fewer rows).
      return assumedProportionRows(design.baselineRate, settings, result);
    }
    case 'two-proportion': {
      const { baselineRate, armRate } = design;
      if (baselineRate !== null && armRate !== null && baselineRate !== armRate) {
        return result(twoProportionSampleSize(baselineRate, armRate, settings), { source: 'observed', effect: armRate - baselineRate, standardizedEffect: armRate - baselineRate });
      }
      return assumedProportionRows(baselineRate, settings, result);
    }
  }
}

function assumedProportionRows(
  baselineRate: number | null,
  settings: { alpha: number; power: number },
  result: (rows: number | null, basis: Omit<PowerBasis, 'alpha'>) => { rows: number; basis: PowerBasis } | undefined,
) {
  const base = baselineRate ?? 0.5;
  const target = base + assumedPassRateDifference <= 1 ? base + assumedPassRateDifference : base - assumedPassRateDifference;
  const effect = target - base;
  return result(twoProportionSampleSize(base, target, settings), { source: 'assumed', effect, standardizedEffect: effect });
}
