import { pairedBootstrapCi } from '../bootstrap.ts';
import { mean, sampleVariance } from '../descriptive.ts';
import { cohensDz } from '../effect-size.ts';
import { finiteOrNull } from '../finite.ts';
import { mcnemarExact, pairedProportionInterval, signTest } from '../paired-proportions.ts';
import { cohensH } from '../proportions.ts';
import { deriveSeed } from '../random.ts';
import { wilcoxonSignedRank } from '../rank-tests.ts';
import { pairedTTest } from '../t-tests.ts';
import type { ArmMetricValues } from './collect-trials.ts';
import { draftHeader, isBinary, relativeTo, type ComparisonDraft, type ComparisonSettings } from './comparison-draft.ts';
import type { MetricDescription } from './types.ts';

/** The rows both arms have a value for, with their values as aligned arrays. */
export function matchRows(arm: ArmMetricValues, baseline: ArmMetricValues): { rows: Int32Array; armValues: Float64Array; baselineValues: Float64Array } {
  const capacity = Math.min(arm.rows.length, baseline.rows.length);
  const rows = new Int32Array(capacity);
  const armValues = new Float64Array(capacity);
  const baselineValues = new Float64Array(capacity);
  let matched = 0;
  for (let a = 0, b = 0; a < arm.rows.length && b < baseline.rows.length; ) {
    const armRow = arm.rows[a]!;
    const baselineRow = baseline.rows[b]!;
    if (armRow < baselineRow) a++;
    else if (armRow > baselineRow) b++;
    else {
      rows[matched] = armRow;
      armValues[matched] = arm.values[a++]!;
      baselineValues[matched++] = baseline.values[b++]!;
    }
  }
  return { rows: rows.subarray(0, matched), armValues: armValues.subarray(0, matched), baselineValues: baselineValues.subarray(0, matched) };
}

/**
 * Compares an arm with the baseline on rows both ran: McNemar's exact test for pass/fail, otherwise the paired t-test
 * with the Wilcoxon signed-rank test as a robustness check (and the seeded bootstrap for scores).
 */
