import type { ExperimentEvent, TrialStatus } from '@tandem/shared';
import type { TandemDatabase } from '../client.ts';
import type { StoredRunError } from '../schema.ts';
import { createExperimentLog } from './experiment-log.ts';
import type { NewRun, RunsRepository } from './runs-repository.ts';

/** Which trial: dataset row (index from 0), arm and repeat (from 0). */
export interface TrialKey {
  experimentId: string;
  row: number;
  arm: string;
  repeat: number;
}

/** A stored trial. */
export interface TrialRecord extends TrialKey {
  ordinal: number;
  status: TrialStatus;
  runId: string | null;
  metrics?: Record<string, number | boolean>;
  costUsd: number;
  error?: StoredRunError;
  /** How many times it was taken from the queue. */
  attempts: number;
  startedAt?: number;
  finishedAt?: number;
}

/** What `claimNext` asks the caller for, inside its transaction: the run to create, or why the trial cannot run. */
export type TrialPreparation = { run: NewRun } | { failure: StoredRunError };

/** The outcome of a finished trial. */
export interface TrialOutcome {
  status: 'completed' | 'failed';
  metrics: Record<string, number | boolean>;
  costUsd: number;
  error?: StoredRunError;
}

interface TrialRow {
  experiment_id: string;
  row_index: number;
  arm: string;
  repeat: number;
  ordinal: number;
  status: TrialStatus;
  run_id: string | null;
  metrics: string | null;
  cost_usd: number;
  error: string | null;
  attempts: number;
  started_at: number | null;
  finished_at: number | null;
}

/** The trials of experiments. The table is the queue: a trial is taken from it and given its run in one transaction. */
export interface TrialsRepository {
  /**
   * Takes the next queued trial of an experiment (by ordinal) and, in ONE transaction, creates its run
   * (`prepare` says which) and records the run id on the trial, so after a crash no trial runs twice
   * and none is lost. A preparation that fails marks the trial failed without a run. Answers the
   * trial (with its run id) and the event of a failure, or undefined when none is queued.
   */
  claimNext(experimentId: string, prepare: (trial: TrialKey) => TrialPreparation): { trial: TrialRecord; event?: ExperimentEvent } | undefined;
  /**
   * Records how a trial's run ended, adds its cost to the experiment and appends its event, in one
   * transaction. Only a running trial of that run changes: a second call answers undefined.
   */
  finish(runId: string, outcome: TrialOutcome): { trial: TrialRecord; event: ExperimentEvent } | undefined;
  /** The trial a run belongs to, if any. */
  byRun(runId: string): TrialRecord | undefined;
  /** Every trial of an experiment in one of `statuses` (all by default), by row, arm, repeat. */
  list(experimentId: string, statuses?: readonly TrialStatus[]): TrialRecord[];
  /** The trials of these rows (every arm and repeat), by row, arm, repeat. */
  listRows(experimentId: string, rows: readonly number[]): TrialRecord[];
  /** Per arm: trials that ended and their mean cost (for budget expectations). */
  armCosts(experimentId: string): Map<string, { ended: number; meanCostUsd: number }>;
}

