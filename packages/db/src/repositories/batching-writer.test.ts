import type { RunEvent } from '@tandem/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventsFor, openTemporaryDatabase, samplePipeline, type TemporaryDatabase } from '../test-support.ts';
import { createBatchingWriter } from './batching-writer.ts';
import { createEventStore, type EventStore } from './event-store.ts';
import { createPipelinesRepository } from './pipelines-repository.ts';
import { createRunsRepository } from './runs-repository.ts';

describe('batching writer', () => {
  let temporary: TemporaryDatabase;
  let store: EventStore;
  beforeEach(() => {
    temporary = openTemporaryDatabase();
    createPipelinesRepository(temporary.database).createPipeline(samplePipeline('demo'));
    const runs = createRunsRepository(temporary.database);
    runs.createRun({ id: 'run-1', pipelineId: 'demo', version: 1, inputs: {} });
    runs.createRun({ id: 'run-2', pipelineId: 'demo', version: 1, inputs: {} });
    store = createEventStore(temporary.database);
  });
  afterEach(() => temporary.cleanup());

  it('commits after flushAfterMs and notifies only once the events are in the database', async () => {
    const writer = createBatchingWriter(store, { flushAfterMs: 5 });
    const seenInDatabase: number[] = [];
    const notified: RunEvent[][] = [];
    writer.onFlushed((events) => {
      notified.push([...events]);
      // Every notified event must already be readable from the database.
      seenInDatabase.push(store.readEvents('run-1').length);
    });
    for (const event of eventsFor('run-1', 0, [{ type: 'run.started' }, { type: 'step.delta', nodeId: 'a' }])) {
      writer.write(event);
    }
    expect(notified).toEqual([]);
    expect(store.readEvents('run-1')).toEqual([]);
    expect(writer.pendingCount).toBe(2);

    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(notified).toHaveLength(1);
    expect(notified[0]?.map((event) => event.seq)).toEqual([1, 2]);
    expect(seenInDatabase).toEqual([2]);
    expect(writer.pendingCount).toBe(0);
    writer.close();
  });

  it('commits an idle write on the next turn of the event loop, and waits for the window while busy', async () => {
    const writer = createBatchingWriter(store, { flushAfterMs: 300 });
    const commits: number[][] = [];
    writer.onFlushed((events) => commits.push(events.map((event) => event.seq)));
    const [first, second, third] = eventsFor('run-1', 0, [{ type: 'run.started' }, { type: 'step.started', nodeId: 'a' }, { type: 'step.delta', nodeId: 'a' }]);
    // Idle: events written together share one commit on the next turn, without waiting for the window.
    writer.write(first!);
    writer.write(second!);
    await new Promise((resolve) => setImmediate(resolve));
    expect(commits).toEqual([[1, 2]]);
    // Busy (a commit just happened): the next event waits for the window, so commits stay batched under load.
    writer.write(third!);
    await new Promise((resolve) => setImmediate(resolve));
    expect(commits).toHaveLength(1);
    expect(writer.pendingCount).toBe(1);
    await writer.flush();
    expect(commits).toEqual([[1, 2], [3]]);
    writer.close();
  });

  it('tells when what was written is committed, with the next batch rather than a transaction of its own', async () => {
    const writer = createBatchingWriter(store, { flushAfterMs: 300 });
    const commits: number[][] = [];
    writer.onFlushed((events) => commits.push(events.map((event) => event.seq)));
    await writer.whenCommitted();
    const [first, second, third] = eventsFor('run-1', 0, [{ type: 'run.started' }, { type: 'step.started', nodeId: 'a' }, { type: 'step.delta', nodeId: 'a' }]);
    writer.write(first!);
    const firstCommitted = writer.whenCommitted();
    writer.write(second!);
    await firstCommitted;
    expect(store.readEvents('run-1').map((event) => event.seq)).toEqual([1, 2]);
    writer.write(third!);
    const thirdCommitted = writer.whenCommitted();
    expect(writer.pendingCount).toBe(1);
    await thirdCommitted;
    expect(commits).toEqual([[1, 2], [3]]);
    writer.close();
  });

  it('commits at once when maxBatch events are pending', () => {
    const writer = createBatchingWriter(store, { maxBatch: 3, flushAfterMs: 10_000 });
    const sizes: number[] = [];
    writer.onFlushed((events) => sizes.push(events.length));
    const events = eventsFor('run-1', 0, Array.from({ length: 7 }, () => ({ type: 'step.delta' as const, nodeId: 'a' })));
    for (const event of events) writer.write(event);
    expect(sizes).toEqual([3, 3]);
    expect(store.lastSeq('run-1')).toBe(6);
    writer.close();
    expect(sizes).toEqual([3, 3, 1]);
    expect(store.lastSeq('run-1')).toBe(7);
    expect(() => writer.write(events[0]!)).toThrow(/closed/);
  });

  it('flush() resolves after the commit and rejects when nothing could be committed', async () => {
    const writer = createBatchingWriter(store, { flushAfterMs: 10_000 });
    const failures: number[] = [];
    writer.onError((_error, events) => failures.push(events.length));
    writer.write(eventsFor('run-1', 0, [{ type: 'run.started' }])[0]!);
    await writer.flush();
    expect(store.lastSeq('run-1')).toBe(1);

    writer.write(eventsFor('run-1', 0, [{ type: 'run.started' }])[0]!);
    await expect(writer.flush()).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(failures).toEqual([1]);
    writer.close();
  });

  it('isolates a faulty run so the other runs of the batch still commit', async () => {
    const writer = createBatchingWriter(store, { flushAfterMs: 10_000 });
    const committed: string[] = [];
    const failed: string[] = [];
    writer.onFlushed((events) => committed.push(...events.map((event) => `${event.runId}:${event.seq}`)));
    writer.onError((_error, events) => failed.push(...events.map((event) => `${event.runId}:${event.seq}`)));
    writer.write(eventsFor('run-1', 0, [{ type: 'run.started' }])[0]!);
    writer.write(eventsFor('run-2', 5, [{ type: 'run.started' }])[0]!);
    writer.write(eventsFor('run-1', 1, [{ type: 'run.waiting' }])[0]!);
    await expect(writer.flush()).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(committed).toEqual(['run-1:1', 'run-1:2']);
    expect(failed).toEqual(['run-2:6']);
    expect(store.lastSeq('run-1')).toBe(2);
    expect(store.lastSeq('run-2')).toBe(0);
    writer.close();
  });

  it('keeps notifying other listeners when one throws', () => {
    const writer = createBatchingWriter(store, { flushAfterMs: 10_000 });
    const errors: unknown[] = [];
    let calls = 0;
    writer.onError((error) => errors.push(error));
    writer.onFlushed(() => {
      throw new Error('listener bug');
    });
    const unsubscribe = writer.onFlushed(() => {
      calls += 1;
    });
    writer.write(eventsFor('run-1', 0, [{ type: 'run.started' }])[0]!);
    writer.flushSync();
    expect(calls).toBe(1);
    expect(errors).toHaveLength(1);
    unsubscribe();
    writer.write(eventsFor('run-1', 1, [{ type: 'run.waiting' }])[0]!);
    writer.close();
    expect(calls).toBe(1);
  });
});