export function comparePaired(description: MetricDescription, armId: string, baselineId: string, arm: ArmMetricValues, baseline: ArmMetricValues, settings: ComparisonSettings): ComparisonDraft {
  const { armValues, baselineValues } = matchRows(arm, baseline);
  const n = armValues.length;
  const droppedRows = arm.rows.length + baseline.rows.length - 2 * n;
  const notes: string[] = [];
  if (droppedRows > 0) notes.push(`${droppedRows} row(s) had a value in only one of the two arms and were left out of the pairs.`);
  const header = { ...draftHeader(description, armId, baselineId), paired: true, n, nArm: arm.rows.length, nBaseline: baseline.rows.length, droppedRows };
  const armMean = finiteOrNull(mean(armValues));
  const baselineMean = finiteOrNull(mean(baselineValues));
  if (description.kind === 'pass' && isBinary(armValues) && isBinary(baselineValues)) {
    return { ...header, ...mcnemar(armValues, baselineValues, settings, notes), armMean, baselineMean, notes };
  }
  if (description.kind === 'pass') notes.push('Repeats gave fractional pass rates per row, so the paired t-test compares the per-row pass rates.');
  const differences = new Float64Array(n);
  for (let index = 0; index < n; index++) differences[index] = armValues[index]! - baselineValues[index]!;
  const difference = finiteOrNull(mean(differences));
  const sd = finiteOrNull(Math.sqrt(sampleVariance(differences)));
  const common = { armMean, baselineMean, difference, relativeDifference: relativeTo(difference, baselineMean), effectSizeKind: 'cohens-dz' as const, notes };
  if (n < 2) {
    notes.push('A paired comparison needs at least 2 rows with a value in both arms.');
    return { ...header, ...common, test: 'paired-t', statistic: null, df: null, p: null, ci95: null, effectSize: null, tooFew: true, design: { kind: 'paired-mean', sd: null, effect: null } };
  }
  if (sd === 0) {
    const tooFew = n < settings.minimumUnits;
    const design = { kind: 'paired-mean' as const, sd: 0, effect: difference };
    if (difference === 0) {
      notes.push('Both arms gave the same value on every paired row.');
      return { ...header, ...common, test: 'paired-t', statistic: null, df: null, p: 1, ci95: null, effectSize: null, tooFew, design };
    }
    notes.push(`Every paired row differs by exactly ${difference}, so the t-test is undefined; the exact sign test decides.`);
    return { ...header, ...common, test: 'sign-test', statistic: null, df: null, p: signTest(differences).p, ci95: null, effectSize: null, tooFew, design };
  }
  const tTest = pairedTTest(differences);
  const wilcoxon = wilcoxonSignedRank(differences);
  const draft: ComparisonDraft = {
    ...header,
    ...common,
    test: 'paired-t',
    statistic: tTest.t,
    df: tTest.df,
    p: tTest.p,
    ci95: tTest.ci95,
    effectSize: cohensDz(differences),
    robustness: { test: 'wilcoxon', statistic: wilcoxon.statistic, p: wilcoxon.p },
    tooFew: false,
    design: { kind: 'paired-mean', sd, effect: difference },
  };
  if (description.kind === 'score') {
    const seed = deriveSeed(settings.seed, `${armId}\u0000${baselineId}\u0000${description.name}`);
    const bootstrap = pairedBootstrapCi(differences, { resamples: settings.bootstrapResamples, seed });
    draft.bootstrapCi95 = bootstrap.ci;
    draft.bootstrap = { resamples: bootstrap.resamples, seed };
    if (bootstrap.resamples < settings.bootstrapResamples) notes.push(`The bootstrap drew ${bootstrap.resamples} resamples instead of ${settings.bootstrapResamples} to stay fast on ${n} rows of continuous values.`);
  }
  return draft;
}

function mcnemar(armValues: Float64Array, baselineValues: Float64Array, settings: ComparisonSettings, notes: string[]) {
  const table = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
  for (let index = 0; index < armValues.length; index++) {
    const armPassed = armValues[index] === 1;
    const baselinePassed = baselineValues[index] === 1;
    if (armPassed && baselinePassed) table.both++;
    else if (baselinePassed) table.onlyA++;
    else if (armPassed) table.onlyB++;
    else table.neither++;
  }
  const n = armValues.length;
  const difference = n > 0 ? (table.onlyB - table.onlyA) / n : null;
  const baselineRate = n > 0 ? (table.both + table.onlyA) / n : null;
  const armRate = n > 0 ? (table.both + table.onlyB) / n : null;
  const { p, discordant } = mcnemarExact(table.onlyA, table.onlyB);
  if (discordant === 0 && n > 0) notes.push('The two arms passed and failed on exactly the same rows.');
  const tooFew = n < settings.minimumUnits;
  if (tooFew) notes.push(`With fewer than ${settings.minimumUnits} paired rows no pass/fail result could be significant at alpha = ${settings.alpha}.`);
  return {
    test: 'mcnemar-exact' as const,
    statistic: discordant > 0 ? table.onlyB / discordant : null,
    p: n > 0 ? p : null,
    difference,
    relativeDifference: relativeTo(difference, baselineRate),
    ci95: n > 0 ? pairedProportionInterval({ both: table.both, onlyA: table.onlyA, onlyB: table.onlyB, neither: table.neither }) : null,
    effectSize: baselineRate === null || armRate === null ? null : cohensH(baselineRate, armRate),
    effectSizeKind: 'cohens-h' as const,
    discordant: { onlyArm: table.onlyB, onlyBaseline: table.onlyA },
    tooFew,
    design: { kind: 'paired-proportion' as const, discordantShare: n > 0 ? discordant / n : 0, difference: difference ?? 0, baselineRate },
  };
}
