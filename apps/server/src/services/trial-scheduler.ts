import { terminalRunStatuses, type ExperimentArm, type RunView } from '@tandem/shared';
import type { PipelinePlan, RunOutcome } from '@tandem/engine';
import type { ExperimentRecord, Repositories, TrialKey, TrialPreparation, TrialRecord } from '@tandem/db';
import type { PipelineService } from './pipeline-service.ts';
import type { RunService } from './run-service.ts';
import type { TrialScorers } from './trial-scorers.ts';
import { armOf, expectedTrialCost, finalStatus, prepareTrial, runningTrials, scoreTrial } from './trial-outcome.ts';
import type { WakeHub } from './wake-hub.ts';

/**
 * The seam between experiments and whatever executes their trials (DESIGN.md §8 `RunQueue`). The
 * `trials` table is the queue and the source of truth; an adapter only decides when to take trials
 * from it. This in-process adapter takes them on the server's own run service; a cluster's
 * (cluster/cluster-trials.ts) enqueues their runs for the workers, which record them (ADR 41).
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
  const prepare = (record: ExperimentRecord, trial: TrialKey): TrialPreparation =>
    prepareTrial(record, planOf(record, armOf(record, trial.arm)), trial, repositories.datasets.rowsAt(record.datasetId, record.datasetVersion, [trial.row])[0]);

  const expectedCost = (record: ExperimentRecord): number =>
    expectedTrialCost(record, repositories.trials.armCosts(record.id), (arm) => Object.values(deps.pipelines.estimate(planOf(record, arm))).reduce((sum, estimate) => sum + estimate.costUsd, 0));

  const runningOf = runningTrials;

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
        if (claimed.trial.runId) void deps.runs.launch(claimed.trial.runId, planOf(record, armOf(record, claimed.trial.arm)));
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
    const status = record ? finalStatus(record) : undefined;
    if (status && repositories.experiments.finish(experimentId, status)) hub.wake(experimentId);
  }

  /** Scores a trial whose run ended and records it (once); then takes the next trials. */
  async function record(trial: TrialRecord, run: RunView, outcome: Pick<RunOutcome, 'status' | 'error'>): Promise<void> {
    const experiment = repositories.experiments.get(trial.experimentId);
    if (!experiment) return;
    const metrics = repositories.runs.getRecord(run.id)?.metrics;
    const row = repositories.datasets.rowsAt(experiment.datasetId, experiment.datasetVersion, [trial.row])[0]?.data ?? {};
    const plan = planOf(experiment, armOf(experiment, trial.arm));
    const result = await scoreTrial(deps.scorers, { experiment, plan, trial, run: { ...run, ...(metrics ? { metrics } : {}) }, row, outcome });
    if (repositories.trials.finish(run.id, result)) hub.wake(experiment.id);
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