/** Creates the trials repository; runs are created through the runs repository inside the claim transaction. */
export function createTrialsRepository(database: TandemDatabase, runs: RunsRepository): TrialsRepository {
  const { sqlite } = database;
  const log = createExperimentLog(sqlite);
  const selectNext = sqlite.prepare<[string], TrialRow>(`SELECT * FROM trials WHERE experiment_id = ? AND status = 'queued' ORDER BY ordinal LIMIT 1`);
  const markRunning = sqlite.prepare<[string, number, string, number, string, number]>(
    `UPDATE trials SET status = 'running', run_id = ?, attempts = attempts + 1, started_at = ?
       WHERE experiment_id = ? AND row_index = ? AND arm = ? AND repeat = ? AND status = 'queued'`,
  );
  const markUnrunnable = sqlite.prepare<[string, number, number, string, number, string, number]>(
    `UPDATE trials SET status = 'failed', error = ?, attempts = attempts + 1, started_at = ?, finished_at = ?
       WHERE experiment_id = ? AND row_index = ? AND arm = ? AND repeat = ? AND status = 'queued'`,
  );
  const countStarted = sqlite.prepare<[number, number, string]>('UPDATE experiments SET started = started + 1, failed = failed + ?, updated_at = ? WHERE id = ?');
  const selectByRun = sqlite.prepare<[string], TrialRow>('SELECT * FROM trials WHERE run_id = ?');
  const markEnded = sqlite.prepare<[TrialStatus, string, number, string | null, number, string]>(
    `UPDATE trials SET status = ?, metrics = ?, cost_usd = ?, error = ?, finished_at = ? WHERE run_id = ? AND status = 'running'`,
  );
  const countEnded = sqlite.prepare<[number, number, number, string]>('UPDATE experiments SET done = done + ?, failed = failed + ?, cost_usd = cost_usd + ? WHERE id = ?');
  const selectAll = sqlite.prepare<[string], TrialRow>('SELECT * FROM trials WHERE experiment_id = ? ORDER BY row_index, arm, repeat');
  const selectWithStatus = sqlite.prepare<[string, string], TrialRow>(
    'SELECT * FROM trials WHERE experiment_id = ? AND status IN (SELECT value FROM json_each(?)) ORDER BY row_index, arm, repeat',
  );
  const selectRows = sqlite.prepare<[string, string], TrialRow>(
    'SELECT * FROM trials WHERE experiment_id = ? AND row_index IN (SELECT value FROM json_each(?)) ORDER BY row_index, arm, repeat',
  );
  const selectArmCosts = sqlite.prepare<[string], { arm: string; ended: number; mean: number }>(
    `SELECT arm, count(*) AS ended, avg(cost_usd) AS mean FROM trials WHERE experiment_id = ? AND status IN ('completed', 'failed') AND run_id IS NOT NULL GROUP BY arm`,
  );

  const claimNext = sqlite.transaction((experimentId: string, prepare: (trial: TrialKey) => TrialPreparation) => {
    const next = selectNext.get(experimentId);
    if (!next) return undefined;
    const key: TrialKey = { experimentId, row: next.row_index, arm: next.arm, repeat: next.repeat };
    const preparation = prepare(key);
    const now = Date.now();
    if ('failure' in preparation) {
      markUnrunnable.run(JSON.stringify(preparation.failure), now, now, experimentId, key.row, key.arm, key.repeat);
      countStarted.run(1, now, experimentId);
      const trial = toTrial({ ...next, status: 'failed', error: JSON.stringify(preparation.failure), attempts: next.attempts + 1, started_at: now, finished_at: now });
      const event = log.append(experimentId, 'trial.failed', { row: key.row, arm: key.arm, repeat: key.repeat, runId: null, status: 'failed', costUsd: 0 });
      return { trial, event };
    }
    const run = runs.createRun(preparation.run);
    markRunning.run(run.id, now, experimentId, key.row, key.arm, key.repeat);
    countStarted.run(0, now, experimentId);
    return { trial: toTrial({ ...next, status: 'running', run_id: run.id, attempts: next.attempts + 1, started_at: now }) };
  });

  const finish = sqlite.transaction((runId: string, outcome: TrialOutcome) => {
    const now = Date.now();
    const error = outcome.error ? JSON.stringify(outcome.error) : null;
    if (markEnded.run(outcome.status, JSON.stringify(outcome.metrics), outcome.costUsd, error, now, runId).changes !== 1) return undefined;
    const trial = toTrial(selectByRun.get(runId)!);
    countEnded.run(outcome.status === 'completed' ? 1 : 0, outcome.status === 'failed' ? 1 : 0, outcome.costUsd, trial.experimentId);
    const event = log.append(trial.experimentId, outcome.status === 'completed' ? 'trial.completed' : 'trial.failed', {
      row: trial.row,
      arm: trial.arm,
      repeat: trial.repeat,
      runId,
      status: outcome.status,
      costUsd: outcome.costUsd,
    });
    return { trial, event };
  });

  return {
    claimNext: (experimentId, prepare) => claimNext.immediate(experimentId, prepare),
    finish: (runId, outcome) => finish.immediate(runId, outcome),
    byRun(runId) {
      const row = selectByRun.get(runId);
      return row ? toTrial(row) : undefined;
    },
    list: (experimentId, statuses) => (statuses ? selectWithStatus.all(experimentId, JSON.stringify(statuses)) : selectAll.all(experimentId)).map(toTrial),
    listRows: (experimentId, rows) => selectRows.all(experimentId, JSON.stringify(rows)).map(toTrial),
    armCosts: (experimentId) => new Map(selectArmCosts.all(experimentId).map((row) => [row.arm, { ended: row.ended, meanCostUsd: row.mean }])),
  };
}

function toTrial(row: TrialRow): TrialRecord {
  const trial: TrialRecord = {
    experimentId: row.experiment_id,
    row: row.row_index,
    arm: row.arm,
    repeat: row.repeat,
    ordinal: row.ordinal,
    status: row.status,
    runId: row.run_id,
    costUsd: row.cost_usd,
    attempts: row.attempts,
  };
  if (row.metrics !== null) trial.metrics = JSON.parse(row.metrics) as Record<string, number | boolean>;
  if (row.error !== null) trial.error = JSON.parse(row.error) as StoredRunError;
  if (row.started_at !== null) trial.startedAt = row.started_at;
  if (row.finished_at !== null) trial.finishedAt = row.finished_at;
  return trial;
}
