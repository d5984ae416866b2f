import { StudioError } from '@tandem/shared';
import type { ArmInput, MetricDescription, MetricDirection, MetricInfo, MetricKind, Trial } from './types.ts';

/** One metric's values in one arm: row means (repeats averaged), in ascending row order. */
export interface ArmMetricValues {
  /** Dense row indices that have a value. */
  rows: Int32Array;
  /** The mean over that row's trials, aligned with `rows`. */
  values: Float64Array;
  /** Trial values used. */
  trials: number;
  /** Completed trials without a usable value. */
  missing: number;
}

/** Trials grouped by metric and arm. */
export interface CollectedTrials {
  /** Number of dense row indices (rows without an id get one each). */
  rowCount: number;
  /** The row id of each dense index (`null` for trials without a row id). */
  rowKeys: (number | string | null)[];
  arms: Map<string, { trials: number; completed: number; failed: number; rows: number }>;
  metrics: { description: MetricDescription; byArm: Map<string, ArmMetricValues> }[];
  notes: string[];
}

const lowerIsBetter: Record<MetricKind, boolean> = { score: false, pass: false, latency: true, cost: true, tokens: true };

function invalid(field: string, message: string): StudioError {
  return new StudioError('VALIDATION_FAILED', `${field}: ${message}`, { details: { field } });
}

/** Infers a metric's kind from its name and values: booleans are pass/fail, latencyMs, costUsd and *Tokens are costs, other numbers scores. */
export function describeMetric(name: string, info: MetricInfo | undefined, sawBoolean: boolean): MetricDescription {
  const inferredKind: MetricKind = sawBoolean ? 'pass' : name === 'latencyMs' ? 'latency' : name === 'costUsd' ? 'cost' : /tokens$/i.test(name) ? 'tokens' : 'score';
  const kind = info?.kind ?? inferredKind;
  const direction: MetricDirection = info?.direction ?? (lowerIsBetter[kind] ? 'lower' : 'higher');
  return { name, kind, direction, inAdjustedFamily: kind === 'score' || kind === 'pass', inferred: info?.kind === undefined || info.direction === undefined };
}

/**
 * Checks the trials and groups each metric's values by arm and row, averaging repeats of a (row, arm).
 * Throws VALIDATION_FAILED naming the field for a malformed trial; NaN and ±Infinity are left out and counted.
 */
