/**
 * The history reads every RunStore adapter must answer alike (the runs list and its filters, the inbox,
 * feedback), as one suite run against SQLite and Postgres beside the run-path contract: see
 * sqlite-run-store.test.ts and ../pg/pg-run-store.test.ts. Not exported from the package entry point.
 */
import { StudioError } from '@tandem/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventsFor, samplePipeline } from '../test-support.ts';
import type { OpenedRunStore } from './run-store.contract.ts';
import type { RunStore } from './run-store.ts';

/** Lets the clock move on, so that "newest first" has an order to show. */
const nextMillisecond = () => new Promise((resolve) => setTimeout(resolve, 3));

/** Declares the history suite for one adapter; `open` gives a store over an empty database. */
export function describeRunHistoryContract(adapter: string, open: () => Promise<OpenedRunStore>): void {
  describe(`run history contract (${adapter})`, () => {
    let opened: OpenedRunStore;
    let store: RunStore;
    beforeEach(async () => {
      opened = await open();
      store = opened.store;
      await store.createPipeline(samplePipeline('demo', 'Demo'));
      await store.createPipeline(samplePipeline('other', 'Other'));
    });
    afterEach(async () => {
      await opened.close();
    });

    it('lists runs newest first with their pipeline name, filtered and paged', async () => {
      for (const [id, pipelineId] of [['a', 'demo'], ['b', 'other'], ['c', 'demo'], ['d', 'demo']] as const) {
        await store.createRun({ id, pipelineId, version: 1, inputs: { prompt: id }, ...(id === 'd' ? { parentRunId: 'c', overrides: { approve: { title: 'Sure?' } } } : {}) });
        await nextMillisecond();
      }
      await store.append(eventsFor('a', 0, [{ type: 'run.started' }, { type: 'run.completed', data: { outputs: { out: 'done' } } }]), [
        { runId: 'a', status: 'completed', outputs: { out: 'done' }, finishedAt: 2_000 },
      ]);
      const all = await store.listRuns();
      expect(all.map((run) => run.id)).toEqual(['d', 'c', 'b', 'a']);
      expect(all[0]).toEqual(expect.objectContaining({ pipelineId: 'demo', pipelineName: 'Demo', version: 1, status: 'queued', inputs: { prompt: 'd' }, outputs: {}, parentRunId: 'c', overrides: { approve: { title: 'Sure?' } } }));
      expect(all[3]).toEqual(expect.objectContaining({ status: 'completed', outputs: { out: 'done' }, finishedAt: 2_000 }));
      expect(all[1]).not.toHaveProperty('finishedAt');
      expect(all[1]).not.toHaveProperty('parentRunId');
      expect((await store.listRuns({ pipelineId: 'demo' })).map((run) => run.id)).toEqual(['d', 'c', 'a']);
      expect((await store.listRuns({ pipelineId: 'demo', version: 2 })).map((run) => run.id)).toEqual([]);
      expect((await store.listRuns({ status: 'completed' })).map((run) => run.id)).toEqual(['a']);
      expect((await store.listRuns({ status: ['completed', 'queued'], pipelineId: 'other' })).map((run) => run.id)).toEqual(['b']);
      const first = await store.listRuns({ limit: 2 });
      expect(first.map((run) => run.id)).toEqual(['d', 'c']);
      expect((await store.listRuns({ limit: 2, before: 'c' })).map((run) => run.id)).toEqual(['b', 'a']);
      expect(await store.listRuns({ before: 'missing' })).toEqual([]);
    });

    it('pages runs started in the same millisecond by id, without loss or repeat', async () => {
      const ids = ['r-1', 'r-2', 'R-3', 'r_4', 'r-5'];
      // One millisecond for all of them, so the id is the order.
      for (const id of ids) await store.createRun({ id, pipelineId: 'demo', version: 1, inputs: {} });
      const seen: string[] = [];
      let before: string | undefined;
      for (let page = 0; page < 10; page++) {
        const runs = await store.listRuns({ limit: 2, ...(before ? { before } : {}) });
        if (runs.length === 0) break;
        seen.push(...runs.map((run) => run.id));
        before = runs.at(-1)!.id;
      }
      expect(seen.sort()).toEqual([...ids].sort());
    });

    it('lists the open person requests of unfinished runs, oldest first', async () => {
      await store.createRun({ id: 'w-1', pipelineId: 'demo', version: 1, inputs: {} });
      await store.createRun({ id: 'w-2', pipelineId: 'other', version: 1, inputs: {} });
      await store.createRun({ id: 'w-3', pipelineId: 'demo', version: 1, inputs: {} });
      const wait = (runId: string, createdAt: number, instructions?: string) =>
        store.append(eventsFor(runId, 0, [{ type: 'run.started' }, { type: 'user.waiting', nodeId: 'approve' }, { type: 'run.waiting' }]), [
          { runId, status: 'waiting', requests: [{ nodeId: 'approve', title: 'Approve?', value: { draft: runId }, createdAt, ...(instructions ? { instructions } : {}) }] },
        ]);
      await wait('w-1', 700, 'Read it');
      await wait('w-2', 500);
      await wait('w-3', 600);
      // Answered, and cancelled: neither is waiting any more.
      await store.append(eventsFor('w-3', 3, [{ type: 'user.submitted', nodeId: 'approve' }]), [{ runId: 'w-3', status: 'running', answers: [{ nodeId: 'approve', decision: 'approved', value: null, at: 800 }] }]);
      await store.createRun({ id: 'w-4', pipelineId: 'demo', version: 1, inputs: {} });
      await wait('w-4', 400);
      await store.append(eventsFor('w-4', 3, [{ type: 'run.cancelled' }]), [{ runId: 'w-4', status: 'cancelled', finishedAt: 900 }]);
      expect(await store.listWaiting()).toEqual([
        { runId: 'w-2', nodeId: 'approve', pipelineId: 'other', pipelineName: 'Other', title: 'Approve?', value: { draft: 'w-2' }, since: 500 },
        { runId: 'w-1', nodeId: 'approve', pipelineId: 'demo', pipelineName: 'Demo', title: 'Approve?', instructions: 'Read it', value: { draft: 'w-1' }, since: 700 },
      ]);
    });

    it('records feedback on a run, oldest first, and refuses a missing run', async () => {
      await store.createRun({ id: 'f-1', pipelineId: 'demo', version: 1, inputs: {} });
      const first = await store.addFeedback('f-1', { score: 0.5, thumbs: 'up', comment: 'good' });
      expect(first).toEqual({ id: expect.any(Number), runId: 'f-1', score: 0.5, thumbs: 'up', comment: 'good', createdAt: expect.any(Number) });
      const second = await store.addFeedback('f-1', { thumbs: 'down', comment: '' });
      expect(second).toEqual({ id: expect.any(Number), runId: 'f-1', thumbs: 'down', createdAt: expect.any(Number) });
      expect(await store.listFeedback('f-1')).toEqual([first, second]);
      expect(await store.listFeedback('missing')).toEqual([]);
      let refused: unknown;
      await store.addFeedback('missing', { score: 1 }).catch((error: unknown) => (refused = error));
      expect(StudioError.is(refused) && refused.code).toBe('RUN_NOT_FOUND');
    });
  });
}
