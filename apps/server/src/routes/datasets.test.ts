import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatasetRowsPage, DatasetSummary } from '@tandem/shared';
import { createTestServer } from '../testing/test-server.ts';
import { abDocument, questionsCsv, startExperiment, uploadCsv, followExperiment } from '../testing/experiment-fixtures.ts';

describe('/api/datasets', () => {
  let server: ReturnType<typeof createTestServer>;
  beforeEach(() => (server = createTestServer()));
  afterEach(() => server.cleanup());

  const upload = (file: File, fields: Record<string, string> = {}) => {
    const form = new FormData();
    form.set('file', file);
    for (const [key, value] of Object.entries(fields)) form.set(key, value);
    return server.app.request('/api/datasets', { method: 'POST', body: form });
  };

  it('takes a multipart file of tens of thousands of rows and reads its format from the file name', async () => {
    const response = await upload(new File([questionsCsv(30_000)], 'support.csv', { type: 'text/csv' }));
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string; version: number; rowCount: number; columns: string[] };
    expect(created).toMatchObject({ version: 1, rowCount: 30_000, columns: ['question', 'expected'] });
    const { body: summary } = await server.json<DatasetSummary>(`/api/datasets/${created.id}`);
    expect(summary).toMatchObject({ name: 'support', format: 'csv', rowCount: 30_000, locked: false });
    const { body: page } = await server.json<DatasetRowsPage>(`/api/datasets/${created.id}/rows?offset=29998&limit=10`);
    expect(page).toMatchObject({ total: 30_000, offset: 29998 });
    expect(page.rows.map((row) => row.index)).toEqual([29998, 29999]);
  });

  it('takes JSON with a JSONL body', async () => {
    const { status, body } = await server.json<{ columns: string[]; rowCount: number }>('/api/datasets', { body: { name: 'Lines', format: 'jsonl', content: '{"question":"a","n":1}\n{"question":"b"}\n' } });
    expect([status, body.rowCount, body.columns]).toEqual([201, 2, ['question', 'n']]);
  });

  it('refuses a malformed line with its number, and stores nothing of it', async () => {
    const before = (await server.json<{ datasets: unknown[] }>('/api/datasets')).body.datasets.length;
    const broken = await upload(new File(['question,expected\nfine,1\n"broken,2\n'], 'broken.csv'));
    expect(broken.status).toBe(422);
    expect(await broken.json()).toMatchObject({ error: { code: 'DATASET_INVALID', message: expect.stringContaining('Line 3'), details: { line: 3 } } });
    const notObject = await server.json<{ error: { details: { line: number } } }>('/api/datasets', { body: { name: 'x', format: 'jsonl', content: '{"a":1}\n"text"\n' } });
    expect([notObject.status, notObject.body.error.details.line]).toEqual([422, 2]);
    expect((await server.json<{ datasets: unknown[] }>('/api/datasets')).body.datasets).toHaveLength(before);
  });

  it('names the missing field of a bad upload', async () => {
    expect((await server.json<{ error: { details: { field: string } } }>('/api/datasets', { method: 'POST', body: new FormData() as never })).status).toBe(400);
    const unknown = await upload(new File(['a'], 'data.xlsx'));
    expect(await unknown.json()).toMatchObject({ error: { details: { field: 'format' } } });
    expect((await server.json('/api/datasets', { body: { name: '', format: 'csv', content: 'a\n1' } })).status).toBe(400);
    expect((await server.json('/api/datasets/nope/rows')).status).toBe(404);
    expect((await server.json('/api/datasets/sample-support-questions/rows?limit=-1')).status).toBe(400);
  });

  it('edits in place until an experiment used the dataset, then makes a new version and keeps the old one', async () => {
    await server.request('/api/pipelines', { body: abDocument() });
    const id = await uploadCsv(server, questionsCsv(2));
    const put = (content: string) => server.json<{ version: number; rowCount: number }>(`/api/datasets/${id}`, { method: 'PUT', body: { name: 'Questions', format: 'csv', content } });
    expect((await put(questionsCsv(3))).body).toMatchObject({ version: 1, rowCount: 3 });
    const experiment = await startExperiment(server, { pipelineId: 'ab', datasetId: id, arms: { kind: 'variants', nodeId: 'variants' } });
    await followExperiment(server, experiment);
    expect((await server.json<DatasetSummary>(`/api/datasets/${id}`)).body.locked).toBe(true);
    expect((await put(questionsCsv(5))).body).toMatchObject({ version: 2, rowCount: 5 });
    expect((await server.json<DatasetSummary>(`/api/datasets/${id}?version=1`)).body).toMatchObject({ rowCount: 3, locked: true });
    expect((await server.json<{ datasetVersion: number }>(`/api/experiments/${experiment}`)).body.datasetVersion).toBe(1);
  });

  it('ships the sample support questions', async () => {
    const { body } = await server.json<DatasetSummary>('/api/datasets/sample-support-questions');
    expect(body).toMatchObject({ columns: ['question', 'expected'], rowCount: 30 });
  });
});
