import { and, asc, desc, eq, inArray, isNull, lt, or, type SQL } from 'drizzle-orm';
import { StudioError, type RunStatus, type RunView } from '@tandem/shared';
import type { TandemDatabase } from '../client.ts';
import { pipelines, pipelineVersions, runs, type StoredRunError } from '../schema.ts';
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
}


/** Stores runs. Their status columns are written with their events (see the event store); this covers creation and queries. */
export interface RunsRepository {
  /**
   * Creates a run in status `queued`. Throws PIPELINE_NOT_FOUND when the version does not exist,
   * RUN_NOT_FOUND when the parent run does not, CONFLICT when the id is taken.
   */
  createRun(run: NewRun): RunView;
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
  const findRow = (id: string): RunRow | undefined => db.select().from(runs).where(eq(runs.id, id)).get();

  // Starting a run is on the hot path (every run, every experiment row): prepared statements, no query builder.
  const selectVersion = database.sqlite.prepare<[string, number], number>('SELECT 1 FROM pipeline_versions WHERE pipeline_id = ? AND version = ?').pluck();
  const selectRunExists = database.sqlite.prepare<[string], number>('SELECT 1 FROM runs WHERE id = ?').pluck();
  const insertRun = database.sqlite.prepare<[string, string, number, string, string | null, string | null, number, number]>(
    `INSERT INTO runs (id, pipeline_id, version, status, inputs, outputs, parent_run_id, parent_node_id, started_at, updated_at)
       VALUES (?, ?, ?, 'queued', ?, '{}', ?, ?, ?, ?)`,
  );

  const createRun = database.sqlite.transaction((run: NewRun): RunView => {
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
    insertRun.run(run.id, run.pipelineId, run.version, blobs.stringify(run.inputs), run.parentRunId ?? null, run.parentNodeId ?? null, now, now);
    const view: RunView = { id: run.id, pipelineId: run.pipelineId, version: run.version, status: 'queued', inputs: run.inputs, outputs: {}, startedAt: now };
    if (run.parentRunId !== undefined) view.parentRunId = run.parentRunId;
    return view;
  });

  return {
    createRun: (run) => createRun.immediate(run),
    get(id) {
      const row = findRow(id);
      return row ? toRunView(row, blobs.restore) : undefined;
    },
    getRecord(id) {
      const row = findRow(id);
      if (!row) return undefined;
      const record: RunRecord = { ...toRunView(row, blobs.restore), lastSeq: row.lastSeq, updatedAt: row.updatedAt };
      if (row.parentNodeId !== null) record.parentNodeId = row.parentNodeId;
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
