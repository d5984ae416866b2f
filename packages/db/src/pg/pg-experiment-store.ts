import { StudioError, experimentEventTypes, type ExperimentEvent, type ExperimentEventType, type TrialStatus } from '@tandem/shared';
import type pg from 'pg';
import type { ExperimentRecordStore, ExperimentStore, TrialStore } from '../experiment-store/experiment-store.ts';
import { toExperimentRecord, type ParsedExperimentRow } from '../repositories/experiment-log.ts';
import type { TrialRecord } from '../repositories/trials-repository.ts';
import type { StoredRunError } from '../schema.ts';
import type { TandemPostgres } from './pg-client.ts';
import { createPgDatasetStore, readDatasetRow } from './pg-dataset-store.ts';
import { appendExperimentEvent, lockExperiment, readExperiment } from './pg-experiment-log.ts';
import { createPgExperimentReads } from './pg-experiment-reads.ts';
import { insertRun } from './pg-run-store.ts';
import { withTransaction } from './pg-transaction.ts';

interface TrialRow {
  experiment_id: string;
  row_index: number;
  arm: string;
  repeat: number;
  ordinal: number;
  status: TrialStatus;
  run_id: string | null;
  metrics: Record<string, number | boolean> | null;
  cost_usd: number;
  error: StoredRunError | null;
  attempts: number;
  started_at: number | null;
  finished_at: number | null;
}

/** Trials go in batches of this many per statement. */
const trialBatchSize = 5_000;

/**
 * Experiments, trials and their reads on Postgres: the same contract as the SQLite adapter
 * (experiment-store.contract.ts). Every write takes the experiment's row lock first (then trial rows), so
 * claims from several workers are serialised per experiment and never exceed its concurrency, and a trial's
 * outcome is recorded once whichever worker records it.
 */
