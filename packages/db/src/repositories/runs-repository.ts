import { and, asc, desc, eq, inArray, isNull, lt, or, type SQL } from 'drizzle-orm';
import { StudioError, type ConfigOverrides, type RunStatus, type RunView } from '@tandem/shared';
import type { TandemDatabase } from '../client.ts';
import { pipelines, runs, type StoredRunMetrics } from '../schema.ts';
import { blobStoreOf } from './blob-store.ts';
import { toRunView, type RunListItem, type RunRow } from './run-views.ts';

/** What `createRun` takes. */
export interface NewRun {
  id: string;
  pipelineId: string;
  version: number;
  inputs: Record<string, unknown>;
  parentRunId?: string;
  parentNodeId?: string;
  /** Per-node partial configs merged into the version's configs for this run. */
  overrides?: ConfigOverrides;
  /** The experiment the run is a trial of. */
  experimentId?: string;
}

/** Filters of `list`. `before` is a run id: the page holds the runs started before that one. */
export interface RunListQuery {
  pipelineId?: string;
  /** Runs of this version only (with `pipelineId`). */
  version?: number;
  status?: RunStatus | RunStatus[];
  /** Page size, 1–500. Default 50. */
  limit?: number;
  before?: string;
}

/** A run with the bookkeeping columns that `RunView` leaves out. */
export interface RunRecord extends RunView {
  parentNodeId?: string;
  lastSeq: number;
  updatedAt: number;
  /** What the run measured, once it ended. */
  metrics?: StoredRunMetrics;
}


/** Stores runs. Their status columns are written with their events (see the event store); this covers creation and queries. */
export interface RunsRepository {
  /**
   * Creates a run in status `queued`. Throws PIPELINE_NOT_FOUND when the version does not exist,
   * RUN_NOT_FOUND when the parent run does not, CONFLICT when the id is taken.
   */
  createRun(run: NewRun): RunView;
  /**
   * Creates several runs in ONE transaction: a group commit, one write of the log for all of them. Each
   * run is checked on its own, as `createRun` checks it: the answer holds, at each run's index, the
   * created run or the StudioError that refused it (the others are created all the same). Any other
   * failure (the database itself) throws and creates none.
   */
  createRuns(runs: readonly NewRun[]): (RunView | StudioError)[];
  /** The run, or undefined. */
  get(id: string): RunView | undefined;
  /** The run with its bookkeeping columns, or undefined. */
  getRecord(id: string): RunRecord | undefined;
  /** Runs newest first (by start time, then id), with their pipeline name. */
  list(query?: RunListQuery): RunListItem[];
  /** Every run in one of `statuses`, oldest first (used to resume runs at boot). */
  listByStatus(statuses: readonly RunStatus[]): RunView[];
}

