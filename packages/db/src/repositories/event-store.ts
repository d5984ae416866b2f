import { StudioError, parseRunEvent, type RunEvent } from '@tandem/shared';
import type { TandemDatabase } from '../client.ts';
import { blobStoreOf } from './blob-store.ts';
import { callOutputCompactorOf, holdsCallOutputReference, restoreCallOutputs, unwrapStoredAsWritten } from './call-output-references.ts';
import { createProjectionWriter, type RunProjection } from './run-projections.ts';

/** The run event log: the system of record (DESIGN.md §4, RELIABILITY.md §1.3, §2.2). */
export interface EventStore {
  /**
   * Appends events in ONE transaction, with what they imply for their runs (`projections`: status,
   * outputs, error, finish time, person requests — computed by the caller's fold of the log) in that same
   * transaction. Per run, seqs must continue the log without a gap or a repeat (the first is 1):
   * otherwise nothing of the batch is written and it throws StudioError CONFLICT (RUN_NOT_FOUND for an
   * unknown run). Readers get each event's data exactly as given; a model's answer repeated by later
   * events of its run is stored once (call-output-references.ts).
   */
  append(events: readonly RunEvent[], projections?: readonly RunProjection[]): void;
  /**
   * Events of a run with `seq > afterSeq`, in seq order, at most `limit` of them, each checked against
   * the run event contract (an event this version cannot read throws, naming the field).
   */
  readEvents(runId: string, afterSeq?: number, limit?: number): RunEvent[];
  /** The last committed seq of a run (0 when it has no events or does not exist). */
  lastSeq(runId: string): number;
}

interface EventRow {
  run_id: string;
  seq: number;
  ts: number;
  type: string;
  node_id: string | null;
  attempt: number | null;
  data: string;
}

/** Creates the event store. Hot-path statements are prepared once and reused. */
export function createEventStore(database: TandemDatabase): EventStore {
  const { sqlite } = database;
  const projectionWriter = createProjectionWriter(sqlite);
  const blobs = blobStoreOf(sqlite);
  const answers = callOutputCompactorOf(sqlite);
  const insertEvent = sqlite.prepare<[string, number, number, string, string | null, number | null, string]>(
    'INSERT INTO run_events (run_id, seq, ts, type, node_id, attempt, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const selectLastSeq = sqlite.prepare<[string], number>('SELECT last_seq FROM runs WHERE id = ?').pluck();
  // Moves last_seq forward only from the value the batch continues: one statement both records the
  // progress and proves that the batch neither repeats nor skips a seq of a run that exists.
  const advanceLastSeq = sqlite.prepare<[number, number, string, number]>(
    'UPDATE runs SET last_seq = ?, updated_at = max(updated_at, ?) WHERE id = ? AND last_seq = ?',
  );
  const selectEventData = sqlite.prepare<[string, number], string>('SELECT data FROM run_events WHERE run_id = ? AND seq = ?').pluck();
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

  const appendInTransaction = sqlite.transaction((events: readonly RunEvent[], projections: readonly RunProjection[]) => {
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
    // Runs first: an unknown run or a gap fails before any event row is written. A run with a projection
    // gets its progress and its status columns in one statement.
    const projectionOf = new Map<string, RunProjection>();
    for (const projection of projections) if (progress.has(projection.runId) && !projectionOf.has(projection.runId)) projectionOf.set(projection.runId, projection);
    for (const [runId, run] of progress) {
      const projection = projectionOf.get(runId);
      const advanced = projection
        ? projectionWriter.advanceRun(projection, run.firstSeq - 1, run.lastSeq, run.ts)
        : advanceLastSeq.run(run.lastSeq, run.ts, runId, run.firstSeq - 1).changes === 1;
      if (!advanced) throw progressError(runId, run.firstSeq);
    }
    for (const event of events) {
      if (!event.type.startsWith('run.') && !event.nodeId) {
        throw new StudioError('VALIDATION_FAILED', `Event ${event.type} of run ${event.runId} has no nodeId`, {
          details: { runId: event.runId, seq: event.seq, type: event.type },
        });
      }
      insertEvent.run(
        event.runId,
        event.seq,
        event.ts,
        event.type,
        event.nodeId ?? null,
        event.attempt ?? null,
        blobs.stringify(answers.compact(event)),
      );
    }
    for (const projection of projections) if (projectionOf.get(projection.runId) !== projection) projectionWriter.write(projection);
  });

  return {
    append(events, projections = []) {
      if (events.length === 0) return;
      try {
        appendInTransaction.immediate(events, projections);
      } catch (error) {
        answers.rolledBack();
        throw error;
      }
      answers.committed();
    },
    readEvents(runId, afterSeq = 0, limit) {
      const rows = selectEvents.all(runId, afterSeq, limit === undefined ? -1 : Math.max(0, Math.trunc(limit)));
      // Answers of the model calls read so far, for the later events that refer to them.
      const outputs = new Map<number, string>();
      const outputOf = (seq: number): string => {
        const known = outputs.get(seq);
        if (known !== undefined) return known;
        const text = selectEventData.get(runId, seq);
        const output = text === undefined ? undefined : (blobs.parse(text) as { output?: unknown }).output;
        if (typeof output !== 'string') {
          throw new StudioError('INTERNAL', `Event ${seq} of run "${runId}" holds no model answer, yet a later event refers to it`, { details: { runId, seq } });
        }
        outputs.set(seq, output);
        return output;
      };
      const restoreString = (value: string) => blobs.restore(value);
      return rows.map((row) => {
        const data = holdsCallOutputReference(row.data) ? restoreCallOutputs(row.data, outputOf, restoreString) : unwrapStoredAsWritten(blobs.parse(row.data), row.data);
        const event = toRunEvent(row, data);
        if (event.type === 'llm.call') outputs.set(event.seq, event.data.output);
        return event;
      });
    },
    lastSeq(runId) {
      return selectLastSeq.get(runId) ?? 0;
    },
  };
}

function toRunEvent(row: EventRow, data: unknown): RunEvent {
  const event: Record<string, unknown> = { runId: row.run_id, seq: row.seq, ts: row.ts, type: row.type, data };
  if (row.node_id !== null) event.nodeId = row.node_id;
  if (row.attempt !== null) event.attempt = row.attempt;
  return parseRunEvent(event);
}
