import { randomUUID } from 'node:crypto';
import { terminalRunStatuses, type ExperimentArm, type RunView } from '@tandem/shared';
import { checkRunInputs, rowInputs, type PipelinePlan, type RunOutcome } from '@tandem/engine';
import type { ExperimentRecord, Repositories, TrialPreparation, TrialRecord } from '@tandem/db';
import type { PipelineService } from './pipeline-service.ts';
import type { RunService } from './run-service.ts';
import type { TrialScorers } from './trial-scorers.ts';
import type { WakeHub } from './wake-hub.ts';

/**
 * The seam between experiments and whatever executes their trials (DESIGN.md §8 `RunQueue`). The
 * `trials` table is the queue and the source of truth; an adapter only decides when to take trials
 * from it. This in-process adapter takes them on the server's own run service; a pg-boss adapter
 * would post one job per experiment wake and let N workers claim trials with the same transaction.
 */
export interface TrialScheduler {
  /** Takes queued trials of a running experiment until its concurrency or budget is reached, and ends it when none are left. */
  wake(experimentId: string): void;
  /** At start, after runs resumed: records trials whose runs ended while the server was down, then wakes every running experiment. */
  resume(): string[];
  /** Resolves when no trial is being recorded (tests, shutdown). */
  idle(): Promise<void>;
}

export interface TrialSchedulerDeps {
  repositories: Repositories;
  pipelines: PipelineService;
  runs: RunService;
  scorers: TrialScorers;
  hub: WakeHub;
}