/** Creates the runs repository over an open database. */
export function createRunsRepository(database: TandemDatabase): RunsRepository {
  const { db } = database;
  const blobs = blobStoreOf(database.sqlite);
  // Reading one run is on the hot path (every run view, every SSE connection): one prepared statement.
  const selectRun = database.sqlite.prepare<[string], RawRunRow>('SELECT * FROM runs WHERE id = ?');
  const findRow = (id: string): RunRow | undefined => {
    const raw = selectRun.get(id);
    return raw ? fromRawRow(raw) : undefined;
  };

  // Starting a run is on the hot path (every run, every experiment row): prepared statements, no query builder.
  const selectVersion = database.sqlite.prepare<[string, number], number>('SELECT 1 FROM pipeline_versions WHERE pipeline_id = ? AND version = ?').pluck();
  const selectRunExists = database.sqlite.prepare<[string], number>('SELECT 1 FROM runs WHERE id = ?').pluck();
  const insertRunRow = database.sqlite.prepare<[string, string, number, string, string | null, string | null, string | null, string | null, number, number]>(
    `INSERT INTO runs (id, pipeline_id, version, status, inputs, outputs, parent_run_id, parent_node_id, overrides, experiment_id, started_at, updated_at)
       VALUES (?, ?, ?, 'queued', ?, '{}', ?, ?, ?, ?, ?, ?)`,
  );

  function insertRun(run: NewRun): RunView {
    if (selectVersion.get(run.pipelineId, run.version) === undefined) {
      throw new StudioError('PIPELINE_NOT_FOUND', `Pipeline "${run.pipelineId}" version ${run.version} was not found`, {
        details: { pipelineId: run.pipelineId, version: run.version },
      });
    }
    if (run.parentRunId !== undefined && selectRunExists.get(run.parentRunId) === undefined) throw runNotFound(run.parentRunId);
    if (selectRunExists.get(run.id) !== undefined) {
      throw new StudioError('CONFLICT', `A run with id "${run.id}" already exists`, { details: { id: run.id } });
    }
    const now = Date.now();
    const overrides = run.overrides && Object.keys(run.overrides).length > 0 ? run.overrides : undefined;
    insertRunRow.run(
      run.id,
      run.pipelineId,
      run.version,
      blobs.stringify(run.inputs),
      run.parentRunId ?? null,
      run.parentNodeId ?? null,
      overrides ? JSON.stringify(overrides) : null,
      run.experimentId ?? null,
      now,
      now,
    );
    const view: RunView = { id: run.id, pipelineId: run.pipelineId, version: run.version, status: 'queued', inputs: run.inputs, outputs: {}, startedAt: now };
    if (run.parentRunId !== undefined) view.parentRunId = run.parentRunId;
    if (overrides) view.overrides = overrides;
    if (run.experimentId !== undefined) view.experimentId = run.experimentId;
    return view;
  }
  const createRun = database.sqlite.transaction(insertRun);
  const createRuns = database.sqlite.transaction((group: readonly NewRun[]) =>
    group.map((run) => {
      try {
        return insertRun(run);
      } catch (error) {
        // A refused run wrote nothing (its checks run before its insert); the others go on.
        if (StudioError.is(error)) return error;
        throw error;
      }
    }),
  );

  return {
    createRun: (run) => createRun.immediate(run),
    createRuns: (group) => (group.length === 0 ? [] : createRuns.immediate(group)),
    get(id) {
      const row = findRow(id);
      return row ? toRunView(row, blobs.restore) : undefined;
    },
    getRecord(id) {
      const row = findRow(id);
      if (!row) return undefined;
      const record: RunRecord = { ...toRunView(row, blobs.restore), lastSeq: row.lastSeq, updatedAt: row.updatedAt };
      if (row.parentNodeId !== null) record.parentNodeId = row.parentNodeId;
      if (row.metrics !== null) record.metrics = row.metrics;
      return record;
    },
    list(query = {}) {
      const limit = Math.min(Math.max(Math.trunc(query.limit ?? 50), 1), 500);
      const conditions: SQL[] = [];
      if (query.pipelineId !== undefined) conditions.push(eq(runs.pipelineId, query.pipelineId));
      if (query.version !== undefined) conditions.push(eq(runs.version, query.version));
      if (query.status !== undefined) {
        const statuses = Array.isArray(query.status) ? query.status : [query.status];
        conditions.push(inArray(runs.status, statuses));
      }
      if (query.before !== undefined) {
        const cursor = findRow(query.before);
        if (!cursor) return [];
        conditions.push(
          or(lt(runs.startedAt, cursor.startedAt), and(eq(runs.startedAt, cursor.startedAt), lt(runs.id, cursor.id)))!,
        );
      }
      return db
        .select({ run: runs, pipelineName: pipelines.name })
        .from(runs)
        .innerJoin(pipelines, eq(pipelines.id, runs.pipelineId))
        .where(and(...conditions))
        .orderBy(desc(runs.startedAt), desc(runs.id))
        .limit(limit)
        .all()
        .map(({ run, pipelineName }) => ({ ...toRunView(run, blobs.restore), pipelineName }));
    },
    listByStatus(statuses) {
      if (statuses.length === 0) return [];
      return db
        .select()
        .from(runs)
        .where(inArray(runs.status, [...statuses]))
        .orderBy(asc(runs.startedAt), asc(runs.id))
        .all()
        .map((row) => toRunView(row, blobs.restore));
    },
  };
}

function runNotFound(id: string): StudioError {
  return new StudioError('RUN_NOT_FOUND', `Run "${id}" was not found`, { details: { id } });
}

/** A `runs` row as SQLite returns it (snake_case columns, JSON as text). */
interface RawRunRow {
  id: string;
  pipeline_id: string;
  version: number;
  status: RunRow['status'];
  inputs: string;
  outputs: string;
  error: string | null;
  parent_run_id: string | null;
  parent_node_id: string | null;
  overrides: string | null;
  experiment_id: string | null;
  metrics: string | null;
  started_at: number;
  finished_at: number | null;
  updated_at: number;
  last_seq: number;
  lease_owner: string | null;
  lease_expires_at: number | null;
}

const parseOrNull = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

function fromRawRow(raw: RawRunRow): RunRow {
  return {
    id: raw.id,
    pipelineId: raw.pipeline_id,
    version: raw.version,
    status: raw.status,
    inputs: JSON.parse(raw.inputs) as RunRow['inputs'],
    outputs: JSON.parse(raw.outputs) as RunRow['outputs'],
    error: parseOrNull(raw.error),
    parentRunId: raw.parent_run_id,
    parentNodeId: raw.parent_node_id,
    overrides: parseOrNull(raw.overrides),
    experimentId: raw.experiment_id,
    metrics: parseOrNull(raw.metrics),
    startedAt: raw.started_at,
    finishedAt: raw.finished_at,
    updatedAt: raw.updated_at,
    lastSeq: raw.last_seq,
    leaseOwner: raw.lease_owner,
    leaseExpiresAt: raw.lease_expires_at,
  };
}
