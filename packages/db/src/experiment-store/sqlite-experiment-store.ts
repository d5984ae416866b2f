import type { DatasetsRepository } from '../repositories/datasets-repository.ts';
import type { ExperimentsRepository } from '../repositories/experiments-repository.ts';
import type { FeedbackRepository } from '../repositories/feedback-repository.ts';
import type { PipelinesRepository } from '../repositories/pipelines-repository.ts';
import type { RunsRepository } from '../repositories/runs-repository.ts';
import type { TrialsRepository } from '../repositories/trials-repository.ts';
import type { ExperimentStore } from './experiment-store.ts';

/** The synchronous repositories the SQLite adapter wraps (those of `createRepositories`, shared with the rest of the server). */
export interface ExperimentRepositories {
  pipelines: PipelinesRepository;
  runs: RunsRepository;
  datasets: DatasetsRepository;
  experiments: ExperimentsRepository;
  trials: TrialsRepository;
  feedback: FeedbackRepository;
}

/**
 * The experiment store over the single-process SQLite database: the synchronous repositories behind the
 * asynchronous port. A claim checks the experiment and takes its trial with no await in between, and
 * the process is the only writer, so the check and the claim are atomic.
 *
 * @example
 * const store = createSqliteExperimentStore(createRepositories(openDatabase('tandem.db')));
 */
export function createSqliteExperimentStore(repositories: ExperimentRepositories): ExperimentStore {
  const { datasets, experiments, trials } = repositories;
  return {
    datasets: {
      create: async (id, upload) => datasets.create(id, upload),
      replace: async (id, upload) => datasets.replace(id, upload),
      get: async (id, version) => datasets.get(id, version),
      list: async () => datasets.list(),
      rows: async (id, version, offset, limit) => datasets.rows(id, version, offset, limit),
      rowsAt: async (id, version, indexes) => datasets.rowsAt(id, version, indexes),
    },
    experiments: {
      create: async (experiment) => experiments.create(experiment),
      get: async (id) => experiments.get(id),
      list: async (query) => experiments.list(query),
      listByStatus: async (statuses) => experiments.listByStatus(statuses),
      events: async (id, afterSeq, limit) => experiments.events(id, afterSeq, limit),
      finish: async (id, status) => experiments.finish(id, status),
      stop: async (id, reason) => experiments.stop(id, reason),
      retryFailed: async (id) => experiments.retryFailed(id),
    },
    trials: {
      async claimNext(experimentId, prepare) {
        const record = experiments.get(experimentId);
        if (!record || record.status !== 'running' || record.stopReason) return undefined;
        if (record.started - record.done - record.failed >= record.concurrency) return undefined;
        return trials.claimNext(experimentId, (trial) => prepare(trial, datasets.rowsAt(record.datasetId, record.datasetVersion, [trial.row])[0]));
      },
      finish: async (runId, outcome) => trials.finish(runId, outcome),
      byRun: async (runId) => trials.byRun(runId),
      list: async (experimentId, statuses) => trials.list(experimentId, statuses),
      armCosts: async (experimentId) => trials.armCosts(experimentId),
    },
    reads: {
      async run(runId) {
        const record = repositories.runs.getRecord(runId);
        if (!record) return undefined;
        const { updatedAt: _updatedAt, lastSeq: _lastSeq, parentNodeId: _parentNodeId, ...run } = record;
        return run;
      },
      latestFeedback: async (experimentId) => repositories.feedback.latestForExperiment(experimentId),
      pipelineVersions: async (pipelineId) => repositories.pipelines.get(pipelineId)?.versions ?? [],
    },
  };
}
