import { StudioError, type RunEvent, type RunStatus } from '@tandem/shared';
import type { SqliteConnection } from '../client.ts';
import type { StepResultStatus } from '../schema.ts';

/**
 * Keeps the derived tables (`runs` status columns, `step_results`, `waitpoints`) in step with the
 * event log. Called by the event store inside its append transaction, so an event and what it implies
 * commit together or not at all.
 */
export interface EventProjections {
  /** Applies one event's derived writes. Throws VALIDATION_FAILED for a step/user event without `nodeId`. */
  apply(event: RunEvent): void;
}

const runStatusByEventType: Partial<Record<RunEvent['type'], RunStatus>> = {
  'run.started': 'running',
  'run.resumed': 'running',
  'run.waiting': 'waiting',
  'run.completed': 'completed',
  'run.failed': 'failed',
  'run.cancelled': 'cancelled',
};

const finishedStepStatusByEventType: Partial<Record<RunEvent['type'], StepResultStatus>> = {
  'step.completed': 'succeeded',
  'step.failed': 'failed',
  'step.skipped': 'skipped',
};

/** JSON text of a value, or SQL NULL when it is absent. */
function jsonOrNull(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Prepares the projection statements once per connection. */
export function createEventProjections(sqlite: SqliteConnection): EventProjections {
  const setRunStatus = sqlite.prepare<[RunStatus, string | null, string | null, number | null, number, string]>(
    `UPDATE runs SET status = ?, outputs = coalesce(?, outputs), error = coalesce(?, error),
       finished_at = ?, updated_at = max(updated_at, ?) WHERE id = ?`,
  );
  // One row per finished attempt; the first recorded result wins. The output itself stays in the
  // step.completed event (read back by the event store): writing the trace once keeps appends fast.
  const insertStepFinished = sqlite.prepare<[string, string, number, StepResultStatus, string | null, number, number]>(
    `INSERT INTO step_results (run_id, node_id, attempt, status, error, started_at, finished_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (run_id, node_id, attempt) DO NOTHING`,
  );
  // A repeated `user.waiting` (e.g. after a resume) keeps the original `created_at` while still open.
  const upsertWaitpoint = sqlite.prepare<[string, string, string, string | null, string | null, number]>(
    `INSERT INTO waitpoints (run_id, node_id, title, instructions, value, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (run_id, node_id) DO UPDATE SET title = excluded.title, instructions = excluded.instructions,
         value = excluded.value,
         created_at = CASE WHEN waitpoints.submitted_at IS NULL THEN waitpoints.created_at ELSE excluded.created_at END,
         submitted_at = NULL, decision = NULL, submitted_value = NULL`,
  );
  const submitWaitpoint = sqlite.prepare<[number, string | null, string | null, string, string]>(
    `UPDATE waitpoints SET submitted_at = ?, decision = ?, submitted_value = ? WHERE run_id = ? AND node_id = ?`,
  );

  function requireNodeId(event: RunEvent): string {
    if (typeof event.nodeId === 'string' && event.nodeId.length > 0) return event.nodeId;
    throw new StudioError('VALIDATION_FAILED', `Event ${event.type} of run ${event.runId} has no nodeId`, {
      details: { runId: event.runId, seq: event.seq, type: event.type },
    });
  }

  function applyRunEvent(event: RunEvent, status: RunStatus): void {
    const terminal = status === 'completed' || status === 'failed' || status === 'cancelled';
    const outputs = status === 'completed' ? JSON.stringify(event.data.outputs ?? {}) : null;
    const error = status === 'failed' || status === 'cancelled' ? jsonOrNull(event.data.error) : null;
    setRunStatus.run(status, outputs, error, terminal ? event.ts : null, event.ts, event.runId);
  }

  return {
    apply(event) {
      const runStatus = runStatusByEventType[event.type];
      if (runStatus !== undefined) return applyRunEvent(event, runStatus);

      const attempt = event.attempt ?? 1;
      if (event.type === 'step.started') {
        requireNodeId(event);
        return;
      }
      const stepStatus = finishedStepStatusByEventType[event.type];
      if (stepStatus !== undefined) {
        const error = stepStatus === 'failed' ? jsonOrNull(event.data.error) : null;
        const nodeId = requireNodeId(event);
        const durationMs = typeof event.data.durationMs === 'number' && event.data.durationMs >= 0 ? event.data.durationMs : 0;
        insertStepFinished.run(event.runId, nodeId, attempt, stepStatus, error, event.ts - durationMs, event.ts);
        return;
      }
      if (event.type === 'user.waiting') {
        const nodeId = requireNodeId(event);
        const title = textOrNull(event.data.title) ?? nodeId;
        const value = jsonOrNull(event.data.value);
        upsertWaitpoint.run(event.runId, nodeId, title, textOrNull(event.data.instructions), value, event.ts);
        return;
      }
      if (event.type === 'user.submitted') {
        const value = jsonOrNull(event.data.value);
        submitWaitpoint.run(event.ts, textOrNull(event.data.decision), value, event.runId, requireNodeId(event));
      }
    },
  };
}
