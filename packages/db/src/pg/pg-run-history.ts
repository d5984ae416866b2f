import { StudioError, terminalRunStatuses, type InboxItem, type RunFeedback } from '@tandem/shared';
import type pg from 'pg';
import type { RunListItem } from '../repositories/run-views.ts';
import type { RunStore } from '../run-store/run-store.ts';
import { toRunView, type RunViewRow } from './pg-run-rows.ts';

interface ListedRunRow extends RunViewRow {
  pipeline_name: string;
}

interface FeedbackRow {
  id: number;
  run_id: string;
  score: number | null;
  thumbs: 'up' | 'down' | null;
  comment: string | null;
  created_at: number;
}

/**
 * What the studio's history screens read on Postgres — the runs list with its filters, the inbox of
 * waiting person steps, a run's feedback — as the part of the Postgres RunStore adapter beside its run path.
 * Ids order byte-wise (`COLLATE "C"`), as in SQLite, so pages follow the same order in both.
 */
export function createPgRunHistory(pool: pg.Pool): Pick<RunStore, 'listRuns' | 'listWaiting' | 'addFeedback' | 'listFeedback'> {
  return {
    async listRuns(query = {}) {
      const limit = Math.min(Math.max(Math.trunc(query.limit ?? 50), 1), 500);
      const conditions: string[] = [];
      const values: unknown[] = [];
      const bind = (value: unknown) => `$${values.push(value)}`;
      if (query.pipelineId !== undefined) conditions.push(`r.pipeline_id = ${bind(query.pipelineId)}`);
      if (query.version !== undefined) conditions.push(`r.version = ${bind(query.version)}`);
      if (query.status !== undefined) conditions.push(`r.status = ANY(${bind(Array.isArray(query.status) ? query.status : [query.status])}::text[])`);
      if (query.before !== undefined) {
        const cursor = await pool.query<{ id: string; started_at: number }>('SELECT id, started_at FROM runs WHERE id = $1', [query.before]);
        if (!cursor.rows[0]) return [];
        const startedAt = bind(cursor.rows[0].started_at);
        conditions.push(`(r.started_at < ${startedAt} OR (r.started_at = ${startedAt} AND r.id COLLATE "C" < ${bind(cursor.rows[0].id)}))`);
      }
      const { rows } = await pool.query<ListedRunRow>(
        `SELECT r.id, r.pipeline_id, r.version, r.status, r.inputs, r.outputs, r.error, r.parent_run_id, r.overrides, r.experiment_id,
            r.started_at, r.finished_at, p.name AS pipeline_name
           FROM runs r JOIN pipelines p ON p.id = r.pipeline_id
           ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
           ORDER BY r.started_at DESC, r.id COLLATE "C" DESC LIMIT ${bind(limit)}`,
        values,
      );
      return rows.map(toListItem);
    },

    async listWaiting() {
      const { rows } = await pool.query<{ run_id: string; node_id: string; pipeline_id: string; pipeline_name: string; title: string; instructions: string | null; value: unknown; since: number }>(
        `SELECT w.run_id, w.node_id, r.pipeline_id, p.name AS pipeline_name, w.title, w.instructions, w.value, w.created_at AS since
           FROM waitpoints w JOIN runs r ON r.id = w.run_id JOIN pipelines p ON p.id = r.pipeline_id
           WHERE w.submitted_at IS NULL AND NOT (r.status = ANY($1::text[]))
           ORDER BY w.created_at, w.run_id COLLATE "C", w.node_id COLLATE "C"`,
        [[...terminalRunStatuses]],
      );
      return rows.map((row) => {
        const item: InboxItem = { runId: row.run_id, nodeId: row.node_id, pipelineId: row.pipeline_id, pipelineName: row.pipeline_name, title: row.title, value: row.value ?? null, since: row.since };
        if (row.instructions !== null) item.instructions = row.instructions;
        return item;
      });
    },

    async addFeedback(runId, feedback) {
      const comment = feedback.comment === undefined || feedback.comment === '' ? null : feedback.comment;
      // The insert finds the run in the same statement: feedback on a missing run writes nothing.
      const { rows } = await pool.query<FeedbackRow>(
        `INSERT INTO run_feedback (run_id, score, thumbs, comment, created_at) SELECT id, $2, $3, $4, $5 FROM runs WHERE id = $1
           RETURNING id, run_id, score, thumbs, comment, created_at`,
        [runId, feedback.score ?? null, feedback.thumbs ?? null, comment, Date.now()],
      );
      if (!rows[0]) throw new StudioError('RUN_NOT_FOUND', `No run "${runId}"`, { details: { runId } });
      return toFeedback(rows[0]);
    },

    async listFeedback(runId) {
      const { rows } = await pool.query<FeedbackRow>('SELECT id, run_id, score, thumbs, comment, created_at FROM run_feedback WHERE run_id = $1 ORDER BY id', [runId]);
      return rows.map(toFeedback);
    },
  };
}

function toListItem(row: ListedRunRow): RunListItem {
  return { ...toRunView(row), pipelineName: row.pipeline_name };
}

function toFeedback(row: FeedbackRow): RunFeedback {
  const feedback: RunFeedback = { id: Number(row.id), runId: row.run_id, createdAt: row.created_at };
  if (row.score !== null) feedback.score = row.score;
  if (row.thumbs !== null) feedback.thumbs = row.thumbs;
  if (row.comment !== null) feedback.comment = row.comment;
  return feedback;
}
