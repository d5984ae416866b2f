import type { RunEvent } from '@tandem/shared';
import type { EventStore } from './event-store.ts';
import type { RunProjection } from './run-projections.ts';

/** Options of {@link createBatchingWriter}. */
export interface BatchingWriterOptions {
  /** Commit as soon as this many events are pending. Default 256. */
  maxBatch?: number;
  /**
   * Under load, commits at most once per this many milliseconds (events written meanwhile wait for the
   * next commit). When the writer has not committed for that long, an event commits at once (on the next
   * turn of the event loop, so a burst of events written together still shares one transaction).
   * Default 5 ms.
   */
  flushAfterMs?: number;
  /**
   * What the events of one transaction imply for their runs (status, outputs, person requests), written
   * in that same transaction. Called again with a smaller set when a transaction is retried per run.
   */
  project?: (events: readonly RunEvent[]) => readonly RunProjection[];
}

/** Called with the events of one commit, in order, after the commit. */
export type FlushedListener = (events: readonly RunEvent[]) => void;

/**
 * Called when events could not be committed (by a background flush or an explicit one); those events are
 * not in the database and were dropped. Also called with `[]` when a flushed listener throws.
 */
export type FlushErrorListener = (error: unknown, events: readonly RunEvent[]) => void;

/**
 * Groups events into few transactions. Listeners see an event only after the transaction holding it
 * committed, so a subscriber never sees an event the database does not hold (RELIABILITY.md §2.2).
 */
export interface BatchingWriter {
  /** Queues an event; it commits within `flushAfterMs`, or at once when `maxBatch` events are pending. */
  write(event: RunEvent): void;
  /** Commits every pending event now; resolves after the commit, rejects when some could not be committed. */
  flush(): Promise<void>;
  /**
   * Resolves once every event written so far is committed, by the next batch rather than a transaction
   * of its own (rejects when some of them could not be committed).
   */
  whenCommitted(): Promise<void>;
  /** As `flush`, synchronously: returns after the commit, throws when some events could not be committed. */
  flushSync(): void;
  /** Registers a listener called after each commit; returns a function that removes it. */
  onFlushed(listener: FlushedListener): () => void;
  /** Registers a listener for failed background commits; returns a function that removes it. */
  onError(listener: FlushErrorListener): () => void;
  /** Number of events written and not yet committed. */
  readonly pendingCount: number;
  /** Commits what is pending and stops the timer; `write` throws afterwards. */
  close(): void;
}

/**
 * Creates a batching writer over an event store. When a batch fails (a bug such as a repeated seq),
 * each run's events are retried in their own transaction so one faulty run does not drop the events
 * of the others; the events that still fail are reported and dropped.
 */
export function createBatchingWriter(store: EventStore, options: BatchingWriterOptions = {}): BatchingWriter {
  const maxBatch = Math.max(1, options.maxBatch ?? 256);
  const flushAfterMs = Math.max(0, options.flushAfterMs ?? 5);
  const flushedListeners = new Set<FlushedListener>();
  const errorListeners = new Set<FlushErrorListener>();
  let pending: RunEvent[] = [];
  let scheduled: { cancel(): void } | undefined;
  let waiters: { resolve(): void; reject(error: unknown): void }[] = [];
  let lastCommitAt = Number.NEGATIVE_INFINITY;
  let closed = false;

  function notifyFlushed(events: readonly RunEvent[]): void {
    for (const listener of flushedListeners) {
      try {
        listener(events);
      } catch (error) {
        reportError(error, []);
      }
    }
  }

  function reportError(error: unknown, events: readonly RunEvent[]): void {
    if (errorListeners.size === 0) {
      console.error('[tandem/db] event batch failed', error);
      return;
    }
    for (const listener of errorListeners) {
      try {
        listener(error, events);
      } catch (listenerError) {
        console.error('[tandem/db] batching writer error listener failed', listenerError);
      }
    }
  }

  /** Commits `batch`, falling back to one transaction per run on failure; reports and returns the first error. */
  function commit(batch: RunEvent[]): unknown {
    const batchError = tryAppend(batch);
    if (batchError === undefined) {
      notifyFlushed(batch);
      return undefined;
    }
    const groups = groupByRun(batch);
    if (groups.length === 1) {
      reportError(batchError, batch);
      return batchError;
    }
    let firstError: unknown;
    for (const runEvents of groups) {
      const error = tryAppend(runEvents);
      if (error === undefined) {
        notifyFlushed(runEvents);
      } else {
        firstError ??= error;
        reportError(error, runEvents);
      }
    }
    return firstError;
  }

  /** Appends in one transaction; answers the error instead of throwing it. */
  function tryAppend(events: readonly RunEvent[]): unknown {
    try {
      store.append(events, options.project?.(events));
      return undefined;
    } catch (error) {
      return error ?? new Error('append failed');
    }
  }

  function flushSync(): void {
    scheduled?.cancel();
    scheduled = undefined;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const waiting = waiters;
    waiters = [];
    lastCommitAt = performance.now();
    const error = commit(batch);
    for (const waiter of waiting) {
      if (error === undefined) waiter.resolve();
      else waiter.reject(error);
    }
    if (error !== undefined) throw error;
  }

  function schedule(delayMs: number): { cancel(): void } {
    return scheduleAfter(delayMs, flushInBackground);
  }

  function flushInBackground(): void {
    try {
      flushSync();
    } catch {
      // Already reported to the error listeners by commit().
    }
  }

  return {
    write(event) {
      if (closed) throw new Error('The batching writer is closed');
      pending.push(event);
      if (pending.length >= maxBatch) flushInBackground();
      else if (scheduled === undefined) scheduled = schedule(flushAfterMs - (performance.now() - lastCommitAt));
    },
    flush() {
      try {
        flushSync();
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error);
      }
    },
    flushSync,
    whenCommitted() {
      if (pending.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => waiters.push({ resolve, reject }));
    },
    onFlushed(listener) {
      flushedListeners.add(listener);
      return () => flushedListeners.delete(listener);
    },
    onError(listener) {
      errorListeners.add(listener);
      return () => errorListeners.delete(listener);
    },
    get pendingCount() {
      return pending.length;
    },
    close() {
      closed = true;
      flushSync();
    },
  };
}

/** Runs the background flush after `delayMs`, or on the next turn of the event loop when the delay is over. */
function scheduleAfter(delayMs: number, flush: () => void): { cancel(): void } {
  if (delayMs <= 0) {
    const immediate = setImmediate(flush);
    return { cancel: () => clearImmediate(immediate) };
  }
  const timer = setTimeout(flush, delayMs);
  return { cancel: () => clearTimeout(timer) };
}

function groupByRun(events: readonly RunEvent[]): RunEvent[][] {
  const groups = new Map<string, RunEvent[]>();
  for (const event of events) {
    const group = groups.get(event.runId);
    if (group) group.push(event);
    else groups.set(event.runId, [event]);
  }
  return [...groups.values()];
}
