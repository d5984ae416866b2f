import type { RunJobHandler, RunQueue } from './run-queue.ts';

/**
 * The run queue of a single process: ids go straight to the consumer in the same process, in order,
 * with at most `concurrency` handlers at a time; ids enqueued before a consumer exists wait for it.
 * Nothing survives a restart, which is fine here: a restarted process finds its unfinished runs in
 * the database (queued or running without a live lease) and enqueues them again.
 */
export function createInProcessRunQueue(): RunQueue {
  const waiting: string[] = [];
  let handler: RunJobHandler | undefined;
  let limit = 0;
  let running = 0;
  let closed = false;

  function pump(): void {
    while (handler && !closed && running < limit && waiting.length > 0) {
      const runId = waiting.shift()!;
      running++;
      void handler(runId)
        .catch((error: unknown) => console.error(`Run ${runId} could not be executed`, error))
        .finally(() => {
          running--;
          pump();
        });
    }
  }

  return {
    async enqueue(runId) {
      if (closed) return;
      waiting.push(runId);
      pump();
    },
    async consume(next, { concurrency }) {
      handler = next;
      limit = Math.max(1, concurrency);
      pump();
    },
    async close() {
      closed = true;
      waiting.length = 0;
    },
  };
}
