import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../index.ts';
import { openTemporaryDatabase, samplePipeline, studioErrorOf, type TemporaryDatabase } from '../test-support.ts';

const upload = (rows: Record<string, unknown>[], name = 'Questions') => ({
  name,
  format: 'csv' as const,
  columns: Object.keys(rows[0] ?? {}),
  rows: rows.map((row) => JSON.stringify(row)),
});

describe('datasets repository', () => {
  let temporary: TemporaryDatabase;
  let repositories: Repositories;
  beforeEach(() => {
    temporary = openTemporaryDatabase();
    repositories = createRepositories(temporary.database);
  });
  afterEach(() => temporary.cleanup());

  it('stores an upload as version 1 and reads its rows back by page and by index', () => {
    const rows = Array.from({ length: 25 }, (_, index) => ({ question: `q${index}`, expected: `a${index}` }));
    expect(repositories.datasets.create('qa', upload(rows))).toEqual({ id: 'qa', version: 1, rowCount: 25, columns: ['question', 'expected'] });
    expect(repositories.datasets.get('qa')).toMatchObject({ id: 'qa', name: 'Questions', version: 1, versions: [1], rowCount: 25, locked: false });
    expect(repositories.datasets.rows('qa', 1, 20, 10)).toEqual(rows.slice(20).map((data, index) => ({ index: 20 + index, data })));
    expect(repositories.datasets.rowsAt('qa', 1, [3, 1, 99]).map((row) => row.index)).toEqual([1, 3]);
    expect(studioErrorOf(() => repositories.datasets.create('qa', upload(rows))).code).toBe('CONFLICT');
  });

  it('rewrites an unused version in place, and makes a new version once an experiment used it', () => {
    repositories.datasets.create('qa', upload([{ question: 'one' }]));
    expect(repositories.datasets.replace('qa', upload([{ question: 'two' }, { question: 'three' }]))).toMatchObject({ version: 1, rowCount: 2 });
    expect(repositories.datasets.rows('qa', 1, 0, 10).map((row) => row.data.question)).toEqual(['two', 'three']);

    repositories.pipelines.createPipeline(samplePipeline('p'));
    repositories.experiments.create({
      id: 'e1', name: 'E', pipelineId: 'p', datasetId: 'qa', datasetVersion: 1, rowCount: 2, repeats: 1, concurrency: 1,
      armsSpec: { kind: 'versions', versions: [1] }, arms: [{ id: 'v1', label: 'v1', version: 1 }], baseline: 'v1', scorers: [], mapping: { inputs: {} },
    });
    expect(repositories.datasets.get('qa')?.locked).toBe(true);
    expect(repositories.datasets.replace('qa', upload([{ question: 'four' }], 'Renamed'))).toMatchObject({ version: 2, rowCount: 1 });
    expect(repositories.datasets.rows('qa', 1, 0, 10).map((row) => row.data.question)).toEqual(['two', 'three']);
    expect(repositories.datasets.get('qa')).toMatchObject({ name: 'Renamed', version: 2, versions: [1, 2], locked: false });
    expect(repositories.datasets.get('qa', 1)).toMatchObject({ version: 1, locked: true, rowCount: 2 });
    expect(studioErrorOf(() => repositories.datasets.replace('missing', upload([{ a: 1 }]))).code).toBe('DATASET_NOT_FOUND');
  });

  it('writes nothing of an upload that fails half-way', () => {
    const rows = [JSON.stringify({ a: 1 }), 'not json at all'];
    expect(() => repositories.datasets.create('bad', { name: 'Bad', format: 'jsonl', columns: ['a'], rows })).toThrow();
    expect(repositories.datasets.get('bad')).toBeUndefined();
    expect(temporary.database.sqlite.prepare('SELECT count(*) FROM dataset_rows').pluck().get()).toBe(0);
  });
});
