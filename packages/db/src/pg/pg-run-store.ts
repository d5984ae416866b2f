import { StudioError, parseRunEvent, type RunEvent, type RunView } from '@tandem/shared';
import type pg from 'pg';
import type { Waitpoint } from '../repositories/inbox-repository.ts';
import type { NewRun } from '../repositories/runs-repository.ts';
import type { RunStore, StoredRun } from '../run-store/run-store.ts';
import { assertFence } from '../run-store/sqlite-run-store.ts';
import type { StoredPipelineDocument } from '../schema.ts';
import type { TandemPostgres } from './pg-client.ts';
import { writeProjection } from './pg-projections.ts';
import { createPgRunHistory } from './pg-run-history.ts';
import { toRunView, type RunViewRow } from './pg-run-rows.ts';
import { withTransaction } from './pg-transaction.ts';

/** The channel every commit of run events is announced on; the payload is `<runId>:<lastSeq>`. */
export const runEventsChannel = 'tandem_run_events';

interface RunRow extends RunViewRow {
  last_seq: number;
  lease_owner: string | null;
  lease_expires_at: number | null;
}

const runColumns = `id, pipeline_id, version, status, inputs, outputs, error, parent_run_id, overrides, experiment_id,
  started_at, finished_at, last_seq, lease_owner, lease_expires_at`;

/**
 * The run store on Postgres: the same contract as the SQLite adapter (run-store.contract.ts runs
 * against both). Each append is one transaction that also announces the commit with `pg_notify`, so
 * streams on any web node wake when a worker on any host commits.
 */
