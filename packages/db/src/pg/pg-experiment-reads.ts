import type { ExperimentReads, TrialRun } from '../experiment-store/experiment-store.ts';
import type { LatestFeedback } from '../repositories/feedback-repository.ts';
import type { StoredRunError, StoredRunMetrics } from '../schema.ts';
import type { TandemPostgres } from './pg-client.ts';

/** What experiment results read on Postgres besides trials: trials' runs, people's feedback, pipelines' versions. */
export function createPgExperimentReads(postgres: TandemPostgres): ExperimentReads {
  const { pool } = postgres;
  return {
    async run(runId) {
      const { rows } = await pool.query<{
        id: string;
        pipeline_id: string;
        version: number;
        status: TrialRun['status'];
        inputs: Record<string, unknown>;
        outputs: Record<string, unknown> | null;
        error: StoredRunError | null;
        parent_run_id: string | null;
        overrides: TrialRun['overrides'] | null;
        experiment_id: string | null;
        metrics: StoredRunMetrics | null;
        started_at: number;
        finished_at: number | null;
      }>(
        'SELECT id, pipeline_id, version, status, inputs, outputs, error, parent_run_id, overrides, experiment_id, metrics, started_at, finished_at FROM runs WHERE id = $1',
        [runId],
      );
      const row = rows[0];
      if (!row) return undefined;
      const run: TrialRun = { id: row.id, pipelineId: row.pipeline_id, version: row.version, status: row.status, inputs: row.inputs, outputs: row.outputs ?? {}, startedAt: row.started_at };
      if (row.error !== null) run.error = row.error;
      if (row.finished_at !== null) run.finishedAt = row.finished_at;
      if (row.parent_run_id !== null) run.parentRunId = row.parent_run_id;
      if (row.overrides !== null) run.overrides = row.overrides;
      if (row.experiment_id !== null) run.experimentId = row.experiment_id;
      if (row.metrics !== null) run.metrics = row.metrics;
      return run;
    },

    async latestFeedback(experimentId) {
      // The latest non-null score and thumbs per run: a later comment alone does not erase an earlier score.
      const { rows } = await pool.query<{ run_id: string; score: number | null; thumbs: 'up' | 'down' | null }>(
        `SELECT r.id AS run_id,
            (SELECT f.score FROM run_feedback f WHERE f.run_id = r.id AND f.score IS NOT NULL ORDER BY f.id DESC LIMIT 1) AS score,
            (SELECT f.thumbs FROM run_feedback f WHERE f.run_id = r.id AND f.thumbs IS NOT NULL ORDER BY f.id DESC LIMIT 1) AS thumbs
           FROM runs r WHERE r.experiment_id = $1 AND EXISTS (SELECT 1 FROM run_feedback f WHERE f.run_id = r.id)`,
        [experimentId],
      );
      return new Map(
        rows.map((row) => {
          const feedback: LatestFeedback = {};
          if (row.score !== null) feedback.score = row.score;
          if (row.thumbs !== null) feedback.thumbs = row.thumbs;
          return [row.run_id, feedback];
        }),
      );
    },

    async pipelineVersions(pipelineId) {
      const { rows } = await pool.query<{ version: number }>(
        `SELECT v.version FROM pipeline_versions v JOIN pipelines p ON p.id = v.pipeline_id
           WHERE p.id = $1 AND p.deleted_at IS NULL ORDER BY v.version`,
        [pipelineId],
      );
      return rows.map((row) => row.version);
    },
  };
}
