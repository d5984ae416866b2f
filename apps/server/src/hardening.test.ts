import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PipelineSummary } from '@tandem/shared';
import { chainDocument, createTestServer } from './testing/test-server.ts';

let server: ReturnType<typeof createTestServer>;
beforeEach(() => (server = createTestServer()));
afterEach(() => server.cleanup());

type ErrorAnswer = { error: { code: string; message: string; details?: { field?: string; problems?: { code: string; field: string; message: string }[] } } };

function nestedSchema(depth: number): Record<string, unknown> {
  let schema: Record<string, unknown> = { type: 'string' };
  for (let level = 0; level < depth; level++) schema = { type: 'object', properties: { a: schema } };
  return schema;
}

const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('deep JSON', () => {
  it('refuses a pipeline whose input schema nests 999 deep, naming the path, and the list keeps working', async () => {
    const refused = await server.json<ErrorAnswer>('/api/pipelines', { body: { ...chainDocument('deep'), inputs: nestedSchema(999) } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/^inputs\.properties\.a\.properties\.a.*nested deeper than 64 levels/);
    expect(refused.body.error.details!.field).toMatch(/^inputs\.properties\.a\./);
    const list = await server.json<{ pipelines: PipelineSummary[] }>('/api/pipelines');
    expect(list.status).toBe(200);
    expect(list.body.pipelines.map((pipeline) => pipeline.id)).not.toContain('deep');
  });

  it('answers 400, not 500, for deep bodies on every write route', async () => {
    await server.json('/api/pipelines', { body: chainDocument() });
    const body = `{"value":${deepArray(100_000)}}`;
    for (const [method, path] of [
      ['POST', '/api/pipelines'],
      ['POST', '/api/pipelines/check'],
      ['POST', '/api/pipelines/import'],
      ['PUT', '/api/pipelines/chain'],
      ['POST', '/api/runs'],
      ['POST', '/api/runs/some-run/nodes/approve/submit'],
      ['PUT', '/api/settings'],
      ['POST', '/generate'],
      ['PUT', '/config/orchestration'],
      ['POST', '/v1/chat/completions'],
    ] as const) {
      const response = await server.request(path, { method, body });
      expect(response.status, `${method} ${path}`).toBe(400);
      expect(await response.text(), `${method} ${path}`).toMatch(/nested deeper than 64 levels/);
    }
    expect((await server.request('/healthz')).status).toBe(200);
  });

  it('accepts a document at the depth limit', async () => {
    const response = await server.json('/api/pipelines', { body: { ...chainDocument('at-limit'), inputs: { type: 'object', properties: { prompt: { type: 'string' }, nested: nestedSchema(29) } } } });
    expect(response.status).toBe(201);
  });
});

describe('input schemas', () => {
  it.each([
    [{ type: 'object', properties: 5 }, 'inputs.properties', 'properties'],
    [{ type: 'bogus' }, 'inputs.type', 'type'],
    [{ type: 'object', properties: { prompt: { type: 'string' } }, required: 'prompt' }, 'inputs.required', 'required'],
    [{ type: 'object', properties: { prompt: { type: 'string', pattern: '[' } } }, 'inputs.properties.prompt.pattern', 'pattern'],
  ])('refuses %j with a 422 naming %s and the keyword', async (inputs, field, keyword) => {
    const refused = await server.json<ErrorAnswer>('/api/pipelines', { body: { ...chainDocument('bad-schema'), inputs } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('PIPELINE_INVALID');
    const problem = refused.body.error.details!.problems!.find((candidate) => candidate.code === 'SCHEMA_INVALID')!;
    expect(problem.field).toBe(field);
    expect(problem.message).toContain(`"${keyword}"`);
    const imported = await server.json('/api/pipelines/import', { body: { ...chainDocument('bad-schema'), inputs } });
    expect(imported.status).toBe(422);
    expect((await server.json('/api/pipelines/bad-schema')).status).toBe(404);
  });

  it('shows schema problems in the editor’s check', async () => {
    const { body } = await server.json<{ problems: { code: string; field: string }[] }>('/api/pipelines/check', { body: { ...chainDocument(), inputs: { type: 'bogus' } } });
    expect(body.problems).toContainEqual(expect.objectContaining({ code: 'SCHEMA_INVALID', field: 'inputs.type' }));
  });

  it('names the schema, not a garbled field, when a run meets a schema stored before this check', async () => {
    await server.json('/api/pipelines', { body: chainDocument('legacy') });
    server.context.repositories.pipelines.saveVersion('legacy', { ...chainDocument('legacy'), inputs: { type: 'object', properties: { prompt: { type: 'string', pattern: '[' } } } });
    const refused = await server.json<ErrorAnswer>('/api/runs', { body: { pipelineId: 'legacy', inputs: { prompt: 'x' } } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details!.problems![0]).toMatchObject({ field: 'inputs' });
    expect(refused.body.error.message).toMatch(/^The pipeline's input schema is invalid/);
  });
});

describe('body size', () => {
  const tenMegabytes = JSON.stringify({ prompt: 'x'.repeat(10 * 1024 * 1024) });

  it.each(['/api/pipelines', '/generate', '/v1/chat/completions', '/config/orchestration'])('refuses a 10 MB body on %s with 413 before reading it', async (path) => {
    const response = await server.request(path, { method: path.startsWith('/config') ? 'PUT' : 'POST', body: tenMegabytes, headers: { 'content-length': String(tenMegabytes.length) } });
    expect(response.status).toBe(413);
    const body = (await response.json()) as ErrorAnswer & { error: { type?: string } };
    if (path.startsWith('/v1')) expect(body.error).toMatchObject({ code: 'BODY_TOO_LARGE', type: 'invalid_request_error' });
    else expect(body.error).toMatchObject({ code: 'BODY_TOO_LARGE', message: expect.stringContaining('2 MB') });
  });

  it('refuses a chunked body once it passes the limit', async () => {
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let index = 0; index < 40; index++) controller.enqueue(new TextEncoder().encode('x'.repeat(100_000)));
        controller.close();
      },
    });
    const response = await server.app.request('/generate', { method: 'POST', body: chunks, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(413);
  });

  it('takes its limit from TANDEM_BODY_LIMIT', async () => {
    const small = createTestServer({ TANDEM_BODY_LIMIT: 2048 });
    try {
      expect((await small.request('/generate', { body: { prompt: 'x'.repeat(4000) } })).status).toBe(413);
      expect((await small.request('/api/pipelines', { body: chainDocument() })).status).toBe(201);
    } finally {
      small.cleanup();
    }
  });
});

describe('media types', () => {
  it.each([
    ['application/json', 201],
    ['APPLICATION/JSON', 201],
    ['application/json; charset=utf-8', 201],
    ['application/vnd.tandem+json', 201],
    ['application/jsonx', 415],
    ['text/html; a=application/json', 415],
    ['text/plain', 415],
    ['application/json;;;', 415],
  ])('%s → %i', async (type, status) => {
    const response = await server.request('/api/pipelines', { method: 'POST', body: JSON.stringify(chainDocument()), headers: { 'content-type': type } });
    expect(response.status).toBe(status);
  });
});
