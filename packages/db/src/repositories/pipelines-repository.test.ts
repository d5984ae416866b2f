import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTemporaryDatabase, samplePipeline, type TemporaryDatabase, studioErrorOf } from '../test-support.ts';
import { createPipelinesRepository, type PipelinesRepository } from './pipelines-repository.ts';

describe('pipelines repository', () => {
  let temporary: TemporaryDatabase;
  let repository: PipelinesRepository;
  beforeEach(() => {
    temporary = openTemporaryDatabase();
    repository = createPipelinesRepository(temporary.database);
  });
  afterEach(() => temporary.cleanup());

  it('creates version 1 and increments on save, keeping old versions intact', () => {
    const first = samplePipeline('demo', 'First');
    expect(repository.createPipeline(first)).toEqual({ id: 'demo', version: 1 });
    const second = { ...samplePipeline('demo', 'Second'), description: 'changed' };
    expect(repository.saveVersion('demo', second)).toEqual({ id: 'demo', version: 2 });
    expect(repository.saveVersion('demo', samplePipeline('demo', 'Third'))).toEqual({ id: 'demo', version: 3 });

    const latest = repository.get('demo');
    expect(latest?.version).toBe(3);
    expect(latest?.document.name).toBe('Third');
    expect(latest?.versions).toEqual([1, 2, 3]);
    expect(repository.get('demo', 1)?.document).toEqual(first);
    expect(repository.get('demo', 2)?.document).toEqual(second);
    expect(repository.get('demo', 9)).toBeUndefined();
  });

  it('refuses to create an existing id and writes nothing', () => {
    repository.createPipeline(samplePipeline('demo', 'Original'));
    const error = studioErrorOf(() => repository.createPipeline(samplePipeline('demo', 'Intruder')));
    expect(error.code).toBe('CONFLICT');
    expect(repository.get('demo')?.versions).toEqual([1]);
    expect(repository.list().map((summary) => summary.name)).toEqual(['Original']);
  });

  it('rolls back the pipeline row when the version insert fails', () => {
    temporary.database.sqlite.exec(
      "CREATE TRIGGER refuse_version BEFORE INSERT ON pipeline_versions BEGIN SELECT RAISE(ABORT, 'refused'); END",
    );
    expect(() => repository.createPipeline(samplePipeline('demo'))).toThrow(/refused/);
    const count = temporary.database.sqlite.prepare('SELECT count(*) FROM pipelines').pluck().get();
    expect(count).toBe(0);
  });

  it('saving a missing or deleted pipeline answers PIPELINE_NOT_FOUND', () => {
    expect(studioErrorOf(() => repository.saveVersion('nope', samplePipeline('nope'))).code).toBe('PIPELINE_NOT_FOUND');
    repository.createPipeline(samplePipeline('demo'));
    repository.delete('demo');
    expect(studioErrorOf(() => repository.saveVersion('demo', samplePipeline('demo'))).code).toBe('PIPELINE_NOT_FOUND');
    expect(studioErrorOf(() => repository.delete('demo')).code).toBe('PIPELINE_NOT_FOUND');
  });

  it('refuses a document whose id differs from the pipeline', () => {
    repository.createPipeline(samplePipeline('demo'));
    expect(studioErrorOf(() => repository.saveVersion('demo', samplePipeline('other'))).code).toBe('VALIDATION_FAILED');
  });

  it('lists non-deleted pipelines newest first with node counts', async () => {
    repository.createPipeline(samplePipeline('older', 'Older'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    repository.createPipeline(samplePipeline('template', 'A template'), { isTemplate: true });
    await new Promise((resolve) => setTimeout(resolve, 5));
    repository.createPipeline({ ...samplePipeline('gone'), description: 'soon deleted' });
    repository.delete('gone');

    const summaries = repository.list();
    expect(summaries.map((summary) => summary.id)).toEqual(['template', 'older']);
    expect(summaries[0]).toMatchObject({ name: 'A template', version: 1, nodeCount: 3, isTemplate: true });
    expect(summaries[1]).not.toHaveProperty('description');
  });

  it('soft-deletes: hidden from get, but versions stay readable for runs; re-creating revives', () => {
    repository.createPipeline(samplePipeline('demo', 'One'));
    repository.saveVersion('demo', samplePipeline('demo', 'Two'));
    repository.delete('demo');
    expect(repository.get('demo')).toBeUndefined();
    expect(repository.getDocument('demo', 1)?.name).toBe('One');

    expect(repository.createPipeline(samplePipeline('demo', 'Three'))).toEqual({ id: 'demo', version: 3 });
    expect(repository.get('demo')?.versions).toEqual([1, 2, 3]);
    expect(repository.list().map((summary) => summary.name)).toEqual(['Three']);
  });
});

describe('a stored document nested deeper than SQLite’s JSON limit', () => {
  it('does not break the pipeline list', () => {
    const temporary = openTemporaryDatabase();
    try {
      const repository = createPipelinesRepository(temporary.database);
      let schema: Record<string, unknown> = { type: 'string' };
      for (let depth = 0; depth < 999; depth++) schema = { type: 'object', properties: { a: schema } };
      repository.createPipeline({ ...samplePipeline('deep'), inputs: schema });
      repository.createPipeline(samplePipeline('plain'));
      const listed = repository.list();
      expect(listed.map((pipeline) => [pipeline.id, pipeline.nodeCount])).toEqual(expect.arrayContaining([['deep', 0], ['plain', 3]]));
    } finally {
      temporary.cleanup();
    }
  });
});
