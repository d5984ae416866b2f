import { randomUUID } from 'node:crypto';
import type { DatasetRow, ExperimentArm } from '@tandem/shared';
import { checkRunInputs, rowInputs, type PipelinePlan, type RunOutcome } from '@tandem/engine';
import type { ExperimentRecord, TrialKey, TrialOutcome, TrialPreparation, TrialRecord, TrialRun } from '@tandem/db';
import type { TrialScorers } from './trial-scorers.ts';

/**
 * What a trial's claim creates, inside the claim's transaction: the run of its arm over its dataset row,
 * or why the row cannot run. The same for trials run in process and trials run by a cluster's workers.
 */
export function prepareTrial(record: ExperimentRecord, plan: PipelinePlan, trial: TrialKey, row: DatasetRow | undefined): TrialPreparation {
  const arm = armOf(record, trial.arm);
  if (!row) return { failure: { code: 'DATASET_NOT_FOUND', message: `Row ${trial.row} of the dataset is missing` } };
  const inputs = rowInputs(plan.document.inputs, record.mapping, row.data);
  const problems = checkRunInputs(plan.document, inputs);
  if (problems.length > 0) return { failure: { code: 'RUN_INPUT_INVALID', message: `Row ${trial.row}: ${problems.map((problem) => problem.message).join('; ')}` } };
  return { run: { id: randomUUID(), pipelineId: record.pipelineId, version: arm.version, inputs, experimentId: record.id, ...(arm.overrides ? { overrides: arm.overrides } : {}) } };
}

/** The arm of an experiment a trial belongs to. */
export function armOf(record: ExperimentRecord, armId: string): ExperimentArm {
  return record.arms.find((candidate) => candidate.id === armId)!;
}

/** What a trial is expected to cost: the most expensive arm's mean of ended trials, else its pipeline's estimate. */
export function expectedTrialCost(record: ExperimentRecord, costs: Map<string, { ended: number; meanCostUsd: number }>, estimateOf: (arm: ExperimentArm) => number): number {
  return Math.max(
    0,
    ...record.arms.map((arm) => {
      const seen = costs.get(arm.id);
      return seen && seen.ended > 0 ? seen.meanCostUsd : estimateOf(arm);
    }),
  );
}

/** Trials started and not ended. */
export const runningTrials = (record: ExperimentRecord) => record.started - record.done - record.failed;

/** The status an experiment ends with once nothing runs and nothing can start, or undefined while it goes on. */
export function finalStatus(record: ExperimentRecord): 'completed' | 'failed' | undefined {
  if (record.status !== 'running' || runningTrials(record) > 0) return undefined;
  if (record.total - record.started - record.skipped > 0 && record.stopReason !== 'budget') return undefined;
  return record.done === 0 && record.failed > 0 ? 'failed' : 'completed';
}

/**
 * Scores a trial whose run ended: the run's own metrics, then the experiment's scorers on its output
 * (their cost is the trial's). Answers what `trials.finish` records.
 */
export async function scoreTrial(
  scorers: TrialScorers,
  input: { experiment: ExperimentRecord; plan: PipelinePlan; trial: TrialRecord; run: TrialRun; row: Record<string, unknown>; outcome: Pick<RunOutcome, 'status' | 'error'> },
): Promise<TrialOutcome> {
  const { experiment, plan, trial, run, row, outcome } = input;
  const values = { ...(run.metrics?.values ?? {}) };
  let costUsd = typeof values.costUsd === 'number' ? values.costUsd : 0;
  const notes: string[] = [];
  if (outcome.status === 'completed' && experiment.scorers.length > 0) {
    const outputIds = plan.document.nodes.filter((node) => plan.definitions.get(node.id)?.role === 'output').map((node) => node.id);
    const expected = experiment.mapping.expected === undefined ? undefined : row[experiment.mapping.expected];
    const scored = await scorers.score(experiment.scorers, (scorer) => ({ output: run.outputs[scorer.output ?? outputIds[0] ?? ''], expected, inputs: run.inputs, row }));
    Object.assign(values, scored.metrics);
    costUsd += scored.costUsd;
    values.costUsd = costUsd;
    notes.push(...scored.notes);
  }
  if (notes.length > 0) console.warn(`Experiment ${experiment.id}, row ${trial.row}, arm ${trial.arm}: ${notes.join('; ')}`);
  const status = outcome.status === 'completed' ? 'completed' : 'failed';
  const error = status === 'failed' ? (outcome.error ?? { code: 'RUN_ABORTED', message: `The trial's run ended ${outcome.status}` }) : undefined;
  return { status, metrics: values, costUsd, ...(error ? { error } : {}) };
}
