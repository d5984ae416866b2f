import type { DatasetCreated, DatasetRow, DatasetSummary, ExperimentEvent, ExperimentStatus, ExperimentStopReason, RunView, TrialStatus } from '@tandem/shared';
import type { DatasetUpload } from '../repositories/datasets-repository.ts';
import type { ExperimentRecord } from '../repositories/experiment-log.ts';
import type { ExperimentListQuery, NewExperiment } from '../repositories/experiments-repository.ts';
import type { LatestFeedback } from '../repositories/feedback-repository.ts';
import type { TrialKey, TrialOutcome, TrialPreparation, TrialRecord } from '../repositories/trials-repository.ts';
import type { StoredRunMetrics } from '../schema.ts';

/** Datasets and their immutable versions (see DatasetsRepository for the rules each method keeps). */
export interface DatasetStore {
  /** Stores a new dataset (version 1); CONFLICT when the id is taken. Rows are written with their version, in one transaction. */
  create(id: string, upload: DatasetUpload): Promise<DatasetCreated>;
  /** New content: the latest version in place, or the next version once an experiment used it. DATASET_NOT_FOUND when missing. */
  replace(id: string, upload: DatasetUpload): Promise<DatasetCreated>;
  /** A version (the latest by default), or undefined. */
  get(id: string, version?: number): Promise<DatasetSummary | undefined>;
  /** Every dataset by its latest version, newest first. */
  list(): Promise<DatasetSummary[]>;
  /** A page of rows of a version, by index. */
  rows(id: string, version: number, offset: number, limit: number): Promise<DatasetRow[]>;
  /** The rows with these indexes (those that exist), in index order. */
  rowsAt(id: string, version: number, indexes: readonly number[]): Promise<DatasetRow[]>;
}

/** Experiments, their progress log and life cycle (see ExperimentsRepository). */
export interface ExperimentRecordStore {
  /** Stores a running experiment, every trial (queued) and its `experiment.started` event, in one transaction. */
  create(experiment: NewExperiment): Promise<{ record: ExperimentRecord; event: ExperimentEvent }>;
  get(id: string): Promise<ExperimentRecord | undefined>;
  /** Newest first. */
  list(query?: ExperimentListQuery): Promise<ExperimentRecord[]>;
  /** Experiments in one of `statuses`, oldest first. */
  listByStatus(statuses: readonly ExperimentStatus[]): Promise<ExperimentRecord[]>;
  /** Events after `afterSeq`, in order, at most `limit`. */
  events(id: string, afterSeq?: number, limit?: number): Promise<ExperimentEvent[]>;
  /** Ends a running experiment with its event; undefined when it was not running. */
  finish(id: string, status: 'completed' | 'failed'): Promise<ExperimentEvent | undefined>;
  /** Stops taking trials (queued ones become skipped); `cancelled` also ends it. EXPERIMENT_NOT_FOUND when missing. */
  stop(id: string, reason: ExperimentStopReason): Promise<ExperimentEvent | undefined>;
  /** Puts failed trials back in the queue. EXPERIMENT_NOT_FOUND when missing. */
  retryFailed(id: string): Promise<{ requeued: number; event?: ExperimentEvent }>;
}

/** What a claim asks the caller for, inside its transaction: the trial and its dataset row (undefined when missing). */
export type TrialPreparer = (trial: TrialKey, row: DatasetRow | undefined) => TrialPreparation;

/** The trials of experiments: the table is the queue. */
export interface TrialStore {
  /**
   * Takes the next queued trial (by ordinal) of a running experiment that has fewer than its `concurrency`
   * trials running and was not stopped, and in ONE transaction creates its run (`prepare` says which) and
   * records the run id on the trial; two processes claiming at once never take the same trial nor exceed the
   * concurrency. A preparation that fails marks the trial failed without a run. Undefined when nothing can be taken.
   */
  claimNext(experimentId: string, prepare: TrialPreparer): Promise<{ trial: TrialRecord; event?: ExperimentEvent } | undefined>;
  /** Records how a trial's run ended, exactly once: only a running trial of that run changes; a second call answers undefined. */
  finish(runId: string, outcome: TrialOutcome): Promise<{ trial: TrialRecord; event: ExperimentEvent } | undefined>;
  byRun(runId: string): Promise<TrialRecord | undefined>;
  /** Every trial of an experiment in one of `statuses` (all by default), by row, arm, repeat. */
  list(experimentId: string, statuses?: readonly TrialStatus[]): Promise<TrialRecord[]>;
  /** Per arm: trials that ended and their mean cost. */
  armCosts(experimentId: string): Promise<Map<string, { ended: number; meanCostUsd: number }>>;
}

/** A trial's run as results and scoring read it. */
export interface TrialRun extends RunView {
  metrics?: StoredRunMetrics;
}

/** What results read besides trials: the trials' runs, people's feedback and the pipelines' versions. */
export interface ExperimentReads {
  /** A run with what it measured, or undefined. */
  run(runId: string): Promise<TrialRun | undefined>;
  /** The latest feedback score and thumbs of each trial run of an experiment that has feedback. */
  latestFeedback(experimentId: string): Promise<Map<string, LatestFeedback>>;
  /** The saved versions of a non-deleted pipeline (ascending), empty when none. */
  pipelineVersions(pipelineId: string): Promise<number[]>;
}

/**
 * Datasets, experiments and trials behind one asynchronous port (DESIGN.md §7–8), so the same routes and
 * services serve the single-process server (SQLite) and the web nodes and workers of a cluster (Postgres).
 * `experiment-store.contract.ts` runs against both adapters.
 */
export interface ExperimentStore {
  datasets: DatasetStore;
  experiments: ExperimentRecordStore;
  trials: TrialStore;
  reads: ExperimentReads;
}
