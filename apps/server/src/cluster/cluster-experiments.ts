import { estimatePipeline, type ModelResolver, type NodeRegistry } from '@tandem/engine';
import type { ExperimentStore } from '@tandem/db';
import type { DatasetRouteDeps } from '../routes/datasets.ts';
import type { ExperimentRouteDeps } from '../routes/experiments.ts';
import { createDatasetService } from '../services/dataset-service.ts';
import { clusterExperimentPipelines } from '../services/experiment-pipelines.ts';
import { createExperimentResults } from '../services/experiment-results.ts';
import { createExperimentRows } from '../services/experiment-rows.ts';
import { createExperimentService } from '../services/experiment-service.ts';
import type { ClusterPipelines } from './cluster-pipelines.ts';
import type { ClusterSignals } from './cluster-signals.ts';
import { createClusterTrialScheduler, type ClusterTrialScheduler } from './cluster-trials.ts';
import type { RunQueue } from './run-queue.ts';
import type { TrialScorers } from '../services/trial-scorers.ts';

/** What the dataset and experiment routes use on a web node, and the scheduler behind them. */
export type ClusterExperimentArea = DatasetRouteDeps & ExperimentRouteDeps & { trials: ClusterTrialScheduler };

/** Options of {@link createClusterExperimentArea}. */
export interface ClusterExperimentAreaOptions {
  store: ExperimentStore;
  pipelines: ClusterPipelines;
  registry: NodeRegistry;
  models: ModelResolver;
  queue: RunQueue;
  signals: ClusterSignals;
  /** Given on workers, which record trials' outcomes; a web node only starts trials. */
  scorers?: TrialScorers;
}

/**
 * Datasets and experiments of a cluster process: the single process's services over the Postgres experiment
 * store, trials enqueued for the workers, and progress streams woken by NOTIFY (the store announces every
 * commit of experiment events, so there is nothing to wake by hand).
 */
export function createClusterExperimentArea(options: ClusterExperimentAreaOptions): ClusterExperimentArea {
  const { store, signals } = options;
  const pipelines = clusterExperimentPipelines({ loadPlan: options.pipelines.loadPlan, estimate: (plan) => estimatePipeline(plan.document, options.registry, options.models) });
  const trials = createClusterTrialScheduler({
    store,
    pipelines: { planOf: options.pipelines.planOf, estimate: pipelines.estimate },
    queue: options.queue,
    ...(options.scorers ? { scorers: options.scorers } : {}),
  });
  const experimentResults = createExperimentResults({ store });
  return {
    experimentStore: store,
    datasets: createDatasetService({ datasets: store.datasets }),
    experiments: createExperimentService({ store, pipelines, models: options.models, scheduler: trials, hub: { wake: () => undefined } }),
    experimentResults,
    experimentRows: createExperimentRows({ store, results: experimentResults }),
    experimentHub: { subscribe: (experimentId, listener) => signals.onExperimentCommitted(experimentId, listener) },
    trials,
  };
}
