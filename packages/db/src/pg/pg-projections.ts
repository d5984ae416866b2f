import type pg from 'pg';
import type { RunProjection } from '../repositories/run-projections.ts';

const jsonOrNull = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/** Writes what a batch implies for its run (status columns, person requests and answers) in the append's transaction. */
export async function writeProjection(client: pg.PoolClient, projection: RunProjection): Promise<void> {
  await client.query(
    `UPDATE runs SET status = $1, outputs = coalesce($2::json, outputs), error = coalesce($3::json, error),
       finished_at = coalesce($4, finished_at), metrics = coalesce($5::json, metrics) WHERE id = $6`,
    [projection.status, jsonOrNull(projection.outputs), jsonOrNull(projection.error), projection.finishedAt ?? null, jsonOrNull(projection.metrics), projection.runId],
  );
  for (const request of projection.requests ?? []) {
    // A repeated request (after a resume) keeps the original `created_at` while still open.
    await client.query(
      `INSERT INTO waitpoints (run_id, node_id, title, instructions, value, created_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (run_id, node_id) DO UPDATE SET title = excluded.title, instructions = excluded.instructions, value = excluded.value,
           created_at = CASE WHEN waitpoints.submitted_at IS NULL THEN waitpoints.created_at ELSE excluded.created_at END,
           submitted_at = NULL, decision = NULL, submitted_value = NULL`,
      [projection.runId, request.nodeId, request.title, request.instructions ?? null, jsonOrNull(request.value), request.createdAt],
    );
  }
  for (const answer of projection.answers ?? []) {
    await client.query('UPDATE waitpoints SET submitted_at = $1, decision = $2, submitted_value = $3 WHERE run_id = $4 AND node_id = $5', [
      answer.at,
      answer.decision,
      jsonOrNull(answer.value),
      projection.runId,
      answer.nodeId,
    ]);
  }
}

