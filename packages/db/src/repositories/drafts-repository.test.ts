import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTemporaryDatabase, samplePipeline, studioErrorOf, type TemporaryDatabase } from '../test-support.ts';
import { createDraftsRepository, type DraftsRepository } from './drafts-repository.ts';
import { createPipelinesRepository, type PipelinesRepository } from './pipelines-repository.ts';

describe('drafts repository', () => {
  let temporary: TemporaryDatabase;
  let drafts: DraftsRepository;
  let pipelines: PipelinesRepository;
  beforeEach(() => {
    temporary = openTemporaryDatabase();
    drafts = createDraftsRepository(temporary.database);
    pipelines = createPipelinesRepository(temporary.database);
  });
  afterEach(() => temporary.cleanup());

  const problem = { code: 'GRAPH_REFERENCE_UNKNOWN', nodeId: 'a', field: 'config.prompt', message: 'The prompt refers to node "x", which does not exist' };

  it('keeps one draft per pipeline beside its versions; saving a version drops it', () => {
    pipelines.createPipeline(samplePipeline('demo', 'First'));
    drafts.save(samplePipeline('demo', 'Work in progress'), [problem]);
    drafts.save(samplePipeline('demo', 'More work'), [problem]);
    expect(drafts.get('demo')).toMatchObject({ baseVersion: 1, problems: [problem], document: { name: 'More work' } });
    expect(pipelines.get('demo')?.document.name).toBe('First');
    expect(pipelines.list().find((entry) => entry.id === 'demo')).toMatchObject({ hasDraft: true, name: 'More work' });

    pipelines.saveVersion('demo', samplePipeline('demo', 'Second'));
    expect(drafts.get('demo')).toBeUndefined();
    expect(pipelines.list().find((entry) => entry.id === 'demo')?.hasDraft).toBeUndefined();
  });

  it('creates a pipeline that holds only a draft, listed with no version', () => {
    drafts.save(samplePipeline('fresh', 'Fresh'), [], { create: true });
    expect(pipelines.get('fresh')).toBeUndefined();
    expect(pipelines.list().find((entry) => entry.id === 'fresh')).toMatchObject({ version: 0, hasDraft: true });
    expect(studioErrorOf(() => drafts.save(samplePipeline('fresh', 'Again'), [], { create: true }))?.code).toBe('CONFLICT');
    expect(pipelines.saveVersion('fresh', samplePipeline('fresh', 'Valid at last'))).toEqual({ id: 'fresh', version: 1 });
  });

  it('refuses a draft for a pipeline that does not exist, and hides the draft of a deleted one', () => {
    expect(studioErrorOf(() => drafts.save(samplePipeline('ghost', 'Ghost'), []))?.code).toBe('PIPELINE_NOT_FOUND');
    pipelines.createPipeline(samplePipeline('gone', 'Gone'));
    drafts.save(samplePipeline('gone', 'Draft'), []);
    pipelines.delete('gone');
    expect(drafts.get('gone')).toBeUndefined();
  });

  it('never deletes a system pipeline', () => {
    pipelines.createPipeline(samplePipeline('orchestration', 'Orchestration'), { isSystem: true });
    expect(studioErrorOf(() => pipelines.delete('orchestration'))?.code).toBe('CONFLICT');
    expect(pipelines.get('orchestration')?.isSystem).toBe(true);
  });
});
