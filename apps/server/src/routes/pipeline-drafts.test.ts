import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GraphProblem, PipelineVersionView } from '@tandem/shared';
import { chainDocument, createTestServer } from '../testing/test-server.ts';

let server: ReturnType<typeof createTestServer>;
beforeEach(() => (server = createTestServer()));
afterEach(() => server.cleanup());

function brokenChain(id = 'chain') {
  const document = chainDocument(id);
  document.nodes[1]!.config = { model: 'sim:writer', prompt: 'Answer {{nope.text}}' };
  return document;
}

describe('pipeline drafts', () => {
  it('keeps answering 422 unless the client asks for a draft', async () => {
    expect((await server.json('/api/pipelines', { body: brokenChain() })).status).toBe(422);
    const created = await server.json<{ id: string; draft: boolean; problems: GraphProblem[] }>('/api/pipelines?draft=1', { body: brokenChain() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'chain', draft: true, problems: [expect.objectContaining({ code: 'GRAPH_REFERENCE_UNKNOWN', nodeId: 'answer', field: 'config.prompt' })] });

    const view = await server.json<PipelineVersionView>('/api/pipelines/chain');
    expect(view.body).toMatchObject({ version: 0, versions: [], draft: { baseVersion: 0 } });
    expect(view.body.document.nodes[1]!.config.prompt).toBe('Answer {{nope.text}}');
    const list = await server.json<{ pipelines: { id: string; hasDraft?: boolean; nodeCount: number }[] }>('/api/pipelines');
    expect(list.body.pipelines.find((pipeline) => pipeline.id === 'chain')).toMatchObject({ hasDraft: true, nodeCount: 3 });

    // A draft never runs.
    const run = await server.json<{ error: { message: string } }>('/api/runs', { body: { pipelineId: 'chain', inputs: { prompt: 'hi' } } });
    expect(run.status).toBe(404);
    expect(run.body.error.message).toContain('only a draft');
  });

  it('saves a draft beside the versions, and a valid version clears it', async () => {
    await server.json('/api/pipelines', { body: chainDocument() });
    const saved = await server.json('/api/pipelines/chain?draft=1', { method: 'PUT', body: brokenChain() });
    expect(saved.status).toBe(200);
    const latest = await server.json<PipelineVersionView>('/api/pipelines/chain');
    expect(latest.body).toMatchObject({ version: 1, versions: [1], draft: { baseVersion: 1 } });
    expect(latest.body.document.nodes[1]!.config.prompt).toBe(chainDocument().nodes[1]!.config.prompt);
    expect((await server.json<PipelineVersionView>('/api/pipelines/chain?version=1')).body.draft).toBeUndefined();

    // Runs still use the version.
    expect((await server.json('/api/runs', { body: { pipelineId: 'chain', inputs: { prompt: 'hi' } } })).status).toBe(201);

    expect((await server.json('/api/pipelines/chain', { method: 'PUT', body: chainDocument() })).body).toEqual({ id: 'chain', version: 2 });
    expect((await server.json<PipelineVersionView>('/api/pipelines/chain')).body.draft).toBeUndefined();
  });

  it('discards a draft, refuses a draft for a missing pipeline or another id, and keeps a pipeline id free of conflicts', async () => {
    await server.json('/api/pipelines', { body: chainDocument() });
    await server.json('/api/pipelines/chain?draft=1', { method: 'PUT', body: brokenChain() });
    expect((await server.request('/api/pipelines/chain/draft', { method: 'DELETE' })).status).toBe(204);
    expect((await server.json<PipelineVersionView>('/api/pipelines/chain')).body.draft).toBeUndefined();

    expect((await server.json('/api/pipelines/ghost?draft=1', { method: 'PUT', body: brokenChain('ghost') })).status).toBe(404);
    const mismatch = await server.json<{ error: { details: { problems: GraphProblem[] } } }>('/api/pipelines/chain?draft=1', { method: 'PUT', body: brokenChain('other') });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.error.details.problems[0]).toMatchObject({ field: 'id' });
    expect((await server.json('/api/pipelines?draft=1', { body: brokenChain() })).status).toBe(409);
  });

  it('refuses what is not a pipeline document at all, naming the field', async () => {
    const { status, body } = await server.json<{ error: { details: { problems: GraphProblem[] } } }>('/api/pipelines?draft=1', { body: { schema: 'tandem.pipeline/v1', name: 'No id', nodes: [], edges: [] } });
    expect(status).toBe(422);
    expect(body.error.details.problems.map((problem) => problem.field)).toContain('id');
  });
});

describe('GET /api/pipelines/:id/diff', () => {
  it('answers added, removed and changed nodes and edges between two versions', async () => {
    await server.json('/api/pipelines', { body: chainDocument() });
    const next = chainDocument();
    next.nodes[1]!.config = { ...next.nodes[1]!.config, model: 'sim:critic' };
    next.nodes.push({ id: 'note', kind: 'text', position: { x: 0, y: 300 }, config: { template: 'Hello {{input.prompt}}' } });
    next.edges.push({ id: 'e-note', source: 'input', target: 'note' });
    await server.json('/api/pipelines/chain', { method: 'PUT', body: next });
    const { status, body } = await server.json('/api/pipelines/chain/diff?from=1&to=2');
    expect(status).toBe(200);
    expect(body).toEqual({ added: ['note'], removed: [], changed: [{ nodeId: 'answer', fields: ['config.model'] }], edges: { added: ['e-note'], removed: [] } });
    expect((await server.json('/api/pipelines/chain/diff?from=2&to=1')).body).toMatchObject({ added: [], removed: ['note'], edges: { removed: ['e-note'] } });
  });

  it('names the missing or bad parameter, and a missing version', async () => {
    await server.json('/api/pipelines', { body: chainDocument() });
    expect((await server.json<{ error: { details: { field: string } } }>('/api/pipelines/chain/diff?from=1')).body.error.details.field).toBe('to');
    expect((await server.json<{ error: { details: { field: string } } }>('/api/pipelines/chain/diff?from=x&to=1')).body.error.details.field).toBe('from');
    expect((await server.json('/api/pipelines/chain/diff?from=1&to=9')).status).toBe(404);
  });
});

describe('system pipelines', () => {
  it('marks the compatibility pipeline as the server’s own and refuses to delete it', async () => {
    await server.json('/generate', { body: { prompt: 'Hello' } });
    const list = await server.json<{ pipelines: { id: string; isSystem?: boolean }[] }>('/api/pipelines');
    expect(list.body.pipelines.find((pipeline) => pipeline.id === 'orchestration')).toMatchObject({ isSystem: true });
    const refused = await server.json<{ error: { code: string; message: string } }>('/api/pipelines/orchestration', { method: 'DELETE' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('cannot be deleted');
  });
});
