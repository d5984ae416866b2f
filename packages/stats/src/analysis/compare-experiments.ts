import { StudioError } from '@tandem/shared';
import { replaceNonFinite } from '../json-safe.ts';
import { minimumUnitsForSignificance } from '../sample-size.ts';
import { checkAnalysisOptions, finishComparisons } from './analyze-experiment.ts';
import { collectTrials } from './collect-trials.ts';
import { comparePaired, matchRows } from './compare-paired.ts';
import type { ComparisonDraft, ComparisonSettings } from './comparison-draft.ts';
import { formatAmount } from './format.ts';
import { improvement } from './verdict.ts';
import type { Comparison, MetricDirection, MetricInfo, MetricKind, Trial } from './types.ts';

/** One experiment's side of the comparison: its trials and, when it has several arms, which arm to compare. */
export interface ExperimentSide {
  trials: readonly Trial[];
  /** The arm to compare; by default every arm id the two experiments share. */
  arm?: string;
}

/** Options of {@link compareExperiments}. */
export interface CompareExperimentsOptions {
  metricInfo?: Readonly<Record<string, MetricInfo>>;
  alpha?: number;
  seed?: number;
  /** A row counts as unchanged when its change is within this amount (per metric, or one number for all; default 0). */
  tolerance?: number | Readonly<Record<string, number>>;
}

/** Row-level changes of one metric between the previous and the current experiment. */
export interface MetricChange {
  metric: string;
  kind: MetricKind;
  direction: MetricDirection;
  /** Rows with a value in both experiments. */
  sharedRows: number;
  onlyInCurrent: number;
  onlyInPrevious: number;
  improved: number;
  regressed: number;
  unchanged: number;
  /** The row ids in each group. */
  rows: { improved: (number | string)[]; regressed: (number | string)[]; unchanged: (number | string)[] };
  /** The paired test of current against previous on the shared rows (`arm` = current, `baseline` = previous). */
  comparison: Comparison;
}

/** Result of {@link compareExperiments}. */
export interface ExperimentComparison {
  pairs: { currentArm: string; previousArm: string; metrics: MetricChange[] }[];
  summary: string;
  /** Values that could not be given as numbers, and why. */
  notes: string[];
}

function armsOf(side: ExperimentSide, field: string): string[] {
  if (!Array.isArray(side?.trials)) throw new StudioError('VALIDATION_FAILED', `${field}.trials: must be an array`, { details: { field: `${field}.trials` } });
  return [...new Set(side.trials.map((trial) => trial.arm))];
}

function armPairs(current: ExperimentSide, previous: ExperimentSide): [string, string][] {
  const currentArms = armsOf(current, 'current');
  const previousArms = armsOf(previous, 'previous');
  if (current.arm !== undefined || previous.arm !== undefined) {
    const currentArm = current.arm ?? (currentArms.length === 1 ? currentArms[0]! : undefined);
    const previousArm = previous.arm ?? (previousArms.length === 1 ? previousArms[0]! : undefined);
    if (currentArm === undefined) throw new StudioError('VALIDATION_FAILED', 'current.arm: name the arm to compare', { details: { field: 'current.arm' } });
    if (previousArm === undefined) throw new StudioError('VALIDATION_FAILED', 'previous.arm: name the arm to compare', { details: { field: 'previous.arm' } });
    return [[currentArm, previousArm]];
  }
  if (currentArms.length === 1 && previousArms.length === 1) return [[currentArms[0]!, previousArms[0]!]];
  const shared = currentArms.filter((arm) => previousArms.includes(arm));
  if (shared.length === 0) throw new StudioError('VALIDATION_FAILED', 'current.arm: the experiments share no arm id; name the arms to compare', { details: { field: 'current.arm' } });
  return shared.map((arm) => [arm, arm]);
}

/**
 * Compares two experiments on the same dataset, row by row: for each metric, which rows improved, regressed or stayed
 * the same (in the metric's good direction), and the paired tests on the shared rows, Holm-adjusted over the quality metrics.
 */
