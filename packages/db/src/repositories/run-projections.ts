import type { RunStatus } from '@tandem/shared';
import type { SqliteConnection } from '../client.ts';
import type { StoredRunError, StoredRunMetrics } from '../schema.ts';

/** A `user` step's request to a person, as the inbox lists it. */
export interface PersonRequestProjection {
  nodeId: string;
  title: string;
  instructions?: string;
  value: unknown;
  createdAt: number;
}

/** A person's answer to a `user` step. */
export interface PersonAnswerProjection {
  nodeId: string;
  decision: 'approved' | 'rejected';
  value: unknown;
  at: number;
}

/**
 * What a batch of events implies for one run, as the caller's fold of the run's log computed it:
 * the run row's status columns and the person requests the batch opened or answered.
 */
export interface RunProjection {
  runId: string;
  status: RunStatus;
  /** The run's outputs, once it completed. */
  outputs?: Record<string, unknown>;
  error?: StoredRunError;
  finishedAt?: number;
  /** What the run measured; written once it ended. */
  metrics?: StoredRunMetrics;
  /** Requests the batch opened. */
  requests?: readonly PersonRequestProjection[];
  /** Answers the batch recorded. */
  answers?: readonly PersonAnswerProjection[];
}

/** Writes projections inside the event store's append transaction; statements are prepared once. */
export function createProjectionWriter(sqlite: SqliteConnection) {
  const setRun = sqlite.prepare<[RunStatus, string | null, string | null, number | null, string | null, string]>(
    `UPDATE runs SET status = ?, outputs = coalesce(?, outputs), error = coalesce(?, error), finished_at = coalesce(?, finished_at),
       metrics = coalesce(?, metrics)
       WHERE id = ?`,
  );
  // A repeated request (e.g. after a resume) keeps the original `created_at` while still open.
  const upsertWaitpoint = sqlite.prepare<[string, string, string, string | null, string | null, number]>(
    `INSERT INTO waitpoints (run_id, node_id, title, instructions, value, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (run_id, node_id) DO UPDATE SET title = excluded.title, instructions = excluded.instructions,
         value = excluded.value,
         created_at = CASE WHEN waitpoints.submitted_at IS NULL THEN waitpoints.created_at ELSE excluded.created_at END,
         submitted_at = NULL, decision = NULL, submitted_value = NULL`,
  );
  const answerWaitpoint = sqlite.prepare<[number, string, string | null, string, string]>(
    `UPDATE waitpoints SET submitted_at = ?, decision = ?, submitted_value = ? WHERE run_id = ? AND node_id = ?`,
  );

  return {
    write(projection: RunProjection): void {
      const outputs = projection.outputs === undefined ? null : JSON.stringify(projection.outputs);
      const error = projection.error === undefined ? null : JSON.stringify(projection.error);
      const metrics = projection.metrics === undefined ? null : JSON.stringify(projection.metrics);
      setRun.run(projection.status, outputs, error, projection.finishedAt ?? null, metrics, projection.runId);
      for (const request of projection.requests ?? []) {
        const value = request.value === undefined ? null : JSON.stringify(request.value);
        upsertWaitpoint.run(projection.runId, request.nodeId, request.title, request.instructions ?? null, value, request.createdAt);
      }
      for (const answer of projection.answers ?? []) {
        const value = answer.value === undefined ? null : JSON.stringify(answer.value);
        answerWaitpoint.run(answer.at, answer.decision, value, projection.runId, answer.nodeId);
      }
    },
  };
}
