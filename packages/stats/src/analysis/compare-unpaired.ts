import { mean, sampleVariance } from '../descriptive.ts';
import { cohensD } from '../effect-size.ts';
import { finiteOrNull } from '../finite.ts';
import { cohensH, twoProportionZTest } from '../proportions.ts';
import { mannWhitneyU } from '../rank-tests.ts';
import { twoSampleTTest } from '../t-tests.ts';
import type { ArmMetricValues } from './collect-trials.ts';
import { draftHeader, isBinary, relativeTo, type ComparisonDraft, type ComparisonSettings } from './comparison-draft.ts';
import type { MetricDescription } from './types.ts';

/**
 * Compares an arm with the baseline when their units are independent (no shared rows, e.g. live traffic):
 * the two-proportion z-test for pass/fail, otherwise Welch's t-test with Mann–Whitney U as a robustness check.
 */
export function compareUnpaired(description: MetricDescription, armId: string, baselineId: string, arm: ArmMetricValues, baseline: ArmMetricValues, settings: ComparisonSettings): ComparisonDraft {
  const armValues = arm.values;
  const baselineValues = baseline.values;
  const nArm = armValues.length;
  const nBaseline = baselineValues.length;
  const notes: string[] = [];
  const armMean = finiteOrNull(mean(armValues));
  const baselineMean = finiteOrNull(mean(baselineValues));
  const difference = armMean === null || baselineMean === null ? null : armMean - baselineMean;
  const header = { ...draftHeader(description, armId, baselineId), paired: false, n: nArm + nBaseline, nArm, nBaseline, armMean, baselineMean, difference, relativeDifference: relativeTo(difference, baselineMean), notes };
  const tooFew = nArm < 2 || nBaseline < 2;
  if (tooFew) notes.push('An unpaired comparison needs at least 2 values in each arm.');
  if (description.kind === 'pass' && isBinary(armValues) && isBinary(baselineValues)) {
    const armPasses = armValues.reduce((sum, value) => sum + value, 0);
    const baselinePasses = baselineValues.reduce((sum, value) => sum + value, 0);
    const test = tooFew ? null : twoProportionZTest(baselinePasses, nBaseline, armPasses, nArm);
    if (test && test.z === null) notes.push('Both arms passed every time, or failed every time: the z statistic is undefined and p = 1.');
    return {
      ...header,
      test: 'two-proportion-z',
      statistic: test?.z ?? null,
      p: test?.p ?? null,
      ci95: test?.ci95 ?? null,
      effectSize: armMean === null || baselineMean === null ? null : cohensH(baselineMean, armMean),
      effectSizeKind: 'cohens-h',
      tooFew,
      design: { kind: 'two-proportion', baselineRate: baselineMean, armRate: armMean },
    };
  }
  const pooledSd = tooFew ? null : finiteOrNull(Math.sqrt(((nArm - 1) * sampleVariance(armValues) + (nBaseline - 1) * sampleVariance(baselineValues)) / (nArm + nBaseline - 2)));
  const base = { ...header, effectSize: tooFew ? null : cohensD(armValues, baselineValues), effectSizeKind: 'cohens-d' as const, tooFew, design: { kind: 'two-mean' as const, pooledSd, effect: difference } };
  if (tooFew) return { ...base, test: 'welch-t', statistic: null, df: null, p: null, ci95: null };
  const welch = twoSampleTTest(armValues, baselineValues);
  const mannWhitney = mannWhitneyU(armValues, baselineValues);
  if (welch.t === null) {
    if (difference === 0) {
      notes.push('Every value is the same in both arms.');
      return { ...base, test: 'welch-t', statistic: null, df: null, p: 1, ci95: null };
    }
    notes.push("Neither arm varies, so Welch's t is undefined; the Mann–Whitney test decides.");
    return { ...base, test: 'mann-whitney', statistic: mannWhitney.statistic, p: mannWhitney.p, ci95: null };
  }
  return {
    ...base,
    test: 'welch-t',
    statistic: welch.t,
    df: welch.df,
    p: welch.p,
    ci95: welch.ci95,
    robustness: { test: 'mann-whitney', statistic: mannWhitney.statistic, p: mannWhitney.p },
  };
}