export function collectTrials(armList: readonly ArmInput[], trials: readonly Trial[], metricInfo: Readonly<Record<string, MetricInfo>> = {}): CollectedTrials {
  for (const [name, info] of Object.entries(metricInfo)) {
    if (info?.kind !== undefined && !(info.kind in lowerIsBetter)) throw invalid(`metricInfo.${name}.kind`, `must be one of ${Object.keys(lowerIsBetter).join(', ')}`);
    if (info?.direction !== undefined && info.direction !== 'higher' && info.direction !== 'lower') throw invalid(`metricInfo.${name}.direction`, 'must be "higher" or "lower"');
  }
  const arms = new Map(armList.map((arm) => [arm.id, { trials: 0, completed: 0, failed: 0, rows: 0 }]));
  const rowIndexByKey = new Map<number | string, number>();
  const trialRows = new Int32Array(trials.length);
  const metricOrder = new Map<string, { sawBoolean: boolean }>(Object.keys(metricInfo).map((name) => [name, { sawBoolean: false }]));
  trials.forEach((trial, index) => {
    if (typeof trial !== 'object' || trial === null) throw invalid(`trials[${index}]`, 'must be an object');
    const counts = arms.get(trial.arm);
    if (!counts) throw invalid(`trials[${index}].arm`, `unknown arm ${JSON.stringify(trial.arm)}`);
    if (trial.status !== 'completed' && trial.status !== 'failed') throw invalid(`trials[${index}].status`, 'must be "completed" or "failed"');
    const row = trial.row;
    if (row === null || row === undefined) trialRows[index] = -1;
    else if ((typeof row === 'number' && Number.isFinite(row)) || typeof row === 'string') {
      let rowIndex = rowIndexByKey.get(row);
      if (rowIndex === undefined) rowIndexByKey.set(row, (rowIndex = rowIndexByKey.size));
      trialRows[index] = rowIndex;
    } else throw invalid(`trials[${index}].row`, 'must be a number, a string or null');
    if (trial.metrics !== undefined && trial.metrics !== null && (typeof trial.metrics !== 'object' || Array.isArray(trial.metrics))) {
      throw invalid(`trials[${index}].metrics`, 'must be an object of metric values');
    }
    counts.trials++;
    if (trial.status === 'completed') counts.completed++;
    else counts.failed++;
    for (const name in trial.metrics) {
      const value = trial.metrics[name];
      if (value !== null && value !== undefined && typeof value !== 'number' && typeof value !== 'boolean') {
        throw invalid(`trials[${index}].metrics.${name}`, 'must be a number, a boolean or null');
      }
      let seen = metricOrder.get(name);
      if (!seen) metricOrder.set(name, (seen = { sawBoolean: false }));
      if (typeof value === 'boolean') seen.sawBoolean = true;
    }
  });
  // Trials without a row id each get their own row, numbered after the keyed rows.
  const keyedRows = rowIndexByKey.size;
  let nextUnkeyed = keyedRows;
  for (let index = 0; index < trials.length; index++) if (trialRows[index] === -1) trialRows[index] = nextUnkeyed++;
  const rowCount = nextUnkeyed;
  const rowKeys: (number | string | null)[] = [...rowIndexByKey.keys(), ...Array<null>(rowCount - keyedRows).fill(null)];
  const notes: string[] = [];
  const metrics = [...metricOrder].map(([name, seen]) => {
    const description = describeMetric(name, metricInfo[name], seen.sawBoolean);
    return { description, byArm: collectMetric(description, armList, trials, trialRows, rowCount, notes) };
  });
  const seenRows = new Map(armList.map((arm) => [arm.id, new Uint8Array(rowCount)]));
  for (let index = 0; index < trials.length; index++) seenRows.get(trials[index]!.arm)![trialRows[index]!] = 1;
  for (const arm of armList) {
    const counts = arms.get(arm.id)!;
    counts.rows = seenRows.get(arm.id)!.reduce((sum, seen) => sum + seen, 0);
    if (counts.trials === 0) notes.push(`Arm ${arm.id} has no trials.`);
  }
  return { rowCount, rowKeys, arms, metrics, notes };
}

function collectMetric(
  description: MetricDescription,
  armList: readonly ArmInput[],
  trials: readonly Trial[],
  trialRows: Int32Array,
  rowCount: number,
  notes: string[],
): Map<string, ArmMetricValues> {
  const name = description.name;
  const accumulators = new Map(armList.map((arm) => [arm.id, { sums: new Float64Array(rowCount), counts: new Int32Array(rowCount), trials: 0, missing: 0 }]));
  let nonFinite = 0;
  let notBinary = 0;
  for (let index = 0; index < trials.length; index++) {
    const trial = trials[index]!;
    const accumulator = accumulators.get(trial.arm)!;
    const raw = trial.metrics?.[name];
    let value = typeof raw === 'boolean' ? (raw ? 1 : 0) : raw;
    if (typeof value === 'number' && !Number.isFinite(value)) (nonFinite++, (value = undefined));
    if (description.kind === 'pass' && typeof value === 'number' && value !== 0 && value !== 1) (notBinary++, (value = undefined));
    if (typeof value !== 'number') {
      if (trial.status === 'completed') accumulator.missing++;
      continue;
    }
    const row = trialRows[index]!;
    accumulator.sums[row]! += value;
    accumulator.counts[row]!++;
    accumulator.trials++;
  }
  if (nonFinite > 0) notes.push(`${nonFinite} value(s) of ${name} were NaN or infinite and were left out.`);
  if (notBinary > 0) notes.push(`${notBinary} value(s) of ${name} were neither pass nor fail (true/false, 1/0) and were left out.`);
  const byArm = new Map<string, ArmMetricValues>();
  for (const [arm, { sums, counts, trials: trialCount, missing }] of accumulators) {
    let present = 0;
    for (let row = 0; row < rowCount; row++) if (counts[row]! > 0) present++;
    const rows = new Int32Array(present);
    const values = new Float64Array(present);
    for (let row = 0, next = 0; row < rowCount; row++) {
      if (counts[row]! > 0) (rows[next] = row), (values[next++] = sums[row]! / counts[row]!);
    }
    byArm.set(arm, { rows, values, trials: trialCount, missing });
  }
  return byArm;
}
