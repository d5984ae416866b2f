/**
 * The behaviour every RunStore adapter must have, as one suite run against each (SQLite and Postgres):
 * see sqlite-run-store.test.ts and ../pg/pg-run-store.test.ts. Not exported from the package entry point.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventsFor, samplePipeline, studioRejectionOf } from '../test-support.ts';
import type { RunStore } from './run-store.ts';

/** An adapter under test and how to dispose of it. */
export interface OpenedRunStore {
  store: RunStore;
  close(): Promise<void>;
}

/** Declares the contract suite for one adapter; `open` gives a store over an empty database. */
export function describeRunStoreContract(adapter: string, open: () => Promise<OpenedRunStore>): void {
  describe(`run store contract (${adapter})`, () => {
    let opened: OpenedRunStore;
    let store: RunStore;
    beforeEach(async () => {
      opened = await open();
      store = opened.store;
      await store.createPipeline(samplePipeline('demo', 'Demo'));
      await store.createRun({ id: 'run-1', pipelineId: 'demo', version: 1, inputs: { prompt: 'x' } });
      await store.createRun({ id: 'run-2', pipelineId: 'demo', version: 1, inputs: {} });
    });
    afterEach(async () => {
      await opened.close();
    });

    it('stores pipelines and reads the exact version back', async () => {
      expect(await store.latestVersion('demo')).toBe(1);
      expect(await store.getDocument('demo', 1)).toEqual(samplePipeline('demo', 'Demo'));
      expect(await store.getDocument('demo', 2)).toBeUndefined();
      expect(await store.latestVersion('missing')).toBeUndefined();
      expect((await studioRejectionOf(() => store.createPipeline(samplePipeline('demo')))).code).toBe('CONFLICT');
    });

    it('creates queued runs and refuses unknown versions, parents and taken ids', async () => {
      const child = await store.createRun({ id: 'child', pipelineId: 'demo', version: 1, inputs: { prompt: 'é 🚀' }, parentRunId: 'run-1', parentNodeId: 'n' });
      expect(child).toMatchObject({ id: 'child', status: 'queued', parentRunId: 'run-1', inputs: { prompt: 'é 🚀' } });
      expect(await store.getRun('child')).toMatchObject({ id: 'child', status: 'queued', lastSeq: 0, parentRunId: 'run-1', inputs: { prompt: 'é 🚀' } });
      expect((await studioRejectionOf(() => store.createRun({ id: 'x', pipelineId: 'demo', version: 9, inputs: {} }))).code).toBe('PIPELINE_NOT_FOUND');
      expect((await studioRejectionOf(() => store.createRun({ id: 'x', pipelineId: 'demo', version: 1, inputs: {}, parentRunId: 'nope' }))).code).toBe('RUN_NOT_FOUND');
      expect((await studioRejectionOf(() => store.createRun({ id: 'run-1', pipelineId: 'demo', version: 1, inputs: {} }))).code).toBe('CONFLICT');
      expect(await store.getRun('missing')).toBeUndefined();
    });

    it('appends a contiguous log with its projection and reads it back in pages', async () => {
      const data = { outputs: { out: { b: 1, a: 'quote " and \\\\ backslash', long: 'x'.repeat(20_000) } } };
      await store.append(eventsFor('run-1', 0, [{ type: 'run.started', ts: 100 }, { type: 'step.started', nodeId: 'approve', attempt: 1 }]), [{ runId: 'run-1', status: 'running' }]);
      await store.append(eventsFor('run-1', 2, [{ type: 'run.completed', ts: 130, data }]), [{ runId: 'run-1', status: 'completed', outputs: data.outputs, finishedAt: 130 }]);
      const events = await store.readEvents('run-1');
      expect(events.map((event) => event.seq)).toEqual([1, 2, 3]);
      expect(events[1]).toMatchObject({ type: 'step.started', nodeId: 'approve', attempt: 1 });
      // The data comes back as written, key order included.
      expect(JSON.stringify(events[2]!.data)).toBe(JSON.stringify(data));
      expect((await store.readEvents('run-1', 1, 1)).map((event) => event.seq)).toEqual([2]);
      expect(await store.getRun('run-1')).toMatchObject({ status: 'completed', outputs: data.outputs, finishedAt: 130, lastSeq: 3 });
    });

    it('refuses a gap, a repeat, an unknown run and a step event without node, writing nothing of the batch', async () => {
      await store.append(eventsFor('run-1', 0, [{ type: 'run.started' }]), []);
      expect((await studioRejectionOf(() => store.append(eventsFor('run-1', 2, [{ type: 'run.completed' }]), []))).code).toBe('CONFLICT');
      expect((await studioRejectionOf(() => store.append(eventsFor('run-1', 0, [{ type: 'run.started' }]), []))).code).toBe('CONFLICT');
      expect((await studioRejectionOf(() => store.append(eventsFor('ghost', 0, [{ type: 'run.started' }]), []))).code).toBe('RUN_NOT_FOUND');
      const stepWithoutNode = eventsFor('run-2', 0, [{ type: 'run.started' }, { type: 'step.started', nodeId: 'a', attempt: 1 }]);
      delete (stepWithoutNode[1] as { nodeId?: string }).nodeId;
      expect((await studioRejectionOf(() => store.append(stepWithoutNode, []))).code).toBe('VALIDATION_FAILED');
      // A batch over two runs where the second does not continue its log: the first run's events are not written either.
      const mixed = [...eventsFor('run-2', 0, [{ type: 'run.started' }]), ...eventsFor('run-1', 5, [{ type: 'run.completed' }])];
      expect((await studioRejectionOf(() => store.append(mixed, [{ runId: 'run-2', status: 'running' }]))).code).toBe('CONFLICT');
      expect(await store.readEvents('run-2')).toEqual([]);
      expect(await store.getRun('run-2')).toMatchObject({ status: 'queued', lastSeq: 0 });
      expect((await store.readEvents('run-1')).map((event) => event.seq)).toEqual([1]);
    });

    it('records person requests and answers', async () => {
      await store.append(eventsFor('run-1', 0, [{ type: 'run.started' }, { type: 'user.waiting', nodeId: 'approve', ts: 500 }, { type: 'run.waiting' }]), [
        { runId: 'run-1', status: 'waiting', requests: [{ nodeId: 'approve', title: 'Approve?', instructions: 'Read it', value: { draft: 'v1' }, createdAt: 500 }] },
      ]);
      expect(await store.getWaitpoint('run-1', 'approve')).toEqual({ runId: 'run-1', nodeId: 'approve', title: 'Approve?', instructions: 'Read it', value: { draft: 'v1' }, createdAt: 500 });
      await store.append(eventsFor('run-1', 3, [{ type: 'user.submitted', nodeId: 'approve', ts: 600 }]), [
        { runId: 'run-1', status: 'running', answers: [{ nodeId: 'approve', decision: 'approved', value: { draft: 'v2' }, at: 600 }] },
      ]);
      expect(await store.getWaitpoint('run-1', 'approve')).toMatchObject({ submittedAt: 600, decision: 'approved', submittedValue: { draft: 'v2' }, createdAt: 500 });
      expect(await store.getWaitpoint('run-1', 'other')).toBeUndefined();
    });

    it('leases a run to one worker at a time and lets another take it over once the lease lapses', async () => {
      expect(await store.claim('run-1', 'worker-a', 1_000, 10_000)).toMatchObject({ id: 'run-1', leaseOwner: 'worker-a', leaseExpiresAt: 11_000 });
      expect(await store.claim('run-1', 'worker-b', 1_000, 10_500)).toBeUndefined();
      expect(await store.renew('worker-a', ['run-1', 'run-2'], 1_000, 10_600)).toEqual(['run-1']);
      expect(await store.claim('run-1', 'worker-b', 1_000, 11_700)).toMatchObject({ leaseOwner: 'worker-b' });
      // The worker that lost the lease can neither renew it nor write.
      expect(await store.renew('worker-a', ['run-1'], 1_000, 11_800)).toEqual([]);
      const lost = await studioRejectionOf(() => store.append(eventsFor('run-1', 0, [{ type: 'run.started' }]), [], { leaseOwner: 'worker-a', now: 11_800 }));
      expect(lost.code).toBe('RUN_LEASE_LOST');
      expect(await store.readEvents('run-1')).toEqual([]);
      await store.append(eventsFor('run-1', 0, [{ type: 'run.started' }]), [{ runId: 'run-1', status: 'running' }], { leaseOwner: 'worker-b', now: 11_800 });
      // A web node's write (no owner) waits for the worker's lease to end.
      expect((await studioRejectionOf(() => store.append(eventsFor('run-1', 1, [{ type: 'run.cancelled' }]), [], { now: 11_900 }))).code).toBe('RUN_LEASE_LOST');
      await store.release('run-1', 'worker-a');
      expect(await store.getRun('run-1')).toMatchObject({ leaseOwner: 'worker-b' });
      await store.release('run-1', 'worker-b');
      await store.append(eventsFor('run-1', 1, [{ type: 'run.cancelled' }]), [{ runId: 'run-1', status: 'cancelled', finishedAt: 12_000 }], { now: 12_000 });
      expect(await store.claim('run-1', 'worker-a', 1_000, 12_100)).toBeUndefined();
    });

    it('lists the runs that need a worker', async () => {
      const now = Date.now() + 60_000;
      await store.createRun({ id: 'run-3', pipelineId: 'demo', version: 1, inputs: {} });
      await store.claim('run-1', 'worker-a', 1_000, now - 5_000); // lapsed
      await store.claim('run-2', 'worker-a', 10_000, now); // live
      await store.append(eventsFor('run-3', 0, [{ type: 'run.started' }, { type: 'run.waiting' }]), [{ runId: 'run-3', status: 'waiting' }]);
      expect(await store.listOrphaned({ now, queuedGraceMs: 1_000, limit: 10 })).toEqual(['run-1']);
      await store.release('run-2', 'worker-a');
      expect((await store.listOrphaned({ now, queuedGraceMs: 1_000, limit: 10 })).sort()).toEqual(['run-1', 'run-2']);
      expect(await store.listOrphaned({ now, queuedGraceMs: 1_000, limit: 1 })).toHaveLength(1);
      // A queued run nobody claimed yet is left to its enqueue for the grace period.
      expect(await store.listOrphaned({ now, queuedGraceMs: 3_600_000, limit: 10 })).toEqual(['run-1']);
    });
  });
}
