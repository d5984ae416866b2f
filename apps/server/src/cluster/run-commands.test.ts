import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError, type PipelineDocument } from '@tandem/shared';
import { createSqliteRunStore, openDatabase, type RunStore, type TandemDatabase } from '@tandem/db';
import { testEvent } from '@tandem/shared/testing';
import { createLocalClusterSignals } from './cluster-signals.ts';
import { cancelRun, submitAnswer } from './run-commands.ts';

const document: PipelineDocument = {
  schema: 'tandem.pipeline/v1',
  id: 'approval',
  name: 'Approval',
  inputs: { type: 'object', properties: {} },
  nodes: [
    { id: 'input', kind: 'input', position: { x: 0, y: 0 }, config: {} },
    { id: 'approve', kind: 'user', position: { x: 200, y: 0 }, config: { title: 'Approve?', value: 'draft' } },
    { id: 'out', kind: 'output', position: { x: 400, y: 0 }, config: { value: '{{approve.value}}' } },
  ],
  edges: [
    { id: 'e1', source: 'input', target: 'approve' },
    { id: 'e2', source: 'approve', target: 'out' },
  ],
};

async function errorOf(action: Promise<unknown>): Promise<StudioError> {
  try {
    await action;
  } catch (error) {
    if (StudioError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a StudioError');
}

describe('commands a web node writes to a run no worker holds', () => {
  let database: TandemDatabase;
  let store: RunStore;
  beforeEach(async () => {
    database = openDatabase(':memory:');
    store = createSqliteRunStore(database);
    await store.createPipeline(document);
    await store.createRun({ id: 'run-1', pipelineId: 'approval', version: 1, inputs: {} });
    const waiting = [
      testEvent('run.started', {}, { runId: 'run-1', seq: 1, ts: 10 }),
      testEvent('user.waiting', { title: 'Approve?', value: 'draft' }, { runId: 'run-1', seq: 2, ts: 11, nodeId: 'approve', attempt: 1 }),
      testEvent('run.waiting', {}, { runId: 'run-1', seq: 3, ts: 12 }),
    ];
    await store.append(waiting, [{ runId: 'run-1', status: 'waiting', requests: [{ nodeId: 'approve', title: 'Approve?', value: 'draft', createdAt: 11 }] }]);
  });
  afterEach(() => database.close());

  it('takes one answer even when a second node checked the run before the first answer landed', async () => {
    const stale = (await store.getRun('run-1'))!;
    const staleWaitpoint = (await store.getWaitpoint('run-1', 'approve'))!;
    // The second node read the run and its waitpoint while they were still waiting.
    const lateNode: RunStore = { ...store, getRun: async () => stale, getWaitpoint: async () => staleWaitpoint };
    expect((await submitAnswer({ store }, 'run-1', 'approve', { decision: 'approved', value: 'first' })).status).toBe('running');
    expect((await errorOf(submitAnswer({ store: lateNode }, 'run-1', 'approve', { decision: 'rejected', value: 'second' }))).code).toBe('STEP_NOT_WAITING');
    const events = await store.readEvents('run-1');
    expect(events.filter((event) => event.type === 'user.submitted').map((event) => event.data)).toEqual([{ decision: 'approved', value: 'first' }]);
    expect((await store.getWaitpoint('run-1', 'approve'))?.submittedValue).toBe('first');
  });

  it('cancels a paused run at once, with its end in the log, and refuses a second cancel', async () => {
    const signals = createLocalClusterSignals();
    const cancelled = await cancelRun({ store, signals }, 'run-1');
    expect(cancelled).toMatchObject({ status: 'cancelled' });
    expect((await store.readEvents('run-1')).at(-1)).toMatchObject({ seq: 4, type: 'run.cancelled' });
    expect((await errorOf(cancelRun({ store, signals }, 'run-1'))).code).toBe('RUN_ALREADY_FINISHED');
  });

  it('asks the worker holding a run to cancel it instead of writing over its lease', async () => {
    await store.createRun({ id: 'run-2', pipelineId: 'approval', version: 1, inputs: {} });
    expect(await store.claim('run-2', 'worker-a', 60_000)).toBeDefined();
    const signals = createLocalClusterSignals();
    const asked: string[] = [];
    signals.onCancelRequested((runId) => asked.push(runId));
    const answer = await cancelRun({ store, signals }, 'run-2', 300);
    expect(asked.length).toBeGreaterThan(0);
    expect(new Set(asked)).toEqual(new Set(['run-2']));
    // Its worker did not answer within the time given: the run is answered as it stands, nothing written.
    expect(answer.status).toBe('queued');
    expect(await store.readEvents('run-2')).toEqual([]);
  });
});