export function createPgRunStore(postgres: TandemPostgres): RunStore {
  const { pool } = postgres;

  async function getRun(runId: string, client: pg.Pool | pg.PoolClient = pool): Promise<StoredRun | undefined> {
    const { rows } = await client.query<RunRow>(`SELECT ${runColumns} FROM runs WHERE id = $1`, [runId]);
    return rows[0] ? toStoredRun(rows[0]) : undefined;
  }

  return {
    ...createPgRunHistory(pool),
    createPipeline: (document) =>
      withTransaction(pool, async (client) => {
        const now = Date.now();
        const { rows } = await client.query<{ latest_version: number; deleted_at: number | null }>(
          'SELECT latest_version, deleted_at FROM pipelines WHERE id = $1 FOR UPDATE',
          [document.id],
        );
        const existing = rows[0];
        if (existing && existing.deleted_at === null) {
          throw new StudioError('CONFLICT', `A pipeline with id "${document.id}" already exists`, { details: { id: document.id } });
        }
        const version = existing ? existing.latest_version + 1 : 1;
        await client.query(
          `INSERT INTO pipelines (id, name, description, latest_version, is_template, deleted_at, created_at, updated_at)
             VALUES ($1, $2, $3, $4, false, NULL, $5, $5)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description,
               latest_version = excluded.latest_version, deleted_at = NULL, updated_at = excluded.updated_at`,
          [document.id, document.name, document.description ?? null, version, now],
        );
        await client.query('INSERT INTO pipeline_versions (pipeline_id, version, document, created_at) VALUES ($1, $2, $3, $4)', [
          document.id,
          version,
          JSON.stringify(document),
          now,
        ]);
        return { id: document.id, version };
      }),

    async latestVersion(pipelineId) {
      const { rows } = await pool.query<{ latest_version: number }>('SELECT latest_version FROM pipelines WHERE id = $1 AND deleted_at IS NULL', [pipelineId]);
      return rows[0]?.latest_version;
    },

    async getDocument(pipelineId, version) {
      const { rows } = await pool.query<{ document: StoredPipelineDocument }>(
        'SELECT document FROM pipeline_versions WHERE pipeline_id = $1 AND version = $2',
        [pipelineId, version],
      );
      return rows[0]?.document;
    },

    createRun: (run) => withTransaction(pool, (client) => insertRun(client, run)),

    getRun: (runId) => getRun(runId),

    async append(events, projections, fence) {
      if (events.length === 0) return;
      await withTransaction(pool, async (client) => {
        const progress = progressOf(events);
        const now = fence?.now ?? Date.now();
        for (const [runId, run] of progress) {
          const { rows } = await client.query<{ lease_owner: string | null; lease_expires_at: number | null }>(
            `UPDATE runs SET last_seq = $1, updated_at = GREATEST(updated_at, $2) WHERE id = $3 AND last_seq = $4
               RETURNING lease_owner, lease_expires_at`,
            [run.lastSeq, run.ts, runId, run.firstSeq - 1],
          );
          if (!rows[0]) throw await progressError(client, runId, run.firstSeq);
          if (fence) assertFence(runId, rows[0], fence.leaseOwner, now);
        }
        await client.query(
          `INSERT INTO run_events (run_id, seq, ts, type, node_id, attempt, data)
             SELECT * FROM unnest($1::text[], $2::int[], $3::bigint[], $4::text[], $5::text[], $6::int[], $7::json[])`,
          [
            events.map((event) => event.runId),
            events.map((event) => event.seq),
            events.map((event) => event.ts),
            events.map((event) => event.type),
            events.map((event) => event.nodeId ?? null),
            events.map((event) => event.attempt ?? null),
            events.map((event) => JSON.stringify(event.data)),
          ],
        );
        for (const projection of projections) await writeProjection(client, projection);
        // Delivered to listeners when (and only if) the transaction commits.
        for (const [runId, run] of progress) await client.query('SELECT pg_notify($1, $2)', [runEventsChannel, `${runId}:${run.lastSeq}`]);
      });
    },

    async readEvents(runId, afterSeq = 0, limit) {
      const { rows } = await pool.query<{ run_id: string; seq: number; ts: number; type: string; node_id: string | null; attempt: number | null; data: Record<string, unknown> }>(
        'SELECT run_id, seq, ts, type, node_id, attempt, data FROM run_events WHERE run_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
        [runId, afterSeq, limit === undefined ? null : Math.max(0, Math.trunc(limit))],
      );
      return rows.map((row) => {
        const event: Record<string, unknown> = { runId: row.run_id, seq: row.seq, ts: row.ts, type: row.type, data: row.data };
        if (row.node_id !== null) event.nodeId = row.node_id;
        if (row.attempt !== null) event.attempt = row.attempt;
        return parseRunEvent(event);
      });
    },

    async getWaitpoint(runId, nodeId) {
      const { rows } = await pool.query<{
        title: string;
        instructions: string | null;
        value: unknown;
        created_at: number;
        submitted_at: number | null;
        decision: 'approved' | 'rejected' | null;
        submitted_value: unknown;
      }>('SELECT title, instructions, value, created_at, submitted_at, decision, submitted_value FROM waitpoints WHERE run_id = $1 AND node_id = $2', [runId, nodeId]);
      const row = rows[0];
      if (!row) return undefined;
      const waitpoint: Waitpoint = { runId, nodeId, title: row.title, value: row.value ?? null, createdAt: row.created_at };
      if (row.instructions !== null) waitpoint.instructions = row.instructions;
      if (row.submitted_at !== null) waitpoint.submittedAt = row.submitted_at;
      if (row.decision !== null) waitpoint.decision = row.decision;
      if (row.submitted_value !== null) waitpoint.submittedValue = row.submitted_value;
      return waitpoint;
    },

    async claim(runId, owner, ttlMs, now = Date.now()) {
      const { rows } = await pool.query<RunRow>(
        `UPDATE runs SET lease_owner = $1, lease_expires_at = $2
           WHERE id = $3 AND status IN ('queued', 'running') AND (lease_owner IS NULL OR lease_owner = $1 OR lease_expires_at < $4)
           RETURNING ${runColumns}`,
        [owner, now + ttlMs, runId, now],
      );
      return rows[0] ? toStoredRun(rows[0]) : undefined;
    },

    async renew(owner, runIds, ttlMs, now = Date.now()) {
      if (runIds.length === 0) return [];
      const { rows } = await pool.query<{ id: string }>('UPDATE runs SET lease_expires_at = $1 WHERE id = ANY($2::text[]) AND lease_owner = $3 RETURNING id', [
        now + ttlMs,
        [...runIds],
        owner,
      ]);
      const held = new Set(rows.map((row) => row.id));
      return runIds.filter((runId) => held.has(runId));
    },

    async release(runId, owner) {
      await pool.query('UPDATE runs SET lease_owner = NULL, lease_expires_at = NULL WHERE id = $1 AND lease_owner = $2', [runId, owner]);
    },

    async listOrphaned({ now, queuedGraceMs, limit }) {
      const { rows } = await pool.query<{ id: string }>(
        `SELECT id FROM runs WHERE status IN ('queued', 'running')
           AND ((lease_owner IS NOT NULL AND lease_expires_at < $1) OR (lease_owner IS NULL AND (status = 'running' OR started_at < $2)))
           ORDER BY started_at, id LIMIT $3`,
        [now, now - queuedGraceMs, limit],
      );
      return rows.map((row) => row.id);
    },
  };
}