/** The in-process trial scheduler: trials run as ordinary runs of this server's run service. */
export function createInProcessTrialScheduler(deps: TrialSchedulerDeps): TrialScheduler {
  const { repositories, hub } = deps;
  const recording = new Set<Promise<void>>();
  const pumping = new Set<string>();

  // Checked once per arm and cached by the pipeline service (versions never change).
  const planOf = (record: ExperimentRecord, arm: ExperimentArm): PipelinePlan => deps.pipelines.planOf(record.pipelineId, arm.version, arm.overrides);

  /** Runs inside the claim transaction: the run a trial gets, or why its row cannot run. */
  const prepare = (record: ExperimentRecord, trial: { row: number; arm: string }): TrialPreparation => {
    const arm = record.arms.find((candidate) => candidate.id === trial.arm)!;
    const plan = planOf(record, arm);
    const row = repositories.datasets.rowsAt(record.datasetId, record.datasetVersion, [trial.row])[0];
    if (!row) return { failure: { code: 'DATASET_NOT_FOUND', message: `Row ${trial.row} of the dataset is missing` } };
    const inputs = rowInputs(plan.document.inputs, record.mapping, row.data);
    const problems = checkRunInputs(plan.document, inputs);
    if (problems.length > 0) return { failure: { code: 'RUN_INPUT_INVALID', message: `Row ${trial.row}: ${problems.map((problem) => problem.message).join('; ')}` } };
    return { run: { id: randomUUID(), pipelineId: record.pipelineId, version: arm.version, inputs, experimentId: record.id, ...(arm.overrides ? { overrides: arm.overrides } : {}) } };
  };

  /** What a trial is expected to cost: the mean of its arm's ended trials, else the pipeline's estimate. */
  const expectedCost = (record: ExperimentRecord): number => {
    const costs = repositories.trials.armCosts(record.id);
    return Math.max(
      0,
      ...record.arms.map((arm) => {
        const seen = costs.get(arm.id);
        if (seen && seen.ended > 0) return seen.meanCostUsd;
        return Object.values(deps.pipelines.estimate(planOf(record, arm))).reduce((sum, estimate) => sum + estimate.costUsd, 0);
      }),
    );
  };

  const runningOf = (record: ExperimentRecord) => record.started - record.done - record.failed;

  function pump(experimentId: string): void {
    if (pumping.has(experimentId)) return;
    pumping.add(experimentId);
    try {
      for (let record = repositories.experiments.get(experimentId); record?.status === 'running'; record = repositories.experiments.get(experimentId)) {
        if (record.stopReason === 'budget' || runningOf(record) >= record.concurrency) break;
        if (record.budgetUsd !== undefined && record.costUsd + (runningOf(record) + 1) * expectedCost(record) > record.budgetUsd + 1e-12) {
          repositories.experiments.stop(experimentId, 'budget');
          break;
        }
        const current = record;
        const claimed = repositories.trials.claimNext(experimentId, (trial) => prepare(current, trial));
        if (!claimed) break;
        if (claimed.event) hub.wake(experimentId);
        if (claimed.trial.runId) {
          const arm = record.arms.find((candidate) => candidate.id === claimed.trial.arm)!;
          void deps.runs.launch(claimed.trial.runId, planOf(record, arm));
        }
      }
      finishIfDone(experimentId);
    } catch (error) {
      console.error(`Experiment ${experimentId} could not start its next trial`, error);
      if (repositories.experiments.finish(experimentId, 'failed')) hub.wake(experimentId);
    } finally {
      pumping.delete(experimentId);
    }
  }

  function finishIfDone(experimentId: string): void {
    const record = repositories.experiments.get(experimentId);
    if (!record || record.status !== 'running' || runningOf(record) > 0) return;
    if (record.total - record.started - record.skipped > 0 && record.stopReason !== 'budget') return;
    const status = record.done === 0 && record.failed > 0 ? 'failed' : 'completed';
    if (repositories.experiments.finish(experimentId, status)) hub.wake(experimentId);
  }

  /** Scores a trial whose run ended and records it (once); then takes the next trials. */
  async function record(trial: TrialRecord, run: RunView, outcome: Pick<RunOutcome, 'status' | 'error'>): Promise<void> {
    const experiment = repositories.experiments.get(trial.experimentId);
    if (!experiment) return;
    const values = { ...(repositories.runs.getRecord(run.id)?.metrics?.values ?? {}) };
    let costUsd = typeof values.costUsd === 'number' ? values.costUsd : 0;
    const notes: string[] = [];
    if (outcome.status === 'completed' && experiment.scorers.length > 0) {
      const arm = experiment.arms.find((candidate) => candidate.id === trial.arm)!;
      const plan = planOf(experiment, arm);
      const outputIds = plan.document.nodes.filter((node) => plan.definitions.get(node.id)?.role === 'output').map((node) => node.id);
      const row = repositories.datasets.rowsAt(experiment.datasetId, experiment.datasetVersion, [trial.row])[0]?.data ?? {};
      const expected = experiment.mapping.expected === undefined ? undefined : row[experiment.mapping.expected];
      const scored = await deps.scorers.score(experiment.scorers, (scorer) => ({ output: run.outputs[scorer.output ?? outputIds[0] ?? ''], expected, inputs: run.inputs, row }));
      Object.assign(values, scored.metrics);
      costUsd += scored.costUsd;
      values.costUsd = costUsd;
      notes.push(...scored.notes);
    }
    if (notes.length > 0) console.warn(`Experiment ${experiment.id}, row ${trial.row}, arm ${trial.arm}: ${notes.join('; ')}`);
    const status = outcome.status === 'completed' ? 'completed' : 'failed';
    const error = status === 'failed' ? (outcome.error ?? { code: 'RUN_ABORTED', message: `The trial's run ended ${outcome.status}` }) : undefined;
    if (repositories.trials.finish(run.id, { status, metrics: values, costUsd, ...(error ? { error } : {}) })) hub.wake(experiment.id);
    pump(experiment.id);
  }

  function track(work: Promise<void>): void {
    recording.add(work);
    void work.catch((error: unknown) => console.error('A trial could not be recorded', error)).finally(() => recording.delete(work));
  }

  deps.runs.onSettled((runId, outcome, settled) => {
    if (outcome.status === 'waiting' || !settled.experimentId) return;
    const trial = repositories.trials.byRun(runId);
    const run = repositories.runs.get(runId);
    if (!trial || trial.status !== 'running' || !run) return;
    track(record(trial, run, outcome));
  });

  return {
    wake: pump,
    resume() {
      const resumed: string[] = [];
      for (const experiment of repositories.experiments.listByStatus(['running'])) {
        for (const trial of repositories.trials.list(experiment.id, ['running'])) {
          const run = trial.runId ? repositories.runs.get(trial.runId) : undefined;
          if (run && terminalRunStatuses.includes(run.status)) track(record(trial, run, { status: run.status as RunOutcome['status'], ...(run.error ? { error: run.error } : {}) }));
        }
        pump(experiment.id);
        resumed.push(experiment.id);
      }
      return resumed;
    },
    async idle() {
      while (recording.size > 0) await Promise.allSettled([...recording]);
    },
  };
}
