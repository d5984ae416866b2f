import { StudioError, type RunFeedback, type RunFeedbackBody, type RunStatus } from '@tandem/shared';
import type { TandemDatabase } from '../client.ts';
import type { StoredRunMetrics } from '../schema.ts';

/** The latest feedback on one run, as metrics read it. */
export interface LatestFeedback {
  score?: number;
  thumbs?: 'up' | 'down';
}

/** A finished run of a pipeline with what it measured and its latest feedback (the live A/B view's unit). */
export interface RunResult {
  runId: string;
  status: RunStatus;
  startedAt: number;
  metrics: StoredRunMetrics;
  feedback?: LatestFeedback;
}

interface FeedbackRow {
  id: number;
  run_id: string;
  score: number | null;
  thumbs: 'up' | 'down' | null;
  comment: string | null;
  created_at: number;
}

/** People's feedback on runs, and the finished runs of a pipeline with their metrics. */
export interface FeedbackRepository {
  /** Records feedback on a run. Throws RUN_NOT_FOUND. */
  add(runId: string, feedback: RunFeedbackBody): RunFeedback;
  /** A run's feedback, oldest first. */
  list(runId: string): RunFeedback[];
  /** The latest score and thumbs given on each of an experiment's trial runs, by run id. */
  latestForExperiment(experimentId: string): Map<string, LatestFeedback>;
  /**
   * The newest finished runs of a pipeline that are not experiment trials (live traffic), with their
   * metrics and latest feedback, at most `limit` (default 5,000).
   */
  runResults(pipelineId: string, limit?: number): RunResult[];
}

/** Creates the feedback repository over an open database. */
export function createFeedbackRepository(database: TandemDatabase): FeedbackRepository {
  const { sqlite } = database;
  const runExists = sqlite.prepare<[string], number>('SELECT 1 FROM runs WHERE id = ?').pluck();
  const insert = sqlite.prepare<[string, number | null, string | null, string | null, number]>(
    'INSERT INTO run_feedback (run_id, score, thumbs, comment, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const selectForRun = sqlite.prepare<[string], FeedbackRow>('SELECT * FROM run_feedback WHERE run_id = ? ORDER BY id');
  // The latest non-null score and thumbs per run: a later comment alone does not erase an earlier score.
  const latestColumns = `
    (SELECT f.score FROM run_feedback f WHERE f.run_id = r.id AND f.score IS NOT NULL ORDER BY f.id DESC LIMIT 1) AS score,
    (SELECT f.thumbs FROM run_feedback f WHERE f.run_id = r.id AND f.thumbs IS NOT NULL ORDER BY f.id DESC LIMIT 1) AS thumbs`;
  const selectLatestForExperiment = sqlite.prepare<[string], { run_id: string; score: number | null; thumbs: 'up' | 'down' | null }>(
    `SELECT r.id AS run_id, ${latestColumns} FROM runs r WHERE r.experiment_id = ? AND EXISTS (SELECT 1 FROM run_feedback f WHERE f.run_id = r.id)`,
  );
  const selectResults = sqlite.prepare<[string, number], { id: string; status: RunStatus; started_at: number; metrics: string; score: number | null; thumbs: 'up' | 'down' | null }>(
    `SELECT r.id, r.status, r.started_at, r.metrics, ${latestColumns}
       FROM runs r WHERE r.pipeline_id = ? AND r.experiment_id IS NULL AND r.metrics IS NOT NULL
       ORDER BY r.started_at DESC, r.id DESC LIMIT ?`,
  );

  return {
    add(runId, feedback) {
      if (runExists.get(runId) === undefined) throw new StudioError('RUN_NOT_FOUND', `No run "${runId}"`, { details: { runId } });
      const comment = feedback.comment === undefined || feedback.comment === '' ? null : feedback.comment;
      const createdAt = Date.now();
      const { lastInsertRowid } = insert.run(runId, feedback.score ?? null, feedback.thumbs ?? null, comment, createdAt);
      return toFeedback({ id: Number(lastInsertRowid), run_id: runId, score: feedback.score ?? null, thumbs: feedback.thumbs ?? null, comment, created_at: createdAt });
    },
    list: (runId) => selectForRun.all(runId).map(toFeedback),
    latestForExperiment(experimentId) {
      return new Map(selectLatestForExperiment.all(experimentId).map((row) => [row.run_id, latest(row)]));
    },
    runResults(pipelineId, limit = 5000) {
      return selectResults.all(pipelineId, Math.min(Math.max(1, Math.trunc(limit)), 50_000)).map((row) => {
        const result: RunResult = { runId: row.id, status: row.status, startedAt: row.started_at, metrics: JSON.parse(row.metrics) as StoredRunMetrics };
        const feedback = latest(row);
        if (feedback.score !== undefined || feedback.thumbs !== undefined) result.feedback = feedback;
        return result;
      });
    },
  };
}

function latest(row: { score: number | null; thumbs: 'up' | 'down' | null }): LatestFeedback {
  const feedback: LatestFeedback = {};
  if (row.score !== null) feedback.score = row.score;
  if (row.thumbs !== null) feedback.thumbs = row.thumbs;
  return feedback;
}

function toFeedback(row: FeedbackRow): RunFeedback {
  const feedback: RunFeedback = { id: row.id, runId: row.run_id, createdAt: row.created_at };
  if (row.score !== null) feedback.score = row.score;
  if (row.thumbs !== null) feedback.thumbs = row.thumbs;
  if (row.comment !== null) feedback.comment = row.comment;
  return feedback;
}
