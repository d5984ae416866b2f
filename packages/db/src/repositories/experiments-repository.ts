import { StudioError, experimentEventTypes, type ExperimentEvent, type ExperimentEventType, type ExperimentStatus, type ExperimentStopReason } from '@tandem/shared';
import type { TandemDatabase } from '../client.ts';
import { createExperimentLog, toExperimentRecord, type ExperimentRecord, type ExperimentRow } from './experiment-log.ts';

/** What `create` takes: the expanded experiment and how many dataset rows its trials cover. */
export type NewExperiment = Omit<ExperimentRecord, 'status' | 'stopReason' | 'total' | 'started' | 'done' | 'failed' | 'skipped' | 'costUsd' | 'createdAt' | 'startedAt' | 'finishedAt' | 'updatedAt' | 'lastSeq'> & {
  /** Rows of the dataset version: trials are rows × arms × repeats. */
  rowCount: number;
};

/** Filters of `list`. */
export interface ExperimentListQuery {
  pipelineId?: string;
  datasetId?: string;
  /** 1–500, default 100. */
  limit?: number;
}

/** Stores experiments, their progress log and their life cycle. Trials live in the trials repository. */
export interface ExperimentsRepository {
  /**
   * Stores a running experiment, every trial (queued, in the order they will start: repeat, row, arm)
   * and its `experiment.started` event, in one transaction.
   */
  create(experiment: NewExperiment): { record: ExperimentRecord; event: ExperimentEvent };
  get(id: string): ExperimentRecord | undefined;
  /** Newest first. */
  list(query?: ExperimentListQuery): ExperimentRecord[];
  /** Experiments in one of `statuses`, oldest first (used to resume them at boot). */
  listByStatus(statuses: readonly ExperimentStatus[]): ExperimentRecord[];
  /** Events after `afterSeq`, in order, at most `limit`. */
  events(id: string, afterSeq?: number, limit?: number): ExperimentEvent[];
  /**
   * Ends a running experiment with an event (`completed`, `failed`), keeping a stop reason already
   * set. Answers undefined when it was not running (so a second call changes nothing).
   */
  finish(id: string, status: 'completed' | 'failed'): ExperimentEvent | undefined;
  /**
   * Stops taking trials: queued trials become `skipped` and the reason is recorded. `cancelled` also
   * ends the experiment (status `cancelled`); `budget` lets running trials end first. Answers the
   * event, or undefined when it was not running. Throws EXPERIMENT_NOT_FOUND.
   */
  stop(id: string, reason: ExperimentStopReason): ExperimentEvent | undefined;
  /**
   * Puts failed trials back in the queue and the experiment back to running. Answers how many and
   * the event (undefined when none failed). Throws EXPERIMENT_NOT_FOUND.
   */
  retryFailed(id: string): { requeued: number; event?: ExperimentEvent };
}