export function compareExperiments(current: ExperimentSide, previous: ExperimentSide, options: CompareExperimentsOptions = {}): ExperimentComparison {
  checkAnalysisOptions({ arms: [{ id: 'current' }, { id: 'previous' }], baseline: 'previous', alpha: options.alpha, seed: options.seed });
  const alpha = options.alpha ?? 0.05;
  const settings: ComparisonSettings = { alpha, seed: options.seed ?? 0, bootstrapResamples: 2000, minimumUnits: minimumUnitsForSignificance(alpha) };
  const pairs = armPairs(current, previous).map(([currentArm, previousArm]) => {
    const trials = [...sideTrials(current, currentArm, 'current'), ...sideTrials(previous, previousArm, 'previous')];
    const collected = collectTrials([{ id: 'previous' }, { id: 'current' }], trials, options.metricInfo);
    const drafts: ComparisonDraft[] = [];
    const changes = collected.metrics.map(({ description, byArm }) => {
      const currentValues = byArm.get('current')!;
      const previousValues = byArm.get('previous')!;
      drafts.push(comparePaired(description, currentArm, previousArm, currentValues, previousValues, settings));
      const { rows, armValues, baselineValues } = matchRows(currentValues, previousValues);
      const tolerance = typeof options.tolerance === 'number' ? options.tolerance : (options.tolerance?.[description.name] ?? 0);
      const grouped = { improved: [] as (number | string)[], regressed: [] as (number | string)[], unchanged: [] as (number | string)[] };
      for (let index = 0; index < rows.length; index++) {
        const change = improvement(armValues[index]! - baselineValues[index]!, description.direction);
        const key = collected.rowKeys[rows[index]!]!;
        (change > tolerance ? grouped.improved : change < -tolerance ? grouped.regressed : grouped.unchanged).push(key);
      }
      return {
        metric: description.name,
        kind: description.kind,
        direction: description.direction,
        sharedRows: rows.length,
        onlyInCurrent: currentValues.rows.length - rows.length,
        onlyInPrevious: previousValues.rows.length - rows.length,
        improved: grouped.improved.length,
        regressed: grouped.regressed.length,
        unchanged: grouped.unchanged.length,
        rows: grouped,
      };
    });
    const comparisons = finishComparisons(drafts, settings);
    return { currentArm, previousArm, metrics: changes.map((change, index) => ({ ...change, comparison: comparisons[index]! })) };
  });
  const notes: string[] = [];
  replaceNonFinite(pairs, notes, 'pairs');
  return { pairs, summary: summarize(pairs), notes };
}

function sideTrials(side: ExperimentSide, arm: string, as: 'current' | 'previous'): Trial[] {
  const selected: Trial[] = [];
  side.trials.forEach((trial, index) => {
    if (trial.arm !== arm) return;
    if (trial.row === null || trial.row === undefined) {
      throw new StudioError('VALIDATION_FAILED', `${as}.trials[${index}].row: comparing experiments needs the dataset row of every trial`, { details: { field: `${as}.trials[${index}].row` } });
    }
    selected.push({ ...trial, arm: as });
  });
  if (selected.length === 0) throw new StudioError('VALIDATION_FAILED', `${as}.arm: no trial of arm ${JSON.stringify(arm)}`, { details: { field: `${as}.arm` } });
  return selected;
}

function summarize(pairs: ExperimentComparison['pairs']): string {
  return pairs
    .map(({ currentArm, previousArm, metrics }) => {
      const quality = metrics.filter((change) => change.comparison.inAdjustedFamily);
      const parts = (quality.length > 0 ? quality : metrics).map((change) => {
        const { verdict, difference } = change.comparison;
        const headline =
          verdict === 'better' || verdict === 'worse'
            ? `${verdict} by ${formatAmount(difference ?? 0, change.kind)}`
            : verdict;
        return `${change.metric}: ${change.improved} rows improved, ${change.regressed} regressed, ${change.unchanged} unchanged (${headline})`;
      });
      const name = currentArm === previousArm ? currentArm : `${currentArm} against ${previousArm}`;
      return `${name} — ${parts.join('; ')}.`;
    })
    .join(' ');
}