/** Creates a queued run inside the caller's transaction (PIPELINE_NOT_FOUND, RUN_NOT_FOUND for a missing parent, CONFLICT for a taken id). */
export async function insertRun(client: pg.PoolClient, run: NewRun): Promise<RunView> {
  const version = await client.query('SELECT 1 FROM pipeline_versions WHERE pipeline_id = $1 AND version = $2', [run.pipelineId, run.version]);
  if (version.rowCount === 0) {
    throw new StudioError('PIPELINE_NOT_FOUND', `Pipeline "${run.pipelineId}" version ${run.version} was not found`, {
      details: { pipelineId: run.pipelineId, version: run.version },
    });
  }
  if (run.parentRunId !== undefined && (await client.query('SELECT 1 FROM runs WHERE id = $1', [run.parentRunId])).rowCount === 0) {
    throw new StudioError('RUN_NOT_FOUND', `Run "${run.parentRunId}" was not found`, { details: { id: run.parentRunId } });
  }
  const now = Date.now();
  const overrides = run.overrides && Object.keys(run.overrides).length > 0 ? run.overrides : undefined;
  const inserted = await client.query(
    `INSERT INTO runs (id, pipeline_id, version, status, inputs, outputs, parent_run_id, parent_node_id, overrides, experiment_id, started_at, updated_at)
       VALUES ($1, $2, $3, 'queued', $4, '{}', $5, $6, $7, $8, $9, $9) ON CONFLICT (id) DO NOTHING`,
    [
      run.id,
      run.pipelineId,
      run.version,
      JSON.stringify(run.inputs),
      run.parentRunId ?? null,
      run.parentNodeId ?? null,
      overrides ? JSON.stringify(overrides) : null,
      run.experimentId ?? null,
      now,
    ],
  );
  if (inserted.rowCount === 0) throw new StudioError('CONFLICT', `A run with id "${run.id}" already exists`, { details: { id: run.id } });
  const view: RunView = { id: run.id, pipelineId: run.pipelineId, version: run.version, status: 'queued', inputs: run.inputs, outputs: {}, startedAt: now };
  if (run.parentRunId !== undefined) view.parentRunId = run.parentRunId;
  if (overrides) view.overrides = overrides;
  if (run.experimentId !== undefined) view.experimentId = run.experimentId;
  return view;
}

/** Per run of a batch: the seq it starts at, its last seq and newest timestamp; refuses a gap inside the batch. */
function progressOf(events: readonly RunEvent[]) {
  const progress = new Map<string, { firstSeq: number; lastSeq: number; ts: number }>();
  for (const event of events) {
    if (!event.type.startsWith('run.') && !event.nodeId) {
      throw new StudioError('VALIDATION_FAILED', `Event ${event.type} of run ${event.runId} has no nodeId`, {
        details: { runId: event.runId, seq: event.seq, type: event.type },
      });
    }
    const run = progress.get(event.runId);
    if (run === undefined) {
      progress.set(event.runId, { firstSeq: event.seq, lastSeq: event.seq, ts: event.ts });
    } else {
      if (event.seq !== run.lastSeq + 1) throw seqError(event.runId, event.seq, run.lastSeq + 1, event.type);
      run.lastSeq = event.seq;
      if (event.ts > run.ts) run.ts = event.ts;
    }
  }
  return progress;
}

function seqError(runId: string, seq: number, expectedSeq: number, type: string): StudioError {
  return new StudioError('CONFLICT', `Event seq ${seq} of run "${runId}" does not follow ${expectedSeq - 1}`, {
    details: { runId, seq, expectedSeq, type },
  });
}

async function progressError(client: pg.PoolClient, runId: string, firstSeq: number): Promise<StudioError> {
  const { rows } = await client.query<{ last_seq: number }>('SELECT last_seq FROM runs WHERE id = $1', [runId]);
  if (!rows[0]) return new StudioError('RUN_NOT_FOUND', `Run "${runId}" was not found`, { details: { runId, seq: firstSeq } });
  return seqError(runId, firstSeq, rows[0].last_seq + 1, 'batch');
}

function toStoredRun(row: RunRow): StoredRun {
  const run: StoredRun = { ...toRunView(row), lastSeq: row.last_seq };
  if (row.lease_owner !== null) run.leaseOwner = row.lease_owner;
  if (row.lease_expires_at !== null) run.leaseExpiresAt = row.lease_expires_at;
  return run;
}
