import { existsSync } from 'node:fs';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineDocument } from '@tandem/shared';
import { startListeningTestServer, type ListeningTestServer } from '../testing/listening-server.ts';
import { startOpenAIWireServer, type OpenAIWireServer } from '../testing/openai-wire-server.ts';
import { createTestServer } from '../testing/test-server.ts';

let harness: ListeningTestServer;
let upstream: OpenAIWireServer;
let client: OpenAI;

beforeAll(async () => {
  upstream = await startOpenAIWireServer();
  harness = await startListeningTestServer(
    { TANDEM_API_KEYS: 'cache-test-key-0123' },
    { providerEnv: { TANDEM_OPENAI_COMPATIBLE_URL: upstream.baseURL, TANDEM_OPENAI_COMPATIBLE_MODELS: 'm' }, requestLogFlushMs: 5 },
  );
  client = harness.client('cache-test-key-0123');
});
afterAll(async () => {
  await harness.close();
  await upstream.close();
});

const withCache = (mode: string) => ({ headers: { 'x-tandem-cache': mode } });
const chat = (content: string, mode: string, model = 'local:m') => client.chat.completions.create({ model, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content }] }, withCache(mode)).withResponse();

describe('the semantic cache on /v1', () => {
  it('answers a rephrased question from the cache with its similarity, and asks the model for another question', async () => {
    const before = upstream.requests.length;
    const first = await chat('What is the capital of France?', 'semantic');
    expect(first.response.headers.get('x-tandem-cache')).toBeNull();
    const rephrased = await chat('what is the capital of france', 'semantic');
    expect(rephrased.response.headers.get('x-tandem-cache')).toBe('semantic');
    expect(Number(rephrased.response.headers.get('x-tandem-cache-similarity'))).toBeGreaterThan(0.92);
    expect(rephrased.data.choices[0]!.message.content).toBe('echo: What is the capital of France?');
    const other = await chat('How do I bake sourdough bread?', 'semantic');
    expect(other.response.headers.get('x-tandem-cache')).toBeNull();
    expect(upstream.requests.length - before).toBe(2);
  });

  it('keeps scopes apart: another system prompt or model is a miss', async () => {
    await chat('Name a red fruit.', 'semantic');
    const otherSystem = await client.chat.completions
      .create({ model: 'local:m', messages: [{ role: 'system', content: 'Answer in French.' }, { role: 'user', content: 'Name a red fruit.' }] }, withCache('semantic'))
      .withResponse();
    expect(otherSystem.response.headers.get('x-tandem-cache')).toBeNull();
  });
});

describe('the exact cache on /v1', () => {
  it('answers the same request again from the cache, and never stores an error', async () => {
    upstream.behave({ kind: 'fail', status: 503 });
    await expect(chat('exact please', 'exact')).rejects.toMatchObject({ status: 503 });
    upstream.behave({ kind: 'answer' });
    const before = upstream.requests.length;
    const miss = await chat('exact please', 'exact');
    expect(miss.response.headers.get('x-tandem-cache')).toBeNull();
    const hit = await chat('exact please', 'exact');
    expect(hit.response.headers.get('x-tandem-cache')).toBe('exact');
    expect(hit.data.choices[0]!.message.content).toBe('echo: exact please');
    expect(upstream.requests.length - before).toBe(1);
    // A streamed request for the same call is answered from the same entry.
    let streamed = '';
    for await (const chunk of await client.chat.completions.create({ model: 'local:m', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'exact please' }], stream: true }, withCache('exact'))) {
      streamed += chunk.choices[0]?.delta.content ?? '';
    }
    expect(upstream.requests.length - before).toBe(1);
    expect(streamed).toBe('echo: exact please');
  });

  it('refuses an unknown cache mode naming the header', async () => {
    await expect(chat('x', 'sometimes')).rejects.toMatchObject({ status: 400, error: { param: 'x-tandem-cache' } });
  });
});

describe('the semantic cache on llm nodes', () => {
  const cachedChain: PipelineDocument = {
    schema: 'tandem.pipeline/v1',
    id: 'cached-chain',
    name: 'Cached chain',
    inputs: { type: 'object', properties: { prompt: { type: 'string' } }, required: ['prompt'] },
    nodes: [
      { id: 'input', kind: 'input', position: { x: 0, y: 0 }, config: {} },
      { id: 'answer', kind: 'llm', position: { x: 200, y: 0 }, config: { model: 'sim:instant', prompt: '{{input.prompt}}', cache: 'semantic', cacheTtlMs: 600_000 } },
      { id: 'out', kind: 'output', position: { x: 400, y: 0 }, config: { value: '{{answer.text}}' } },
    ],
    edges: [
      { id: 'e1', source: 'input', target: 'answer' },
      { id: 'e2', source: 'answer', target: 'out' },
    ],
  };

  it('marks a hit in the trace (cache, similarity) and in the step output, and counts it', async () => {
    expect((await harness.server.json('/api/pipelines', { body: cachedChain })).status).toBe(201);
    const first = await harness.server.runToEnd('cached-chain', { prompt: 'Why is the sky blue during the day?' });
    const second = await harness.server.runToEnd('cached-chain', { prompt: 'why is the sky blue during the day' });
    const call = (events: typeof first.events) => events.find((event) => event.type === 'llm.call')!.data as { cached: boolean; cache?: string; cacheSimilarity?: number };
    expect(call(first.events)).toMatchObject({ cached: false });
    expect(call(second.events)).toMatchObject({ cached: true, cache: 'semantic', cacheSimilarity: expect.any(Number) });
    expect(second.run.outputs.out).toBe(first.run.outputs.out);
    const monitoring = await harness.server.json<{ cache: { kind: string; hits: number; misses: number }[]; buckets: { cacheHits: number }[] }>('/api/monitoring?groupBy=source');
    const semantic = monitoring.body.cache.find((entry) => entry.kind === 'semantic')!;
    expect(semantic.hits).toBeGreaterThanOrEqual(2);
    expect(semantic.misses).toBeGreaterThanOrEqual(3);
    expect(monitoring.body.buckets.reduce((sum, bucket) => sum + bucket.cacheHits, 0)).toBeGreaterThanOrEqual(3);
  });
});

describe('the semantic cache with real embeddings from a GGUF model', () => {
  const modelPath = process.env.TANDEM_TEST_GGUF ?? new URL('../../../../../shared/models/stories260K.gguf', import.meta.url).pathname;
  const found = existsSync(modelPath);
  if (!found) console.warn(`SKIPPED: GGUF model not found at ${modelPath} (set TANDEM_TEST_GGUF to run the GGUF embedding test)`);

  it.skipIf(!found)('answers the same question again from the cache, and another one from the model', async () => {
    const server = createTestServer({ TANDEM_EMBEDDINGS: `gguf:${modelPath}` });
    try {
      const ask = (content: string) =>
        server.request('/v1/chat/completions', { headers: { 'x-tandem-cache': 'semantic' }, body: { model: 'sim:instant', messages: [{ role: 'user', content }] } });
      expect((await ask('Lily played with a red ball in the park.')).headers.get('x-tandem-cache')).toBeNull();
      const again = await ask('Lily played with a red ball in the park.');
      expect(again.headers.get('x-tandem-cache')).toBe('semantic');
      expect(Number(again.headers.get('x-tandem-cache-similarity'))).toBeGreaterThan(0.999);
      expect((await ask('The dragon slept under the old stone bridge all winter long.')).headers.get('x-tandem-cache')).toBeNull();
    } finally {
      server.cleanup();
    }
  }, 60_000);
});
