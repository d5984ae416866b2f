/**
 * The behaviour every PipelineStore adapter must have, as one suite run against each (SQLite and
 * Postgres): see sqlite-pipeline-store.test.ts and ../pg/pg-pipeline-store.test.ts. Not exported from
 * the package entry point.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { samplePipeline, studioRejectionOf } from '../test-support.ts';
import type { PipelineStore } from './pipeline-store.ts';

/** An adapter under test and how to dispose of it. */
export interface OpenedPipelineStore {
  store: PipelineStore;
  close(): Promise<void>;
}

/** Lets the clock move on, so that "most recently updated first" has an order to show. */
const nextMillisecond = () => new Promise((resolve) => setTimeout(resolve, 3));

const problem = { code: 'GRAPH_REFERENCE_UNKNOWN', nodeId: 'approve', field: 'config.title', message: 'The title refers to node "x", which does not exist' };

/** Declares the contract suite for one adapter; `open` gives a store over an empty database. */
export function describePipelineStoreContract(adapter: string, open: () => Promise<OpenedPipelineStore>): void {
  describe(`pipeline store contract (${adapter})`, () => {
    let opened: OpenedPipelineStore;
    let store: PipelineStore;
    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(async () => {
      await opened.close();
    });

    it('creates version 1, saves N+1 and keeps every version readable with the list of versions', async () => {
      const first = { ...samplePipeline('demo', 'First'), description: 'the first' };
      expect(await store.createPipeline(first)).toEqual({ id: 'demo', version: 1 });
      expect(await store.saveVersion('demo', samplePipeline('demo', 'Second'))).toEqual({ id: 'demo', version: 2 });
      const latest = await store.get('demo');
      expect(latest).toMatchObject({ id: 'demo', version: 2, versions: [1, 2], document: { name: 'Second' } });
      expect(typeof latest?.createdAt).toBe('number');
      expect(latest).not.toHaveProperty('isTemplate');
      expect((await store.get('demo', 1))?.document).toEqual(first);
      expect(await store.get('demo', 3)).toBeUndefined();
      expect(await store.get('missing')).toBeUndefined();
    });

    it('refuses a taken id, a missing pipeline and a document of another id, writing nothing', async () => {
      await store.createPipeline(samplePipeline('demo', 'Original'));
      expect((await studioRejectionOf(() => store.createPipeline(samplePipeline('demo', 'Intruder')))).code).toBe('CONFLICT');
      expect((await studioRejectionOf(() => store.saveVersion('nope', samplePipeline('nope')))).code).toBe('PIPELINE_NOT_FOUND');
      expect((await studioRejectionOf(() => store.saveVersion('demo', samplePipeline('other')))).code).toBe('VALIDATION_FAILED');
      expect((await store.get('demo'))?.versions).toEqual([1]);
      expect((await store.list()).map((summary) => summary.name)).toEqual(['Original']);
    });

    it('lists live pipelines most recently updated first, with node counts, templates, system and draft marks', async () => {
      await store.createPipeline(samplePipeline('older', 'Older'));
      await nextMillisecond();
      await store.createPipeline({ ...samplePipeline('template', 'A template'), description: 'copy me' }, { isTemplate: true });
      await nextMillisecond();
      await store.createPipeline(samplePipeline('system', 'System'), { isSystem: true });
      await nextMillisecond();
      await store.createPipeline(samplePipeline('gone', 'Gone'));
      await store.delete('gone');
      const summaries = await store.list();
      expect(summaries.map((summary) => summary.id)).toEqual(['system', 'template', 'older']);
      expect(summaries[0]).toEqual(expect.objectContaining({ name: 'System', version: 1, nodeCount: 3, isTemplate: false, isSystem: true }));
      expect(summaries[1]).toEqual(expect.objectContaining({ name: 'A template', description: 'copy me', nodeCount: 3, isTemplate: true }));
      expect(summaries[2]).not.toHaveProperty('description');
      expect(summaries[2]).not.toHaveProperty('isSystem');
      expect(summaries[2]).not.toHaveProperty('hasDraft');
      expect(await store.get('template')).toMatchObject({ isTemplate: true });
    });

    it('soft-deletes: hidden from get and list, and re-creating the id revives it at its next version', async () => {
      await store.createPipeline(samplePipeline('demo', 'One'));
      await store.saveVersion('demo', samplePipeline('demo', 'Two'));
      await store.delete('demo');
      expect(await store.get('demo')).toBeUndefined();
      expect((await studioRejectionOf(() => store.delete('demo'))).code).toBe('PIPELINE_NOT_FOUND');
      expect((await studioRejectionOf(() => store.saveVersion('demo', samplePipeline('demo')))).code).toBe('PIPELINE_NOT_FOUND');
      expect(await store.createPipeline(samplePipeline('demo', 'Three'))).toEqual({ id: 'demo', version: 3 });
      expect((await store.get('demo'))?.versions).toEqual([1, 2, 3]);
    });

    it('never deletes a system pipeline', async () => {
      await store.createPipeline(samplePipeline('orchestration'), { isSystem: true });
      expect((await studioRejectionOf(() => store.delete('orchestration'))).code).toBe('CONFLICT');
      expect(await store.get('orchestration')).toMatchObject({ isSystem: true });
    });

    it('keeps one draft beside the versions; saving a version drops it', async () => {
      await store.createPipeline(samplePipeline('demo', 'First'));
      await store.saveDraft(samplePipeline('demo', 'Work in progress'), [problem]);
      const saved = await store.saveDraft(samplePipeline('demo', 'More work'), [problem]);
      expect(saved).toMatchObject({ pipelineId: 'demo', baseVersion: 1, problems: [problem] });
      const draft = await store.getDraft('demo');
      expect(draft).toEqual({ pipelineId: 'demo', document: samplePipeline('demo', 'More work'), baseVersion: 1, problems: [problem], savedAt: saved.savedAt });
      expect((await store.get('demo'))?.document.name).toBe('First');
      expect((await store.list()).find((entry) => entry.id === 'demo')).toMatchObject({ hasDraft: true, name: 'More work' });
      await store.saveVersion('demo', samplePipeline('demo', 'Second'));
      expect(await store.getDraft('demo')).toBeUndefined();
      expect((await store.list())[0]).not.toHaveProperty('hasDraft');
    });

    it('creates a pipeline holding only a draft (version 0) that a first version then completes', async () => {
      await store.saveDraft(samplePipeline('fresh', 'Fresh'), [], { create: true });
      expect(await store.get('fresh')).toBeUndefined();
      expect((await store.list())[0]).toMatchObject({ id: 'fresh', version: 0, hasDraft: true, nodeCount: 3 });
      expect((await studioRejectionOf(() => store.saveDraft(samplePipeline('fresh'), [], { create: true }))).code).toBe('CONFLICT');
      expect((await studioRejectionOf(() => store.createPipeline(samplePipeline('fresh')))).code).toBe('CONFLICT');
      expect(await store.saveVersion('fresh', samplePipeline('fresh', 'Valid at last'))).toEqual({ id: 'fresh', version: 1 });
    });

    it('refuses a draft of a missing pipeline, hides the draft of a deleted one, and discards', async () => {
      expect((await studioRejectionOf(() => store.saveDraft(samplePipeline('ghost'), []))).code).toBe('PIPELINE_NOT_FOUND');
      await store.createPipeline(samplePipeline('gone'));
      await store.saveDraft(samplePipeline('gone', 'Draft'), []);
      await store.delete('gone');
      expect(await store.getDraft('gone')).toBeUndefined();
      await store.createPipeline(samplePipeline('kept'));
      await store.saveDraft(samplePipeline('kept', 'Draft'), []);
      await store.discardDraft('kept');
      await store.discardDraft('kept');
      expect(await store.getDraft('kept')).toBeUndefined();
    });

    it('gives two concurrent saves of one pipeline two different versions', async () => {
      await store.createPipeline(samplePipeline('busy'));
      const saved = await Promise.all([1, 2, 3].map((index) => store.saveVersion('busy', samplePipeline('busy', `Save ${index}`))));
      expect(saved.map((entry) => entry.version).sort()).toEqual([2, 3, 4]);
      expect((await store.get('busy'))?.versions).toEqual([1, 2, 3, 4]);
    });
  });
}
