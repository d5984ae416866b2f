import type { RunEvent } from '@tandem/shared';
import { foldRunSummary } from '@tandem/engine';
import type { RunStore } from '@tandem/db';
import { projectRunBatch } from '../services/run-projector.ts';

/** Writes one run's events from the worker executing it. */
export interface RunLogWriter {
  /** Queues an event (the executor's `onEvent`); it commits with the next batch. */
  write(event: RunEvent): void;
  /** Commits everything written so far; rejects with the error that stopped the log (e.g. RUN_LEASE_LOST). */
  flush(): Promise<void>;
}

/** Options of {@link createRunLogWriter}. */
export interface RunLogWriterOptions {
  store: RunStore;
  runId: string;
  /** The worker holding the run's lease: every batch is fenced by it. */
  owner: string;
  /** The committed log the execution continues. */
  history: readonly RunEvent[];
  /** Masks secrets in each event before it is stored. */
  redact?: (event: RunEvent) => RunEvent;
  /** A batch commits this long after its first event (default 5 ms), or at `flush()`. */
  flushAfterMs?: number;
  /** Called once when a batch is refused: the execution must stop (nothing after it is written). */
  onFailure(error: unknown): void;
  /** Told each batch once it is committed (the request log records its model calls). */
  onCommitted?(events: readonly RunEvent[]): void;
}

/**
 * Batches a run's events and commits each batch with the projection the worker's own fold of the run
 * implies (status, outputs, person requests), one batch at a time and in order. After a refused batch
 * nothing more is written, so the stored log never has a gap.
 */
export function createRunLogWriter(options: RunLogWriterOptions): RunLogWriter {
  const { store, runId, owner } = options;
  const flushAfterMs = options.flushAfterMs ?? 5;
  const summary = foldRunSummary(options.history);
  let pending: RunEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | undefined;

  function commitPending(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0 || failure) return chain;
    const batch = pending;
    pending = [];
    chain = chain.then(async () => {
      if (failure) return;
      try {
        // The summary moves on with the batch; a refused batch stops the log, so it is never read again.
        const projection = projectRunBatch(summary, runId, batch);
        await store.append(batch, [projection], { leaseOwner: owner });
        options.onCommitted?.(batch);
      } catch (error) {
        failure = { error };
        options.onFailure(error);
      }
    });
    return chain;
  }

  return {
    write(event) {
      if (failure) return;
      pending.push(options.redact ? options.redact(event) : event);
      timer ??= setTimeout(() => void commitPending(), flushAfterMs);
    },
    async flush() {
      await commitPending();
      if (failure) throw failure.error;
    },
  };
}
