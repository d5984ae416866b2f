import { terminalRunStatuses, type ExperimentArm } from '@tandem/shared';
import type { PipelinePlan, RunOutcome } from '@tandem/engine';
import type { ExperimentRecord, ExperimentStore } from '@tandem/db';
import type { ExperimentPipelines } from '../services/experiment-pipelines.ts';
import { armOf, expectedTrialCost, finalStatus, prepareTrial, runningTrials, scoreTrial } from '../services/trial-outcome.ts';
import type { TrialScorers } from '../services/trial-scorers.ts';
import type { RunQueue } from './run-queue.ts';

/** Options of {@link createClusterTrialScheduler}. */
export interface ClusterTrialSchedulerOptions {
  store: ExperimentStore;
  /** Plans of the arms' exact versions (the cluster's pipelines, read from Postgres). */
  pipelines: Pick<ExperimentPipelines, 'estimate'> & { planOf(pipelineId: string, version: number, overrides?: ExperimentArm['overrides']): Promise<PipelinePlan> };
  queue: RunQueue;
  /** Scores ended trials; only workers record outcomes, so a web node has none. */
  scorers?: TrialScorers;
}

/**
 * Experiments' trials in a cluster (DESIGN.md §8). The `trials` table is the queue and the source of truth:
 * a claim takes a trial and creates its run in one transaction under the experiment's row lock (never past
 * its concurrency, whichever process claims), and the run is enqueued for whichever worker is free. When a
 * worker's run ends, that worker scores the trial and records it; `finish` changes only a running trial, so
 * an outcome is recorded exactly once even if two processes record it. A worker killed after its run ended
 * but before recording leaves the trial running with an ended run: every worker's `sweep` records such
 * trials, starts what can start and ends experiments with nothing left, so nothing waits on one process.
 */
export function createClusterTrialScheduler(options: ClusterTrialSchedulerOptions) {
  const { store, pipelines, queue } = options;
  const pumping = new Map<string, Promise<void>>();
  const again = new Set<string>();

  const planOf = (record: ExperimentRecord, arm: ExperimentArm) => pipelines.planOf(record.pipelineId, arm.version, arm.overrides);

  async function pumpOnce(experimentId: string): Promise<void> {
    for (let record = await store.experiments.get(experimentId); record?.status === 'running'; record = await store.experiments.get(experimentId)) {
      if (record.stopReason === 'budget' || runningTrials(record) >= record.concurrency) break;
      const plans = new Map(await Promise.all(record.arms.map(async (arm) => [arm.id, await planOf(record!, arm)] as const)));
      if (record.budgetUsd !== undefined) {
        const costs = await store.trials.armCosts(record.id);
        const expected = expectedTrialCost(record, costs, (arm) => Object.values(pipelines.estimate(plans.get(arm.id)!)).reduce((sum, estimate) => sum + estimate.costUsd, 0));
        if (record.costUsd + (runningTrials(record) + 1) * expected > record.budgetUsd + 1e-12) {
          await store.experiments.stop(experimentId, 'budget');
          break;
        }
      }
      const current = record;
      const claimed = await store.trials.claimNext(experimentId, (trial, row) => prepareTrial(current, plans.get(trial.arm)!, trial, row));
      if (!claimed) break;
      // A lost enqueue (this process dying right here) is repaired by the workers' reaper: the run is queued in the table.
      if (claimed.trial.runId) await queue.enqueue(claimed.trial.runId);
    }
    await finishIfDone(experimentId);
  }

  async function finishIfDone(experimentId: string): Promise<void> {
    const record = await store.experiments.get(experimentId);
    const status = record ? finalStatus(record) : undefined;
    if (status) await store.experiments.finish(experimentId, status);
  }

  /** Takes queued trials of an experiment until its concurrency or budget is reached; one pass at a time per experiment in this process. */
  function pump(experimentId: string): Promise<void> {
    const running = pumping.get(experimentId);
    if (running) {
      again.add(experimentId);
      return running;
    }
    const work = (async () => {
      do {
        again.delete(experimentId);
        await pumpOnce(experimentId);
      } while (again.has(experimentId));
    })()
      .catch((error: unknown) => console.error(`Experiment ${experimentId} could not start its next trial`, (error as Error).message))
      .finally(() => pumping.delete(experimentId));
    pumping.set(experimentId, work);
    return work;
  }

  /** Records the trial of an ended run (once, whoever calls), then starts the next trials. No-op for a run of no running trial. */
  async function record(runId: string): Promise<void> {
    if (!options.scorers) return;
    const trial = await store.trials.byRun(runId);
    if (!trial || trial.status !== 'running') return;
    const run = await store.reads.run(runId);
    const experiment = await store.experiments.get(trial.experimentId);
    if (!run || !experiment || !terminalRunStatuses.includes(run.status)) return;
    const plan = await planOf(experiment, armOf(experiment, trial.arm));
    const row = (await store.datasets.rowsAt(experiment.datasetId, experiment.datasetVersion, [trial.row]))[0]?.data ?? {};
    const outcome = { status: run.status as RunOutcome['status'], ...(run.error ? { error: run.error } : {}) };
    await store.trials.finish(runId, await scoreTrial(options.scorers, { experiment, plan, trial, run, row, outcome }));
    await pump(experiment.id);
  }

  async function sweep(): Promise<string[]> {
    const running = await store.experiments.listByStatus(['running']);
    for (const experiment of running) {
      for (const trial of await store.trials.list(experiment.id, ['running'])) if (trial.runId) await record(trial.runId);
      await pump(experiment.id);
    }
    return running.map((experiment) => experiment.id);
  }

  return {
    /** Starts an experiment's trials (after it was created or its failed trials were put back). */
    wake(experimentId: string): void {
      void pump(experimentId);
    },
    record,
    /**
     * Every running experiment: records trials whose runs ended unrecorded, starts what can start, ends
     * those with nothing left. Answers the experiments it looked at.
     */
    sweep,
    /** Sweeps now and every `intervalMs` (never two sweeps at once) until the answered function is called. */
    startSweeping(intervalMs: number): () => void {
      let sweeping = false;
      const tick = () => {
        if (sweeping) return;
        sweeping = true;
        void sweep()
          .catch((error: unknown) => console.error('Experiments could not be swept', (error as Error).message))
          .finally(() => (sweeping = false));
      };
      const timer = setInterval(tick, intervalMs);
      tick();
      return () => clearInterval(timer);
    },
    /** Resolves when no pass is in flight in this process (tests, shutdown). */
    async idle(): Promise<void> {
      while (pumping.size > 0) await Promise.allSettled([...pumping.values()]);
    },
  };
}

export type ClusterTrialScheduler = ReturnType<typeof createClusterTrialScheduler>;
