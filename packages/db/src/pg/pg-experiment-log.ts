import { StudioError, type ExperimentEvent, type ExperimentEventType } from '@tandem/shared';
import type pg from 'pg';
import { progressOf, toExperimentRecord, type ExperimentRecord, type ParsedExperimentRow } from '../repositories/experiment-log.ts';

/** The channel every commit of experiment events is announced on; the payload is the experiment id. */
export const experimentEventsChannel = 'tandem_experiment_events';

/** Reads an experiment; `forUpdate` locks its row until the transaction ends (every writer takes it first). */
export async function readExperiment(client: pg.Pool | pg.PoolClient, id: string, forUpdate = false): Promise<ExperimentRecord | undefined> {
  const { rows } = await client.query<ParsedExperimentRow>(`SELECT * FROM experiments WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ? toExperimentRecord(rows[0]) : undefined;
}

/** Locks a running-or-not experiment for the transaction; EXPERIMENT_NOT_FOUND when missing. */
export async function lockExperiment(client: pg.PoolClient, id: string): Promise<ExperimentRecord> {
  const record = await readExperiment(client, id, true);
  if (!record) throw new StudioError('EXPERIMENT_NOT_FOUND', `No experiment "${id}"`, { details: { experimentId: id } });
  return record;
}

/**
 * Appends one event carrying the experiment's progress and status after the caller's changes, inside the
 * caller's transaction (which holds the experiment's row lock), and announces it once the transaction commits.
 */
export async function appendExperimentEvent(client: pg.PoolClient, id: string, type: ExperimentEventType, trial?: ExperimentEvent['data']['trial']): Promise<ExperimentEvent> {
  const record = (await readExperiment(client, id, true))!;
  const ts = Date.now();
  const data: ExperimentEvent['data'] = { progress: progressOf(record, ts), status: record.status };
  if (record.stopReason) data.stopReason = record.stopReason;
  if (trial) data.trial = trial;
  const seq = record.lastSeq + 1;
  await client.query('INSERT INTO experiment_events (experiment_id, seq, ts, type, data) VALUES ($1, $2, $3, $4, $5)', [id, seq, ts, type, JSON.stringify(data)]);
  await client.query('UPDATE experiments SET last_seq = $1, updated_at = $2 WHERE id = $3', [seq, ts, id]);
  await client.query('SELECT pg_notify($1, $2)', [experimentEventsChannel, id]);
  return { experimentId: id, seq, ts, type, data };
}
