import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTemporaryPostgres, testPostgresUrl, type TemporaryPostgres } from '@tandem/db/pg-testing';
import type { PipelineDocument } from '@tandem/shared';
import { startOpenAIWireServer, type OpenAIWireServer } from '../testing/openai-wire-server.ts';
import { readClusterEnv } from './cluster-env.ts';
import { startClusterWebNode, startClusterWorker, type ClusterProcess } from './cluster-processes.ts';

const serverUrl = testPostgresUrl();
const keys = ['gateway-node-key-one-0123', 'gateway-node-key-two-0123'];
const basePort = Number(process.env.TANDEM_E2E_PORT ?? 8961);

type WebNode = ClusterProcess & { port: number };

interface Answer {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON answers of several shapes
}

async function call(node: WebNode, path: string, init: { method?: string; key?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  const response = await fetch(`http://127.0.0.1:${node.port}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { authorization: `Bearer ${init.key ?? keys[0]}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

const chat = (node: WebNode, content: string, options: { key?: string; cache?: string } = {}) =>
  call(node, '/v1/chat/completions', {
    ...(options.key ? { key: options.key } : {}),
    ...(options.cache ? { headers: { 'x-tandem-cache': options.cache } } : {}),
    body: { model: 'sim:instant', messages: [{ role: 'system', content: 'Answer briefly.' }, { role: 'user', content }] },
  });

describe.skipIf(!serverUrl)('the model gateway on two web nodes over one Postgres', () => {
  let temporary: TemporaryPostgres;
  let env: (port: number, overrides?: Record<string, string | undefined>) => ReturnType<typeof readClusterEnv>;
  let nodeA: WebNode;
  let nodeB: WebNode;
  let worker: ClusterProcess | undefined;
  let wire: OpenAIWireServer;

  beforeAll(async () => {
    temporary = await createTemporaryPostgres(serverUrl!);
    const config = join(mkdtempSync(join(tmpdir(), 'tandem-cluster-gateway-')), 'gateway.json');
    writeFileSync(config, JSON.stringify({ providerLimits: { sim: { rpm: 3 } } }));
    env = (port, overrides = {}) =>
      readClusterEnv({
        TANDEM_DATABASE_URL: temporary.url,
        HOST: '127.0.0.1',
        PORT: String(port),
        TANDEM_API_KEYS: keys.join(','),
        TANDEM_PG_POOL_SIZE: '4',
        TANDEM_SECRET_KEY: 'a shared secret of the test cluster',
        TANDEM_GATEWAY_CONFIG: config,
        // Every gateway request reads the settings again: a change on one node is seen by the next request on the other.
        TANDEM_GATEWAY_SETTINGS_MAX_AGE_MS: '0',
        ...overrides,
      });
    nodeA = await startClusterWebNode(env(basePort + 1));
    nodeB = await startClusterWebNode(env(basePort + 2));
    worker = await startClusterWorker(env(0));
    wire = await startOpenAIWireServer();
  });
  afterAll(async () => {
    await worker?.close();
    await wire?.close();
    await nodeA?.close();
    await nodeB?.close();
    await temporary?.drop();
  });

  it('shares limits, the semantic cache and the request log across the nodes', async () => {
    const first = await chat(nodeA, 'What is the capital of France?', { cache: 'semantic' });
    expect(first.status).toBe(200);
    expect(first.headers.get('x-tandem-cache')).toBeNull();
    expect((await chat(nodeA, 'Count to three.')).status).toBe(200);
    expect((await chat(nodeA, 'Count to four.')).status).toBe(200);

    // The provider's limit (3 requests a minute) was spent on node A: node B refuses the fourth, as one process does.
    const refused = await chat(nodeB, 'Count to five.', { key: keys[1] });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: { type: 'rate_limit_error', code: 'PROVIDER_RATE_LIMITED', message: expect.stringContaining('3 requests per minute') } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    // A rephrasing asked on node B is answered from what node A stored, without calling the (limited) provider.
    const cached = await chat(nodeB, 'what is the capital of France', { cache: 'semantic' });
    expect(cached.status).toBe(200);
    expect(cached.headers.get('x-tandem-cache')).toBe('semantic');
    expect(Number(cached.headers.get('x-tandem-cache-similarity'))).toBeGreaterThanOrEqual(0.92);
    expect(cached.body.choices[0].message.content).toBe(first.body.choices[0].message.content);

    // One read on either node sees both nodes' requests (each node writes its rows within half a second).
    await vi.waitFor(
      async () => {
        const monitoring = await call(nodeB, '/api/monitoring?groupBy=key');
        expect(monitoring.status).toBe(200);
        const byKey = (group: string) => monitoring.body.buckets.filter((bucket: { group: string }) => bucket.group === group);
        const sum = (buckets: { requests: number; errors: number; cacheHits: number }[], field: 'requests' | 'errors' | 'cacheHits') => buckets.reduce((total, bucket) => total + bucket[field], 0);
        expect({ requests: sum(byKey('env-1'), 'requests'), cacheHits: sum(byKey('env-1'), 'cacheHits'), errors: sum(byKey('env-1'), 'errors') }).toEqual({ requests: 4, cacheHits: 1, errors: 0 });
        expect({ requests: sum(byKey('env-2'), 'requests'), errors: sum(byKey('env-2'), 'errors') }).toEqual({ requests: 1, errors: 1 });
        expect(monitoring.body.latencyHistogram.reduce((total: number, bin: { count: number }) => total + bin.count, 0)).toBe(5);
        expect(monitoring.body.cache).toContainEqual(expect.objectContaining({ kind: 'semantic', hits: 1, misses: 1 }));
      },
      { timeout: 10_000, interval: 100 },
    );
  });

  it('shares pools, providers and their sealed keys, with the single process’s shapes and errors', async () => {
    const created = await call(nodeA, '/api/providers/pools/steady', { method: 'PUT', body: { strategy: 'priority', members: [{ model: 'sim:instant' }, { model: 'sim:writer' }] } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'steady', strategy: 'priority' });
    const provider = await call(nodeA, '/api/providers/vendor', { method: 'PUT', body: { kind: 'openai-compatible', baseURL: 'http://127.0.0.1:9/v1', models: ['m'], apiKey: 'sk-vendor-secret-7777' } });
    expect(provider.status).toBe(201);
    expect(JSON.stringify(provider.body)).not.toContain('sk-vendor-secret');

    const view = await call(nodeB, '/api/providers');
    expect(view.status).toBe(200);
    expect(view.body.pools).toContainEqual(expect.objectContaining({ name: 'steady', members: [expect.objectContaining({ model: 'sim:instant', breaker: 'closed' }), expect.objectContaining({ model: 'sim:writer' })] }));
    expect(view.body.providers).toContainEqual(expect.objectContaining({ name: 'vendor', source: 'settings', keyLast4: '7777' }));
    expect(view.body.providers).toContainEqual(expect.objectContaining({ name: 'sim', limits: { rpm: 3 } }));
    const models = await call(nodeB, '/v1/models');
    expect(models.body.data.map((model: { id: string }) => model.id)).toEqual(expect.arrayContaining(['pool:steady', 'vendor:m', 'sim:instant']));

    const deleted = await call(nodeB, '/api/providers/pools/steady', { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect((await call(nodeA, '/api/providers/pools/steady', { method: 'DELETE' })).body).toMatchObject({ error: { code: 'NOT_FOUND', details: { field: 'name' } } });
    expect((await call(nodeA, '/api/providers/vendor', { method: 'DELETE' })).status).toBe(204);
    expect((await call(nodeB, '/api/providers')).body.providers.map((entry: { name: string }) => entry.name)).not.toContain('vendor');

    const badPool = await call(nodeB, '/api/providers/pools/broken', { method: 'PUT', body: { strategy: 'priority', members: [{ model: 'nowhere:x' }] } });
    expect(badPool.status).toBe(400);
    expect(badPool.body).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect((await call(nodeB, '/api/monitoring?rangeMs=5')).body).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { field: 'rangeMs' } } });
  });

  it('answers what it does not serve in OpenAI’s shape, and asks for a key', async () => {
    const pipeline = await call(nodeA, '/v1/chat/completions', { body: { model: 'pipeline:anything', messages: [{ role: 'user', content: 'hi' }] } });
    expect(pipeline.status).toBe(404);
    expect(pipeline.body).toMatchObject({ error: { code: 'model_not_found', param: 'model', message: expect.stringContaining("cluster's web nodes") } });
    const unknownPath = await call(nodeB, '/v1/embeddings', { body: {} });
    expect(unknownPath.status).toBe(404);
    expect(unknownPath.body).toMatchObject({ error: { type: 'invalid_request_error', message: expect.stringContaining('/v1/embeddings') } });
    const anonymous = await fetch(`http://127.0.0.1:${nodeA.port}/v1/models`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { type: 'authentication_error' } });
  });

  it('runs pipelines on a worker through the same gateway: Settings providers and their keys, and one request log', async () => {
    const provider = await call(nodeA, '/api/providers/wire', { method: 'PUT', body: { kind: 'openai-compatible', baseURL: wire.baseURL, models: ['m'], apiKey: 'sk-wire-key-for-workers-4321' } });
    expect(provider.status).toBe(201);
    const document: PipelineDocument = {
      schema: 'tandem.pipeline/v1',
      id: 'through-the-gateway',
      name: 'Through the gateway',
      inputs: { type: 'object', properties: { prompt: { type: 'string' } }, required: ['prompt'] },
      nodes: [
        { id: 'input', kind: 'input', position: { x: 0, y: 0 }, config: {} },
        { id: 'ask', kind: 'llm', position: { x: 200, y: 0 }, config: { model: 'wire:m', prompt: '{{input.prompt}}' } },
        { id: 'out', kind: 'output', position: { x: 400, y: 0 }, config: { value: '{{ask.text}}' } },
      ],
      edges: [
        { id: 'e0', source: 'input', target: 'ask' },
        { id: 'e1', source: 'ask', target: 'out' },
      ],
    };
    expect((await call(nodeA, '/api/pipelines', { body: document })).status).toBe(201);
    const started = await call(nodeB, '/api/runs', { body: { pipelineId: document.id, inputs: { prompt: 'hello from a worker' } } });
    expect(started.status).toBe(201);
    await vi.waitFor(
      async () => {
        const run = await call(nodeA, `/api/runs/${started.body.id}`);
        expect(run.body).toMatchObject({ status: 'completed', outputs: { out: 'echo: hello from a worker' } });
      },
      { timeout: 20_000, interval: 100 },
    );
    // The worker called the provider stored on node A with the key sealed there.
    expect(wire.requests.at(-1)!.headers.authorization).toBe('Bearer sk-wire-key-for-workers-4321');
    await vi.waitFor(
      async () => {
        const monitoring = await call(nodeB, '/api/monitoring?groupBy=pipeline');
        expect(monitoring.body.buckets).toContainEqual(expect.objectContaining({ group: document.id, requests: 1, errors: 0 }));
      },
      { timeout: 10_000, interval: 100 },
    );
  });

  it('stores no provider key on a node without TANDEM_SECRET_KEY, and serves the rest without the keys it cannot open', async () => {
    const keyless = await startClusterWebNode(env(basePort + 3, { TANDEM_SECRET_KEY: undefined }));
    try {
      const view = await call(keyless, '/api/providers');
      expect(view.status).toBe(200);
      expect(view.body.providers).toContainEqual(expect.objectContaining({ name: 'wire', source: 'settings' }));
      const refused = await call(keyless, '/api/providers/other', { method: 'PUT', body: { kind: 'openai-compatible', baseURL: 'http://127.0.0.1:9/v1', models: ['m'], apiKey: 'sk-never-stored-5555' } });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { field: 'apiKey' } } });
      expect((await call(nodeA, '/api/providers')).body.providers.map((entry: { name: string }) => entry.name)).not.toContain('other');
    } finally {
      await keyless.close();
    }
  });
});
