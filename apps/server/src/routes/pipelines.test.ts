import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chainDocument, createTestServer } from '../testing/test-server.ts';

let server: ReturnType<typeof createTestServer>;
beforeEach(() => (server = createTestServer()));
afterEach(() => server.cleanup());

describe('/api/pipelines', () => {
  it('creates a pipeline and saves immutable versions', async () => {
    const created = await server.json('/api/pipelines', { body: chainDocument() });
    expect(created).toEqual({ status: 201, body: { id: 'chain', version: 1 } });
    const changed = chainDocument();
    changed.name = 'Chain, renamed';
    expect((await server.json('/api/pipelines/chain', { method: 'PUT', body: changed })).body).toEqual({ id: 'chain', version: 2 });
    const first = await server.json<{ document: { name: string }; versions: number[] }>('/api/pipelines/chain?version=1');
    expect(first.body.document.name).toBe('Chain');
    expect(first.body.versions).toEqual([1, 2]);
    expect((await server.json<{ document: { name: string } }>('/api/pipelines/chain')).body.document.name).toBe('Chain, renamed');
  });

  it('lists pipelines and the shipped templates', async () => {
    await server.json('/api/pipelines', { body: chainDocument() });
    const { body } = await server.json<{ pipelines: { id: string; isTemplate: boolean }[] }>('/api/pipelines');
    expect(body.pipelines.find((pipeline) => pipeline.id === 'chain')?.isTemplate).toBe(false);
    expect(body.pipelines.filter((pipeline) => pipeline.isTemplate).length).toBeGreaterThanOrEqual(1);
  });

  it('refuses an invalid document with every problem named, and stores nothing', async () => {
    const document = chainDocument('broken');
    document.nodes[1]!.config = { model: 'sim:writer', prompt: '{{ghost.text}}' };
    document.edges.push({ id: 'e3', source: 'out', target: 'nowhere' });
    const { status, body } = await server.json<{ error: { code: string; details: { problems: { code: string; nodeId?: string; field?: string }[] } } }>('/api/pipelines', { body: document });
    expect(status).toBe(422);
    expect(body.error.code).toBe('PIPELINE_INVALID');
    expect(body.error.details.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'GRAPH_REFERENCE_UNKNOWN', nodeId: 'answer', field: 'config.prompt' }),
        expect.objectContaining({ code: 'GRAPH_DANGLING_EDGE' }),
      ]),
    );
    expect((await server.request('/api/pipelines/broken')).status).toBe(404);
  });

  it('names an unknown model', async () => {
    const { status, body } = await server.json<{ error: { details: { problems: { code: string; field: string }[] } } }>('/api/pipelines', {
      body: chainDocument('chain', 'nosuch:model'),
    });
    expect(status).toBe(422);
    expect(body.error.details.problems[0]).toMatchObject({ code: 'MODEL_UNKNOWN', field: 'config.model' });
  });

  it('refuses malformed JSON and other content types with a 4xx', async () => {
    expect((await server.request('/api/pipelines', { method: 'POST', body: '{"schema": ', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    const plain = await server.request('/api/pipelines', { method: 'POST', body: 'hello', headers: { 'content-type': 'text/plain' } });
    expect(plain.status).toBe(415);
    expect(((await plain.json()) as { error: { message: string } }).error.message).toMatch(/application\/json/);
  });

  it('refuses a duplicate id, imports under a free id, exports the document', async () => {
    await server.json('/api/pipelines', { body: chainDocument() });
    expect((await server.json('/api/pipelines', { body: chainDocument() })).status).toBe(409);
    expect((await server.json('/api/pipelines/import', { body: chainDocument() })).body).toEqual({ id: 'chain-2', version: 1 });
    const exported = await server.request('/api/pipelines/chain/export');
    expect(exported.headers.get('content-disposition')).toContain('chain.v1.tandem.json');
    expect(((await exported.json()) as { id: string }).id).toBe('chain');
  });

  it('checks a draft and estimates latency and cost per node', async () => {
    const { body } = await server.json<{ problems: unknown[]; estimates: Record<string, { latencyMs: number }> }>('/api/pipelines/check', {
      body: chainDocument('draft', 'sim:writer?tps=100&ttft=500'),
    });
    expect(body.problems).toEqual([]);
    expect(body.estimates.answer!.latencyMs).toBeGreaterThan(500);
  });

  it('refuses requests for another host or from another origin', async () => {
    expect((await server.request('/api/pipelines', { headers: { host: 'evil.example' } })).status).toBe(403);
    const crossSite = await server.request('/api/pipelines', { body: chainDocument(), headers: { host: '127.0.0.1:8888', origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
  });
});
