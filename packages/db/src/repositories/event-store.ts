import { asc, eq } from 'drizzle-orm';
import { StudioError, type RunEvent } from '@tandem/shared';
import type { TandemDatabase } from '../client.ts';
import { stepResults, type StepResultStatus } from '../schema.ts';
import { createEventProjections } from './event-projections.ts';

/** One step attempt as derived from its `step.*` events. */
export interface StepResult {
  runId: string;
  nodeId: string;
  attempt: number;
  status: StepResultStatus;
  output?: unknown;
  error?: unknown;
  startedAt: number;
  finishedAt?: number;
}

/** The run event log: the system of record (DESIGN.md §4, RELIABILITY.md §1.3, §2.2). */
export interface EventStore {
  /**
   * Appends events in ONE transaction and updates what they imply (run status/outputs/error/finished_at/
   * last_seq, step_results, waitpoints) in that same transaction. Per run, seqs must continue the log
   * without a gap or a repeat (the first is 1): otherwise nothing of the batch is written and it throws
   * StudioError CONFLICT (RUN_NOT_FOUND for an unknown run).
   */
  append(events: readonly RunEvent[]): void;
  /** Events of a run with `seq > afterSeq`, in seq order, at most `limit` of them. */
  readEvents(runId: string, afterSeq?: number, limit?: number): RunEvent[];
  /** The last committed seq of a run (0 when it has no events or does not exist). */
  lastSeq(runId: string): number;
  /** Every recorded step attempt of a run, in start order (for resume: skip what has a result). */
  readStepResults(runId: string): StepResult[];
}

interface EventRow {
  run_id: string;
  seq: number;
  ts: number;
  type: RunEvent['type'];
  node_id: string | null;
  attempt: number | null;
  data: string;
}

/** Creates the event store. Hot-path statements are prepared once and reused. */
export function createEventStore(database: TandemDatabase): EventStore {
  const { sqlite, db } = database;
  const projections = createEventProjections(sqlite);
  const insertEvent = sqlite.prepare<[string, number, number, string, string | null, number | null, string]>(
    'INSERT INTO run_events (run_id, seq, ts, type, node_id, attempt, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const selectLastSeq = sqlite.prepare<[string], number>('SELECT last_seq FROM runs WHERE id = ?').pluck();
  // Moves last_seq forward only from the value the batch continues: one statement both records the
  // progress and proves that the batch neither repeats nor skips a seq of a run that exists.
  const advanceLastSeq = sqlite.prepare<[number, number, string, number]>(
    'UPDATE runs SET last_seq = ?, updated_at = max(updated_at, ?) WHERE id = ? AND last_seq = ?',
  );
  const selectCompletedOutputs = sqlite.prepare<[string], { node_id: string; attempt: number | null; data: string }>(
    `SELECT node_id, attempt, data FROM run_events WHERE run_id = ? AND type = 'step.completed' ORDER BY seq`,
  );
  const selectEvents = sqlite.prepare<[string, number, number], EventRow>(
    `SELECT run_id, seq, ts, type, node_id, attempt, data FROM run_events
       WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
  );

  function seqError(runId: string, seq: number, expectedSeq: number, type: string): StudioError {
    return new StudioError('CONFLICT', `Event seq ${seq} of run "${runId}" does not follow ${expectedSeq - 1}`, {
      details: { runId, seq, expectedSeq, type },
    });
  }

  /** Explains why advancing a run's last_seq failed: unknown run, or a batch that does not continue its log. */
  function progressError(runId: string, firstSeq: number): StudioError {
    const lastSeq = selectLastSeq.get(runId);
    if (lastSeq === undefined) {
      return new StudioError('RUN_NOT_FOUND', `Run "${runId}" was not found`, { details: { runId, seq: firstSeq } });
    }
    return seqError(runId, firstSeq, lastSeq + 1, 'batch');
  }

  const appendInTransaction = sqlite.transaction((events: readonly RunEvent[]) => {
    // Per run in this batch: the seq it starts at, the last seq so far and the newest timestamp.
    const progress = new Map<string, { firstSeq: number; lastSeq: number; ts: number }>();
    for (const event of events) {
      const run = progress.get(event.runId);
      if (run === undefined) {
        progress.set(event.runId, { firstSeq: event.seq, lastSeq: event.seq, ts: event.ts });
      } else {
        if (event.seq !== run.lastSeq + 1) throw seqError(event.runId, event.seq, run.lastSeq + 1, event.type);
        run.lastSeq = event.seq;
        if (event.ts > run.ts) run.ts = event.ts;
      }
    }
    // Runs first: an unknown run or a gap fails before any event row is written.
    for (const [runId, run] of progress) {
      if (advanceLastSeq.run(run.lastSeq, run.ts, runId, run.firstSeq - 1).changes !== 1) {
        throw progressError(runId, run.firstSeq);
      }
    }
    for (const event of events) {
      insertEvent.run(
        event.runId,
        event.seq,
        event.ts,
        event.type,
        event.nodeId ?? null,
        event.attempt ?? null,
        JSON.stringify(event.data ?? {}),
      );
      projections.apply(event);
    }
  });

  return {
    append(events) {
      if (events.length === 0) return;
      appendInTransaction.immediate(events);
    },
    readEvents(runId, afterSeq = 0, limit) {
      const rows = selectEvents.all(runId, afterSeq, limit === undefined ? -1 : Math.max(0, Math.trunc(limit)));
      return rows.map(toRunEvent);
    },
    lastSeq(runId) {
      return selectLastSeq.get(runId) ?? 0;
    },
    readStepResults(runId) {
      // Outputs live in the step.completed events; the first one of an attempt is its result.
      const outputs = new Map<string, unknown>();
      for (const row of selectCompletedOutputs.all(runId)) {
        const key = `${row.node_id}/${row.attempt ?? 1}`;
        if (!outputs.has(key)) outputs.set(key, (JSON.parse(row.data) as { output?: unknown }).output);
      }
      return db
        .select()
        .from(stepResults)
        .where(eq(stepResults.runId, runId))
        .orderBy(asc(stepResults.startedAt), asc(stepResults.nodeId), asc(stepResults.attempt))
        .all()
        .map((row) => {
          const result: StepResult = {
            runId: row.runId,
            nodeId: row.nodeId,
            attempt: row.attempt,
            status: row.status,
            startedAt: row.startedAt,
          };
          const output = row.status === 'succeeded' ? outputs.get(`${row.nodeId}/${row.attempt}`) : undefined;
          if (output !== undefined) result.output = output;
          if (row.error !== null) result.error = row.error;
          if (row.finishedAt !== null) result.finishedAt = row.finishedAt;
          return result;
        });
    },
  };
}

function toRunEvent(row: EventRow): RunEvent {
  const event: RunEvent = { runId: row.run_id, seq: row.seq, ts: row.ts, type: row.type, data: JSON.parse(row.data) };
  if (row.node_id !== null) event.nodeId = row.node_id;
  if (row.attempt !== null) event.attempt = row.attempt;
  return event;
}
