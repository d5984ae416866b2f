import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunListSummary, RunView } from '@tandem/shared';
import { chainDocument, createTestServer } from '../testing/test-server.ts';
import { outputPreview } from '../services/run-summaries.ts';

let server: ReturnType<typeof createTestServer>;
beforeEach(() => (server = createTestServer()));
afterEach(() => server.cleanup());

type ListBody = { runs: (RunView & { summary: RunListSummary })[]; nextBefore?: string };

describe('GET /api/runs: the list a person scans', () => {
  it('shows each run’s tokens, cost and a preview of its output', async () => {
    await server.json('/api/pipelines', { body: chainDocument() });
    const { run, events } = await server.runToEnd('chain', { prompt: 'Why do tandem bicycles need a captain?' });
    const { body } = await server.json<ListBody>('/api/runs');
    const listed = body.runs.find((entry) => entry.id === run.id)!;
    const calls = events.filter((event) => event.type === 'llm.call');
    const inputTokens = calls.reduce((sum, event) => sum + (event.type === 'llm.call' ? event.data.usage.inputTokens : 0), 0);
    expect(listed.summary).toMatchObject({ calls: calls.length, inputTokens });
    expect(listed.summary.outputTokens).toBeGreaterThan(0);
    expect(listed.summary.outputPreview).toBe(outputPreview(run.outputs));
    expect(listed.summary.outputPreview!.length).toBeGreaterThan(10);
  });

  it('filters by version and pages with nextBefore', async () => {
    await server.json('/api/pipelines', { body: chainDocument() });
    const first = await server.runToEnd('chain', { prompt: 'one' });
    await server.json('/api/pipelines/chain', { method: 'PUT', body: { ...chainDocument(), name: 'Chain 2' } });
    const second = await server.runToEnd('chain', { prompt: 'two' });
    const third = await server.runToEnd('chain', { prompt: 'three' });

    const v1 = await server.json<ListBody>('/api/runs?pipelineId=chain&version=1');
    expect(v1.body.runs.map((run) => run.id)).toEqual([first.run.id]);
    const page1 = await server.json<ListBody>('/api/runs?pipelineId=chain&limit=2');
    expect(page1.body.runs.map((run) => run.id)).toEqual([third.run.id, second.run.id]);
    const page2 = await server.json<ListBody>(`/api/runs?pipelineId=chain&limit=2&before=${page1.body.nextBefore}`);
    expect(page2.body.runs.map((run) => run.id)).toEqual([first.run.id]);
    expect(page2.body.nextBefore).toBeUndefined();
  });

  it('names a bad version filter', async () => {
    const bad = await server.json<{ error: { details: { field: string } } }>('/api/runs?pipelineId=chain&version=zero');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('version');
    expect((await server.json('/api/runs?version=1')).status).toBe(400);
  });
});

describe('outputPreview', () => {
  it('puts the first output on one line and cuts it at a word', () => {
    expect(outputPreview({ out: 'Hello\n  world' })).toBe('Hello world');
    const long = outputPreview({ out: 'word '.repeat(100) })!;
    expect(long.endsWith('…')).toBe(true);
    expect(long.length).toBeLessThanOrEqual(161);
    expect(outputPreview({ out: { a: 1 } })).toBe('{"a":1}');
    expect(outputPreview({})).toBeUndefined();
  });
});