export function createPgExperimentStore(postgres: TandemPostgres): ExperimentStore {
  const { pool } = postgres;

  const experiments: ExperimentRecordStore = {
    create: (experiment) =>
      withTransaction(pool, async (client) => {
        // The dataset's row lock: a replacement cannot rewrite this version in place meanwhile.
        await client.query('SELECT 1 FROM datasets WHERE id = $1 FOR UPDATE', [experiment.datasetId]);
        const now = Date.now();
        const total = experiment.rowCount * experiment.arms.length * experiment.repeats;
        await client.query(
          `INSERT INTO experiments (id, name, pipeline_id, dataset_id, dataset_version, arms_spec, arms, baseline, repeats, concurrency, budget_usd,
             scorers, mapping, status, total, created_at, started_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'running', $14, $15, $15, $15)`,
          [
            experiment.id,
            experiment.name,
            experiment.pipelineId,
            experiment.datasetId,
            experiment.datasetVersion,
            JSON.stringify(experiment.armsSpec),
            JSON.stringify(experiment.arms),
            experiment.baseline,
            experiment.repeats,
            experiment.concurrency,
            experiment.budgetUsd ?? null,
            JSON.stringify(experiment.scorers),
            JSON.stringify(experiment.mapping),
            total,
            now,
          ],
        );
        // Repeat-major, then row, then arm, like the SQLite repository.
        const keys: { row: number; arm: string; repeat: number }[] = [];
        for (let repeat = 0; repeat < experiment.repeats; repeat++) {
          for (let row = 0; row < experiment.rowCount; row++) for (const arm of experiment.arms) keys.push({ row, arm: arm.id, repeat });
        }
        for (let start = 0; start < keys.length; start += trialBatchSize) {
          const batch = keys.slice(start, start + trialBatchSize);
          await client.query(
            `INSERT INTO trials (experiment_id, row_index, arm, repeat, ordinal, status)
               SELECT $1, row_index, arm, repeat, ordinal, 'queued' FROM unnest($2::int[], $3::text[], $4::int[], $5::int[]) AS given(row_index, arm, repeat, ordinal)`,
            [experiment.id, batch.map((key) => key.row), batch.map((key) => key.arm), batch.map((key) => key.repeat), batch.map((_key, offset) => start + offset)],
          );
        }
        const event = await appendExperimentEvent(client, experiment.id, 'experiment.started');
        return { record: (await readExperiment(client, experiment.id))!, event };
      }),

    get: (id) => readExperiment(pool, id),

    async list(query = {}) {
      const limit = Math.min(Math.max(Math.trunc(query.limit ?? 100), 1), 500);
      const { rows } = await pool.query<ParsedExperimentRow>(
        `SELECT * FROM experiments WHERE ($1::text IS NULL OR pipeline_id = $1) AND ($2::text IS NULL OR dataset_id = $2)
           ORDER BY created_at DESC, id DESC LIMIT $3`,
        [query.pipelineId ?? null, query.datasetId ?? null, limit],
      );
      return rows.map(toExperimentRecord);
    },

    async listByStatus(statuses) {
      const { rows } = await pool.query<ParsedExperimentRow>('SELECT * FROM experiments WHERE status = ANY($1::text[]) ORDER BY created_at, id', [[...statuses]]);
      return rows.map(toExperimentRecord);
    },

    async events(id, afterSeq = 0, limit) {
      const { rows } = await pool.query<{ seq: number; ts: number; type: string; data: ExperimentEvent['data'] }>(
        'SELECT seq, ts, type, data FROM experiment_events WHERE experiment_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
        [id, afterSeq, limit === undefined || limit < 0 ? null : Math.trunc(limit)],
      );
      return rows.map((row) => {
        if (!(experimentEventTypes as readonly string[]).includes(row.type)) {
          throw new StudioError('INTERNAL', `Experiment event ${row.seq} of "${id}" has an unknown type "${row.type}"`, { details: { experimentId: id, seq: row.seq } });
        }
        return { experimentId: id, seq: row.seq, ts: row.ts, type: row.type as ExperimentEventType, data: row.data };
      });
    },

    finish: (id, status) =>
      withTransaction(pool, async (client) => {
        const now = Date.now();
        const updated = await client.query(`UPDATE experiments SET status = $1, finished_at = $2, updated_at = $2 WHERE id = $3 AND status = 'running'`, [status, now, id]);
        if (updated.rowCount !== 1) return undefined;
        return appendExperimentEvent(client, id, status === 'completed' ? 'experiment.completed' : 'experiment.failed');
      }),

    stop: (id, reason) =>
      withTransaction(pool, async (client) => {
        const record = await lockExperiment(client, id);
        if (record.status !== 'running') return undefined;
        const now = Date.now();
        const skipped = await client.query(`UPDATE trials SET status = 'skipped', finished_at = $1 WHERE experiment_id = $2 AND status = 'queued'`, [now, id]);
        await client.query('UPDATE experiments SET stop_reason = $1, skipped = skipped + $2 WHERE id = $3', [reason, skipped.rowCount ?? 0, id]);
        if (reason !== 'cancelled') return undefined;
        await client.query(`UPDATE experiments SET status = 'cancelled', finished_at = $1, updated_at = $1 WHERE id = $2`, [now, id]);
        return appendExperimentEvent(client, id, 'experiment.cancelled');
      }),

    retryFailed: (id) =>
      withTransaction(pool, async (client) => {
        await lockExperiment(client, id);
        const requeued =
          (await client.query(`UPDATE trials SET status = 'queued', run_id = NULL, error = NULL, metrics = NULL, finished_at = NULL WHERE experiment_id = $1 AND status = 'failed'`, [id]))
            .rowCount ?? 0;
        if (requeued === 0) return { requeued };
        await client.query(
          `UPDATE experiments SET status = 'running', stop_reason = NULL, finished_at = NULL, started = started - $1, failed = failed - $1 WHERE id = $2`,
          [requeued, id],
        );
        return { requeued, event: await appendExperimentEvent(client, id, 'experiment.retrying') };
      }),
  };

  const trials: TrialStore = {
    claimNext: (experimentId, prepare) =>
      withTransaction(pool, async (client) => {
        const record = await readExperiment(client, experimentId, true);
        if (!record || record.status !== 'running' || record.stopReason) return undefined;
        if (record.started - record.done - record.failed >= record.concurrency) return undefined;
        const { rows } = await client.query<TrialRow>(`SELECT * FROM trials WHERE experiment_id = $1 AND status = 'queued' ORDER BY ordinal LIMIT 1`, [experimentId]);
        const next = rows[0];
        if (!next) return undefined;
        const key = { experimentId, row: next.row_index, arm: next.arm, repeat: next.repeat };
        const preparation = prepare(key, await readDatasetRow(client, record.datasetId, record.datasetVersion, key.row));
        const now = Date.now();
        const where = 'experiment_id = $1 AND row_index = $2 AND arm = $3 AND repeat = $4';
        const keyParams = [experimentId, key.row, key.arm, key.repeat];
        if ('failure' in preparation) {
          await client.query(`UPDATE trials SET status = 'failed', error = $5, attempts = attempts + 1, started_at = $6, finished_at = $6 WHERE ${where}`, [
            ...keyParams,
            JSON.stringify(preparation.failure),
            now,
          ]);
          await client.query('UPDATE experiments SET started = started + 1, failed = failed + 1, updated_at = $1 WHERE id = $2', [now, experimentId]);
          const trial = toTrial({ ...next, status: 'failed', error: preparation.failure, attempts: next.attempts + 1, started_at: now, finished_at: now });
          const event = await appendExperimentEvent(client, experimentId, 'trial.failed', { row: key.row, arm: key.arm, repeat: key.repeat, runId: null, status: 'failed', costUsd: 0 });
          return { trial, event };
        }
        const run = await insertRun(client, preparation.run);
        await client.query(`UPDATE trials SET status = 'running', run_id = $5, attempts = attempts + 1, started_at = $6 WHERE ${where}`, [...keyParams, run.id, now]);
        await client.query('UPDATE experiments SET started = started + 1, updated_at = $1 WHERE id = $2', [now, experimentId]);
        return { trial: toTrial({ ...next, status: 'running', run_id: run.id, attempts: next.attempts + 1, started_at: now }) };
      }),

    finish: (runId, outcome) =>
      withTransaction(pool, async (client) => {
        const owner = await client.query<{ experiment_id: string }>('SELECT experiment_id FROM trials WHERE run_id = $1', [runId]);
        const experimentId = owner.rows[0]?.experiment_id;
        if (experimentId === undefined) return undefined;
        await lockExperiment(client, experimentId);
        const { rows } = await client.query<TrialRow>(
          `UPDATE trials SET status = $1, metrics = $2, cost_usd = $3, error = $4, finished_at = $5 WHERE run_id = $6 AND status = 'running' RETURNING *`,
          [outcome.status, JSON.stringify(outcome.metrics), outcome.costUsd, outcome.error ? JSON.stringify(outcome.error) : null, Date.now(), runId],
        );
        if (!rows[0]) return undefined;
        const trial = toTrial(rows[0]);
        await client.query('UPDATE experiments SET done = done + $1, failed = failed + $2, cost_usd = cost_usd + $3 WHERE id = $4', [
          outcome.status === 'completed' ? 1 : 0,
          outcome.status === 'failed' ? 1 : 0,
          outcome.costUsd,
          experimentId,
        ]);
        const event = await appendExperimentEvent(client, experimentId, outcome.status === 'completed' ? 'trial.completed' : 'trial.failed', {
          row: trial.row,
          arm: trial.arm,
          repeat: trial.repeat,
          runId,
          status: outcome.status,
          costUsd: outcome.costUsd,
        });
        return { trial, event };
      }),

    async byRun(runId) {
      const { rows } = await pool.query<TrialRow>('SELECT * FROM trials WHERE run_id = $1', [runId]);
      return rows[0] ? toTrial(rows[0]) : undefined;
    },

    async list(experimentId, statuses) {
      const { rows } = await pool.query<TrialRow>(
        'SELECT * FROM trials WHERE experiment_id = $1 AND ($2::text[] IS NULL OR status = ANY($2::text[])) ORDER BY row_index, arm COLLATE "C", repeat',
        [experimentId, statuses ? [...statuses] : null],
      );
      return rows.map(toTrial);
    },

    async armCosts(experimentId) {
      const { rows } = await pool.query<{ arm: string; ended: number; mean: number }>(
        `SELECT arm, count(*) AS ended, avg(cost_usd) AS mean FROM trials
           WHERE experiment_id = $1 AND status IN ('completed', 'failed') AND run_id IS NOT NULL GROUP BY arm`,
        [experimentId],
      );
      return new Map(rows.map((row) => [row.arm, { ended: row.ended, meanCostUsd: row.mean }]));
    },
  };

  return { datasets: createPgDatasetStore(postgres), experiments, trials, reads: createPgExperimentReads(postgres) };
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
  if (row.metrics !== null) trial.metrics = row.metrics;
  if (row.error !== null) trial.error = row.error;
  if (row.started_at !== null) trial.startedAt = row.started_at;
  if (row.finished_at !== null) trial.finishedAt = row.finished_at;
  return trial;
}
