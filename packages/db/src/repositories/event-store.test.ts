import type { RunEvent } from '@tandem/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventsFor, openTemporaryDatabase, samplePipeline, type TemporaryDatabase, studioErrorOf } from '../test-support.ts';
import { createEventStore, type EventStore } from './event-store.ts';
import { createInboxRepository } from './inbox-repository.ts';
import { createPipelinesRepository } from './pipelines-repository.ts';
import { createRunsRepository, type RunsRepository } from './runs-repository.ts';

describe('event store', () => {
  let temporary: TemporaryDatabase;
  let store: EventStore;
  let runs: RunsRepository;
  beforeEach(() => {
    temporary = openTemporaryDatabase();
    createPipelinesRepository(temporary.database).createPipeline(samplePipeline('demo', 'Demo'));
    runs = createRunsRepository(temporary.database);
    runs.createRun({ id: 'run-1', pipelineId: 'demo', version: 1, inputs: { prompt: 'x' } });
    runs.createRun({ id: 'run-2', pipelineId: 'demo', version: 1, inputs: {} });
    store = createEventStore(temporary.database);
  });
  afterEach(() => temporary.cleanup());

  it('derives run status, outputs and finished time from run events', () => {
    store.append(eventsFor('run-1', 0, [{ type: 'run.started', ts: 100 }]));
    expect(runs.get('run-1')?.status).toBe('running');
    store.append(eventsFor('run-1', 1, [{ type: 'run.waiting', ts: 110 }]));
    expect(runs.get('run-1')?.status).toBe('waiting');
    store.append(eventsFor('run-1', 2, [{ type: 'run.resumed', ts: 120 }]));
    expect(runs.get('run-1')?.status).toBe('running');
    store.append(eventsFor('run-1', 3, [{ type: 'run.completed', ts: 130, data: { outputs: { out: 'done' } } }]));
    expect(runs.get('run-1')).toMatchObject({ status: 'completed', outputs: { out: 'done' }, finishedAt: 130 });
    expect(store.lastSeq('run-1')).toBe(4);

    store.append(
      eventsFor('run-2', 0, [
        { type: 'run.started' },
        { type: 'run.failed', ts: 200, data: { error: { code: 'NODE_RUN_FAILED', message: 'boom', nodeId: 'a' } } },
      ]),
    );
    expect(runs.get('run-2')).toMatchObject({
      status: 'failed',
      error: { code: 'NODE_RUN_FAILED', message: 'boom', nodeId: 'a' },
      finishedAt: 200,
    });
  });

  it('derives cancelled runs', () => {
    store.append(eventsFor('run-1', 0, [{ type: 'run.started' }, { type: 'run.cancelled', ts: 300 }]));
    expect(runs.get('run-1')).toMatchObject({ status: 'cancelled', finishedAt: 300 });
    expect(runs.get('run-1')).not.toHaveProperty('error');
  });

  it('derives step results, keeping the first result of an attempt', () => {
    store.append(
      eventsFor('run-1', 0, [
        { type: 'run.started' },
        { type: 'step.started', nodeId: 'llm', attempt: 1, ts: 10 },
        { type: 'step.delta', nodeId: 'llm', attempt: 1, data: { text: 'he' } },
        { type: 'step.failed', nodeId: 'llm', attempt: 1, ts: 20, data: { error: { code: 'PROVIDER_ERROR', message: 'x' } } },
        { type: 'step.started', nodeId: 'llm', attempt: 2, ts: 30 },
      ]),
    );
    // Only finished attempts have a row; the one in flight is known from its step.started event.
    expect(store.readStepResults('run-1').map((result) => [result.attempt, result.status])).toEqual([[1, 'failed']]);
    store.append(
      eventsFor('run-1', 5, [
        { type: 'step.completed', nodeId: 'llm', attempt: 2, ts: 40, data: { output: { text: 'hello' }, durationMs: 10 } },
        { type: 'step.completed', nodeId: 'input', ts: 41, data: { output: { prompt: 'x' } } },
        { type: 'step.completed', nodeId: 'llm', attempt: 2, ts: 50, data: { output: { text: 'overwritten?' } } },
      ]),
    );
    const results = store.readStepResults('run-1');
    expect(results.find((result) => result.nodeId === 'llm' && result.attempt === 2)).toEqual({
      runId: 'run-1',
      nodeId: 'llm',
      attempt: 2,
      status: 'succeeded',
      output: { text: 'hello' },
      startedAt: 30,
      finishedAt: 40,
    });
    expect(results.find((result) => result.nodeId === 'input')).toMatchObject({ attempt: 1, startedAt: 41 });
    expect(results.find((result) => result.attempt === 1 && result.nodeId === 'llm')?.error).toEqual({
      code: 'PROVIDER_ERROR',
      message: 'x',
    });
  });

  it('derives waitpoints from user.waiting and user.submitted', () => {
    const inbox = createInboxRepository(temporary.database);
    store.append(
      eventsFor('run-1', 0, [
        { type: 'run.started' },
        {
          type: 'user.waiting',
          nodeId: 'approve',
          ts: 500,
          data: { title: 'Approve?', instructions: 'Read it', value: { draft: 'v1' } },
        },
        { type: 'run.waiting' },
      ]),
    );
    expect(inbox.listWaiting()).toEqual([
      {
        runId: 'run-1',
        nodeId: 'approve',
        pipelineId: 'demo',
        pipelineName: 'Demo',
        title: 'Approve?',
        instructions: 'Read it',
        value: { draft: 'v1' },
        since: 500,
      },
    ]);
    store.append(
      eventsFor('run-1', 3, [
        { type: 'user.submitted', nodeId: 'approve', ts: 600, data: { decision: 'approved', value: { draft: 'v2' } } },
      ]),
    );
    expect(inbox.listWaiting()).toEqual([]);
    expect(inbox.getWaitpoint('run-1', 'approve')).toMatchObject({
      submittedAt: 600,
      decision: 'approved',
      submittedValue: { draft: 'v2' },
      createdAt: 500,
    });
    expect(inbox.getWaitpoint('run-1', 'other')).toBeUndefined();
  });

  it('hides waitpoints of finished runs from the inbox', () => {
    const inbox = createInboxRepository(temporary.database);
    store.append(
      eventsFor('run-1', 0, [
        { type: 'run.started' },
        { type: 'user.waiting', nodeId: 'approve', data: { title: 'Approve?' } },
        { type: 'run.cancelled' },
      ]),
    );
    expect(inbox.listWaiting()).toEqual([]);
  });

  it('rejects a repeated seq and rolls back the whole batch', () => {
    store.append(eventsFor('run-1', 0, [{ type: 'run.started' }]));
    const batch: RunEvent[] = [
      ...eventsFor('run-2', 0, [{ type: 'run.started' }, { type: 'step.completed', nodeId: 'a', data: { output: 1 } }]),
      ...eventsFor('run-1', 0, [{ type: 'run.completed', data: { outputs: {} } }]),
    ];
    expect(studioErrorOf(() => store.append(batch)).code).toBe('CONFLICT');
    expect(store.readEvents('run-2')).toEqual([]);
    expect(store.readStepResults('run-2')).toEqual([]);
    expect(runs.get('run-2')?.status).toBe('queued');
    expect(store.lastSeq('run-1')).toBe(1);
    expect(runs.get('run-1')?.status).toBe('running');
  });

  it('rejects gaps, unknown runs and step events without a node id', () => {
    expect(studioErrorOf(() => store.append(eventsFor('run-1', 1, [{ type: 'run.started' }]))).code).toBe('CONFLICT');
    expect(studioErrorOf(() => store.append(eventsFor('nope', 0, [{ type: 'run.started' }]))).code).toBe('RUN_NOT_FOUND');
    expect(studioErrorOf(() => store.append(eventsFor('run-1', 0, [{ type: 'step.completed' }]))).code).toBe(
      'VALIDATION_FAILED',
    );
    expect(store.lastSeq('run-1')).toBe(0);
  });

  it('reads events after a seq, in order, with a limit', () => {
    const events = eventsFor(
      'run-1',
      0,
      Array.from({ length: 10 }, (_, index) => ({ type: 'step.delta' as const, nodeId: 'n', attempt: 1, data: { index } })),
    );
    store.append(events);
    expect(store.readEvents('run-1')).toEqual(events);
    expect(store.readEvents('run-1', 7).map((event) => event.seq)).toEqual([8, 9, 10]);
    expect(store.readEvents('run-1', 2, 3).map((event) => event.seq)).toEqual([3, 4, 5]);
    expect(store.readEvents('run-1', 10)).toEqual([]);
    expect(store.readEvents('run-2')).toEqual([]);
    expect(store.lastSeq('nope')).toBe(0);
  });

  it('keeps events and derived state across close and reopen', () => {
    store.append(
      eventsFor('run-1', 0, [
        { type: 'run.started' },
        { type: 'step.completed', nodeId: 'input', data: { output: { prompt: 'x' } } },
        { type: 'run.completed', data: { outputs: { out: 42 } } },
      ]),
    );
    const reopened = temporary.reopen();
    const reopenedStore = createEventStore(reopened);
    expect(reopenedStore.readEvents('run-1').map((event) => event.type)).toEqual([
      'run.started',
      'step.completed',
      'run.completed',
    ]);
    expect(reopenedStore.lastSeq('run-1')).toBe(3);
    expect(createRunsRepository(reopened).get('run-1')).toMatchObject({ status: 'completed', outputs: { out: 42 } });
    expect(reopenedStore.readStepResults('run-1')).toHaveLength(1);
  });
});
