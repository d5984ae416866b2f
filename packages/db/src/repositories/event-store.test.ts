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

  it('writes the projection it is given with the events, and keeps the first request time of a reopened wait', () => {
    store.append(eventsFor('run-1', 0, [{ type: 'run.started', ts: 100 }]), [{ runId: 'run-1', status: 'running' }]);
    expect(runs.get('run-1')?.status).toBe('running');
    store.append(eventsFor('run-1', 1, [{ type: 'run.completed', ts: 130, data: { outputs: { out: 'done' } } }]), [
      { runId: 'run-1', status: 'completed', outputs: { out: 'done' }, finishedAt: 130 },
    ]);
    expect(runs.get('run-1')).toMatchObject({ status: 'completed', outputs: { out: 'done' }, finishedAt: 130 });
    expect(store.lastSeq('run-1')).toBe(2);

    store.append(eventsFor('run-2', 0, [{ type: 'run.started' }, { type: 'run.failed', ts: 200 }]), [
      { runId: 'run-2', status: 'failed', error: { code: 'NODE_RUN_FAILED', message: 'boom', nodeId: 'a' }, finishedAt: 200 },
    ]);
    expect(runs.get('run-2')).toMatchObject({ status: 'failed', error: { code: 'NODE_RUN_FAILED', message: 'boom', nodeId: 'a' }, finishedAt: 200 });
  });

  it('advances last_seq without touching the status when no projection is given', () => {
    store.append(eventsFor('run-1', 0, [{ type: 'run.started' }, { type: 'step.started', nodeId: 'llm', attempt: 1 }]));
    expect(store.lastSeq('run-1')).toBe(2);
    expect(runs.get('run-1')?.status).toBe('queued');
  });

  it('records person requests and answers from projections', () => {
    const inbox = createInboxRepository(temporary.database);
    store.append(eventsFor('run-1', 0, [{ type: 'run.started' }, { type: 'user.waiting', nodeId: 'approve', ts: 500 }, { type: 'run.waiting' }]), [
      { runId: 'run-1', status: 'waiting', requests: [{ nodeId: 'approve', title: 'Approve?', instructions: 'Read it', value: { draft: 'v1' }, createdAt: 500 }] },
    ]);
    expect(inbox.listWaiting()).toEqual([
      { runId: 'run-1', nodeId: 'approve', pipelineId: 'demo', pipelineName: 'Demo', title: 'Approve?', instructions: 'Read it', value: { draft: 'v1' }, since: 500 },
    ]);
    store.append(eventsFor('run-1', 3, [{ type: 'user.submitted', nodeId: 'approve', ts: 600 }]), [
      { runId: 'run-1', status: 'running', answers: [{ nodeId: 'approve', decision: 'approved', value: { draft: 'v2' }, at: 600 }] },
    ]);
    expect(inbox.listWaiting()).toEqual([]);
    expect(inbox.getWaitpoint('run-1', 'approve')).toMatchObject({ submittedAt: 600, decision: 'approved', submittedValue: { draft: 'v2' }, createdAt: 500 });
    expect(inbox.getWaitpoint('run-1', 'other')).toBeUndefined();
  });

  it('hides waitpoints of finished runs from the inbox', () => {
    const inbox = createInboxRepository(temporary.database);
    store.append(eventsFor('run-1', 0, [{ type: 'run.started' }, { type: 'user.waiting', nodeId: 'approve' }, { type: 'run.cancelled' }]), [
      { runId: 'run-1', status: 'cancelled', finishedAt: 3, requests: [{ nodeId: 'approve', title: 'Approve?', value: null, createdAt: 2 }] },
    ]);
    expect(inbox.listWaiting()).toEqual([]);
  });

  it('refuses to read back an event this version cannot read, naming the field', () => {
    temporary.database.sqlite
      .prepare("INSERT INTO run_events (run_id, seq, ts, type, node_id, attempt, data) VALUES ('run-1', 1, 1, 'step.completed', 'a', 1, '{\"output\":1}')")
      .run();
    expect(() => store.readEvents('run-1')).toThrow(/durationMs/);
  });

  it('rejects a repeated seq and rolls back the whole batch', () => {
    store.append(eventsFor('run-1', 0, [{ type: 'run.started' }]), [{ runId: 'run-1', status: 'running' }]);
    const batch: RunEvent[] = [
      ...eventsFor('run-2', 0, [{ type: 'run.started' }, { type: 'step.completed', nodeId: 'a', data: { output: 1 } }]),
      ...eventsFor('run-1', 0, [{ type: 'run.completed', data: { outputs: {} } }]),
    ];
    const projections = [
      { runId: 'run-2', status: 'running' as const },
      { runId: 'run-1', status: 'completed' as const, outputs: {} },
    ];
    expect(studioErrorOf(() => store.append(batch, projections)).code).toBe('CONFLICT');
    expect(store.readEvents('run-2')).toEqual([]);
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
      Array.from({ length: 10 }, (_, index) => ({ type: 'step.delta' as const, nodeId: 'n', attempt: 1, data: { text: `t${index}` } })),
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
      [{ runId: 'run-1', status: 'completed', outputs: { out: 42 }, finishedAt: 3 }],
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
    expect(reopenedStore.readEvents('run-1')[1]).toMatchObject({ type: 'step.completed', data: { output: { prompt: 'x' } } });
  });
});
