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

/**
 * Writes projections inside the event store's append transaction; statements are prepared once. A run
 * whose log the same transaction advances gets its status columns and its progress (`last_seq`,
 * `updated_at`) in ONE statement ({@link advanceRun}); the others get {@link write}.
 */
export function createProjectionWriter(sqlite: SqliteConnection) {
  const setRun = sqlite.prepare<[RunStatus, string | null, string | null, number | null, string | null, string]>(
    `UPDATE runs SET status = ?, outputs = coalesce(?, outputs), error = coalesce(?, error), finished_at = coalesce(?, finished_at),
       metrics = coalesce(?, metrics)
       WHERE id = ?`,
  );
  // As the event store's progress statement (moves last_seq on only from the value the batch continues),
  // with the projected status columns.
  const advanceAndSetRun = sqlite.prepare<[number, number, RunStatus, string | null, string | null, number | null, string | null, string, number]>(
    `UPDATE runs SET last_seq = ?, updated_at = max(updated_at, ?), status = ?, outputs = coalesce(?, outputs), error = coalesce(?, error),
       finished_at = coalesce(?, finished_at), metrics = coalesce(?, metrics)
       WHERE id = ? AND last_seq = ?`,
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

  const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

  function writePersonChanges(projection: RunProjection): void {
    if (projection.requests) {
      for (const request of projection.requests) {
        upsertWaitpoint.run(projection.runId, request.nodeId, request.title, request.instructions ?? null, json(request.value), request.createdAt);
      }
    }
    if (projection.answers) {
      for (const answer of projection.answers) answerWaitpoint.run(answer.at, answer.decision, json(answer.value), projection.runId, answer.nodeId);
    }
  }

  return {
    /** Writes a projection of a run whose log this transaction does not advance. */
    write(projection: RunProjection): void {
      setRun.run(projection.status, json(projection.outputs), json(projection.error), projection.finishedAt ?? null, json(projection.metrics), projection.runId);
      writePersonChanges(projection);
    },
    /**
     * Advances a run's log from `fromSeq` to `toSeq` and writes its projection; answers false (writing
     * nothing) when the run does not exist or its log is not at `fromSeq`.
     */
    advanceRun(projection: RunProjection, fromSeq: number, toSeq: number, ts: number): boolean {
      const changed = advanceAndSetRun.run(
        toSeq,
        ts,
        projection.status,
        json(projection.outputs),
        json(projection.error),
        projection.finishedAt ?? null,
        json(projection.metrics),
        projection.runId,
        fromSeq,
      ).changes;
      if (changed !== 1) return false;
      writePersonChanges(projection);
      return true;
    },
  };
}