/** Creates the experiments repository over an open database. */
export function createExperimentsRepository(database: TandemDatabase): ExperimentsRepository {
  const { sqlite } = database;
  const log = createExperimentLog(sqlite);
  const insertExperiment = sqlite.prepare(
    `INSERT INTO experiments (id, name, pipeline_id, dataset_id, dataset_version, arms_spec, arms, baseline, repeats, concurrency, budget_usd,
       scorers, mapping, status, total, created_at, started_at, updated_at)
     VALUES (@id, @name, @pipelineId, @datasetId, @datasetVersion, @armsSpec, @arms, @baseline, @repeats, @concurrency, @budgetUsd,
       @scorers, @mapping, 'running', @total, @now, @now, @now)`,
  );
  const insertTrial = sqlite.prepare<[string, number, string, number, number]>(
    `INSERT INTO trials (experiment_id, row_index, arm, repeat, ordinal, status) VALUES (?, ?, ?, ?, ?, 'queued')`,
  );
  const selectRow = sqlite.prepare<[string], ExperimentRow>('SELECT * FROM experiments WHERE id = ?');
  const selectByStatus = sqlite.prepare<[string], ExperimentRow>('SELECT * FROM experiments WHERE status IN (SELECT value FROM json_each(?)) ORDER BY created_at, id');
  const selectEvents = sqlite.prepare<[string, number, number], { seq: number; ts: number; type: string; data: string }>(
    'SELECT seq, ts, type, data FROM experiment_events WHERE experiment_id = ? AND seq > ? ORDER BY seq LIMIT ?',
  );
  const setFinished = sqlite.prepare<[ExperimentStatus, number, number, string]>(
    `UPDATE experiments SET status = ?, finished_at = ?, updated_at = ? WHERE id = ? AND status = 'running'`,
  );
  const skipQueued = sqlite.prepare<[number, string]>(`UPDATE trials SET status = 'skipped', finished_at = ? WHERE experiment_id = ? AND status = 'queued'`);
  const setStopped = sqlite.prepare<[ExperimentStopReason, number, string]>(
    `UPDATE experiments SET stop_reason = ?, skipped = skipped + ? WHERE id = ?`,
  );
  const setCancelled = sqlite.prepare<[number, number, string]>(`UPDATE experiments SET status = 'cancelled', finished_at = ?, updated_at = ? WHERE id = ?`);
  const requeueFailed = sqlite.prepare<[string]>(`UPDATE trials SET status = 'queued', run_id = NULL, error = NULL, metrics = NULL, finished_at = NULL WHERE experiment_id = ? AND status = 'failed'`);
  const setRetrying = sqlite.prepare<[number, number, string]>(
    `UPDATE experiments SET status = 'running', stop_reason = NULL, finished_at = NULL, started = started - ?, failed = failed - ? WHERE id = ?`,
  );

  const requireRecord = (id: string) => {
    const record = log.read(id);
    if (!record) throw new StudioError('EXPERIMENT_NOT_FOUND', `No experiment "${id}"`, { details: { experimentId: id } });
    return record;
  };

  const create = sqlite.transaction((experiment: NewExperiment) => {
    const now = Date.now();
    const total = experiment.rowCount * experiment.arms.length * experiment.repeats;
    insertExperiment.run({
      id: experiment.id,
      name: experiment.name,
      pipelineId: experiment.pipelineId,
      datasetId: experiment.datasetId,
      datasetVersion: experiment.datasetVersion,
      armsSpec: JSON.stringify(experiment.armsSpec),
      arms: JSON.stringify(experiment.arms),
      baseline: experiment.baseline,
      repeats: experiment.repeats,
      concurrency: experiment.concurrency,
      budgetUsd: experiment.budgetUsd ?? null,
      scorers: JSON.stringify(experiment.scorers),
      mapping: JSON.stringify(experiment.mapping),
      total,
      now,
    });
    // Repeat-major, then row, then arm: the arms of a row run close together, so what has finished at
    // any moment (or when a budget stops it) is mostly paired rows.
    let ordinal = 0;
    for (let repeat = 0; repeat < experiment.repeats; repeat++) {
      for (let row = 0; row < experiment.rowCount; row++) {
        for (const arm of experiment.arms) insertTrial.run(experiment.id, row, arm.id, repeat, ordinal++);
      }
    }
    const event = log.append(experiment.id, 'experiment.started');
    return { record: log.read(experiment.id)!, event };
  });

  const finish = sqlite.transaction((id: string, status: 'completed' | 'failed') => {
    const now = Date.now();
    if (setFinished.run(status, now, now, id).changes !== 1) return undefined;
    return log.append(id, status === 'completed' ? 'experiment.completed' : 'experiment.failed');
  });

  const stop = sqlite.transaction((id: string, reason: ExperimentStopReason) => {
    const record = requireRecord(id);
    if (record.status !== 'running') return undefined;
    const now = Date.now();
    const skipped = skipQueued.run(now, id).changes;
    setStopped.run(reason, skipped, id);
    if (reason === 'cancelled') {
      setCancelled.run(now, now, id);
      return log.append(id, 'experiment.cancelled');
    }
    return undefined;
  });

  const retryFailed = sqlite.transaction((id: string) => {
    requireRecord(id);
    const requeued = requeueFailed.run(id).changes;
    if (requeued === 0) return { requeued };
    setRetrying.run(requeued, requeued, id);
    return { requeued, event: log.append(id, 'experiment.retrying') };
  });

  return {
    create: (experiment) => create.immediate(experiment),
    get(id) {
      const row = selectRow.get(id);
      return row ? toExperimentRecord(row) : undefined;
    },
    list(query = {}) {
      const limit = Math.min(Math.max(Math.trunc(query.limit ?? 100), 1), 500);
      const conditions: string[] = [];
      const params: (string | number)[] = [];
      if (query.pipelineId !== undefined) (conditions.push('pipeline_id = ?'), params.push(query.pipelineId));
      if (query.datasetId !== undefined) (conditions.push('dataset_id = ?'), params.push(query.datasetId));
      const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
      return sqlite
        .prepare<(string | number)[], ExperimentRow>(`SELECT * FROM experiments ${where} ORDER BY created_at DESC, id DESC LIMIT ?`)
        .all(...params, limit)
        .map(toExperimentRecord);
    },
    listByStatus: (statuses) => selectByStatus.all(JSON.stringify(statuses)).map(toExperimentRecord),
    events(id, afterSeq = 0, limit = -1) {
      return selectEvents.all(id, afterSeq, limit).map((row) => {
        if (!(experimentEventTypes as readonly string[]).includes(row.type)) {
          throw new StudioError('INTERNAL', `Experiment event ${row.seq} of "${id}" has an unknown type "${row.type}"`, { details: { experimentId: id, seq: row.seq } });
        }
        return { experimentId: id, seq: row.seq, ts: row.ts, type: row.type as ExperimentEventType, data: JSON.parse(row.data) as ExperimentEvent['data'] };
      });
    },
    finish: (id, status) => finish.immediate(id, status),
    stop: (id, reason) => stop.immediate(id, reason),
    retryFailed: (id) => retryFailed.immediate(id),
  };
}
