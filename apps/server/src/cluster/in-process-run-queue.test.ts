import { describe, expect, it } from 'vitest';
import { createInProcessRunQueue } from './in-process-run-queue.ts';

describe('the in-process run queue', () => {
  it('keeps ids enqueued before a consumer, then runs at most `concurrency` handlers at a time, in order', async () => {
    const queue = createInProcessRunQueue();
    for (const id of ['a', 'b', 'c', 'd', 'e']) await queue.enqueue(id);
    const started: string[] = [];
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    await queue.consume(
      (runId) =>
        new Promise<void>((resolve) => {
          started.push(runId);
          most = Math.max(most, ++running);
          releases.push(() => {
            running--;
            resolve();
          });
        }),
      { concurrency: 2 },
    );
    expect(started).toEqual(['a', 'b']);
    while (started.length < 5 || releases.length > 0) {
      releases.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    expect(started).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(most).toBe(2);
  });

  it('keeps consuming after a handler throws, and takes nothing once closed', async () => {
    const queue = createInProcessRunQueue();
    const seen: string[] = [];
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      await queue.consume(async (runId) => {
        seen.push(runId);
        if (runId === 'bad') throw new Error('boom');
      }, { concurrency: 1 });
      await queue.enqueue('bad');
      await queue.enqueue('good');
      await new Promise((resolve) => setTimeout(resolve, 10));
      await queue.close();
      await queue.enqueue('late');
      await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      console.error = original;
    }
    expect(seen).toEqual(['bad', 'good']);
    expect(errors).toHaveLength(1);
  });
});
