import { StudioError } from '@tandem/shared';
import { holmAdjust } from '../adjust.ts';
import { replaceNonFinite } from '../json-safe.ts';
import { minimumUnitsForSignificance } from '../sample-size.ts';
import { collectTrials, type ArmMetricValues } from './collect-trials.ts';
import { comparePaired } from './compare-paired.ts';
import { compareUnpaired } from './compare-unpaired.ts';
import type { ComparisonDraft, ComparisonSettings } from './comparison-draft.ts';
import { describeArms } from './describe-arms.ts';
import { chooseWinner } from './recommend.ts';
import { decideVerdict, rowsNeededFor80Power } from './verdict.ts';
import type { AnalyzeExperimentInput, ArmInput, Comparison, ExperimentAnalysis, MetricDescription } from './types.ts';

function invalid(field: string, message: string): StudioError {
  return new StudioError('VALIDATION_FAILED', `${field}: ${message}`, { details: { field } });
}

/** Checks the parts of the input that are not trials (those are checked while they are collected). */
export function checkAnalysisOptions(
  input: { arms: readonly ArmInput[]; baseline: string; alpha?: number; seed?: number; bootstrapResamples?: number },
  fields: { arms: string; baseline: string } = { arms: 'arms', baseline: 'baseline' },
): void {
  if (!Array.isArray(input.arms) || input.arms.length === 0) throw invalid(fields.arms, 'must list at least one arm');
  const ids = new Set<string>();
  input.arms.forEach((arm, index) => {
    if (typeof arm?.id !== 'string' || arm.id === '') throw invalid(`${fields.arms}[${index}].id`, 'must be a non-empty string');
    if (ids.has(arm.id)) throw invalid(`${fields.arms}[${index}].id`, `duplicate ${JSON.stringify(arm.id)}`);
    ids.add(arm.id);
  });
  if (!ids.has(input.baseline)) throw invalid(fields.baseline, `must be one of ${[...ids].join(', ')}`);
  if (input.alpha !== undefined && !(input.alpha > 0 && input.alpha < 1)) throw invalid('alpha', 'must be between 0 and 1');
  if (input.seed !== undefined && !Number.isInteger(input.seed)) throw invalid('seed', 'must be an integer');
  if (input.bootstrapResamples !== undefined && !(Number.isInteger(input.bootstrapResamples) && input.bootstrapResamples >= 100)) {
    throw invalid('bootstrapResamples', 'must be an integer of at least 100');
  }
}

/** Compares two arms' values on one metric, paired when they share rows (or as `pairing` forces). */
export function compareArms(
  description: MetricDescription,
  arm: string,
  baseline: string,
  armValues: ArmMetricValues,
  baselineValues: ArmMetricValues,
  pairing: 'auto' | 'paired' | 'unpaired',
  settings: ComparisonSettings,
): ComparisonDraft {
  const paired = pairing === 'paired' || (pairing === 'auto' && sharesRows(armValues, baselineValues));
  return (paired ? comparePaired : compareUnpaired)(description, arm, baseline, armValues, baselineValues, settings);
}

function sharesRows(a: ArmMetricValues, b: ArmMetricValues): boolean {
  for (let i = 0, j = 0; i < a.rows.length && j < b.rows.length; ) {
    if (a.rows[i] === b.rows[j]) return true;
    if (a.rows[i]! < b.rows[j]!) i++;
    else j++;
  }
  return false;
}

/**
 * Holm-adjusts the quality family (score and pass metrics) and turns drafts into comparisons with a verdict and,
 * where nothing was shown, the rows needed for 80 % power.
 */
export function finishComparisons(drafts: readonly ComparisonDraft[], settings: ComparisonSettings): Comparison[] {
  const inFamily = drafts.map((draft) => draft.inAdjustedFamily && !draft.tooFew && draft.p !== null);
  const adjusted = holmAdjust(drafts.map((draft, index) => (inFamily[index] ? draft.p : null)));
  const familySize = inFamily.filter(Boolean).length;
  return drafts.map((draft, index) => {
    const { tooFew: _tooFew, design: _design, ...rest } = draft;
    const pAdjusted = inFamily[index] ? adjusted[index]! : draft.p;
    const verdict = decideVerdict(draft, pAdjusted, settings.alpha);
    const comparison: Comparison = { ...rest, pAdjusted, adjustment: inFamily[index] ? 'holm' : 'none', verdict };
    if (verdict === 'not enough data' || verdict === 'no detectable difference') {
      const powerAlpha = draft.inAdjustedFamily ? settings.alpha / Math.max(1, familySize) : settings.alpha;
      const needed = rowsNeededFor80Power(draft, powerAlpha, settings.minimumUnits);
      if (needed) Object.assign(comparison, { rowsNeededFor80Power: needed.rows, powerBasis: needed.basis });
    }
    return comparison;
  });
}

/**
 * Analyses an experiment: per-arm summaries, every non-baseline arm compared with the baseline on every metric,
 * Holm adjustment over the quality family, verdicts, the winner and a plain-language recommendation.
 * @example
 * const analysis = analyzeExperiment({ arms: [{ id: 'A' }, { id: 'B' }], baseline: 'A', trials });
 * analysis.recommendation; // "B beats A on judge.score by 0.8 points (95 % CI 0.3 to 1.3, paired t-test, Holm-adjusted p = 0.004) … — switch to B."
 */
export function analyzeExperiment(input: AnalyzeExperimentInput): ExperimentAnalysis {
  checkAnalysisOptions(input);
  if (!Array.isArray(input.trials)) throw invalid('trials', 'must be an array');
  const alpha = input.alpha ?? 0.05;
  const seed = input.seed ?? 0;
  const settings: ComparisonSettings = { alpha, seed, bootstrapResamples: input.bootstrapResamples ?? 2000, minimumUnits: minimumUnitsForSignificance(alpha) };
  const collected = collectTrials(input.arms, input.trials, input.metricInfo);
  const drafts: ComparisonDraft[] = [];
  for (const { description, byArm } of collected.metrics) {
    for (const arm of input.arms) {
      if (arm.id === input.baseline) continue;
      drafts.push(compareArms(description, arm.id, input.baseline, byArm.get(arm.id)!, byArm.get(input.baseline)!, input.pairing ?? 'auto', settings));
    }
  }
  const metrics = collected.metrics.map((metric) => metric.description);
  const primaryMetric = pickPrimaryMetric(metrics, input.primaryMetric);
  const comparisons = finishComparisons(drafts, settings);
  const arms = describeArms(input.arms, collected);
  const { winner, recommendation } = chooseWinner({ baseline: input.baseline, primaryMetric, comparisons, arms });
  const analysis: ExperimentAnalysis = { alpha, seed, baseline: input.baseline, primaryMetric, metrics, arms, comparisons, winner, recommendation, notes: collected.notes };
  replaceNonFinite({ arms, comparisons }, analysis.notes);
  return analysis;
}

/** The metric the winner is chosen on: the requested one, else the first score metric, else the first pass metric, else the first metric. */
export function pickPrimaryMetric(metrics: readonly MetricDescription[], requested?: string): string | null {
  if (requested !== undefined) {
    if (!metrics.some((metric) => metric.name === requested)) throw invalid('primaryMetric', `no trial reports ${JSON.stringify(requested)}`);
    return requested;
  }
  return (metrics.find((m) => m.kind === 'score') ?? metrics.find((m) => m.kind === 'pass') ?? metrics[0])?.name ?? null;
}
