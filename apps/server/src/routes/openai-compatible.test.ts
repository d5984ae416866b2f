import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainDocument, createTestServer } from '../testing/test-server.ts';

let server: ReturnType<typeof createTestServer>;
let listener: ServerType;
let client: OpenAI;

beforeAll(async () => {
  server = createTestServer({ TANDEM_API_KEYS: 'test-key' });
  await server.json('/api/pipelines', { body: chainDocument('chat-chain') });
  listener = serve({ fetch: server.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => listener.once('listening', resolve));
  const { port } = listener.address() as AddressInfo;
  client = new OpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: 'test-key', maxRetries: 0 });
});
afterAll(() => {
  listener.close();
  server.cleanup();
});

describe('the OpenAI-compatible API, driven by the official openai client', () => {
  it('lists pipelines and provider models', async () => {
    const ids = (await client.models.list()).data.map((model) => model.id);
    expect(ids).toContain('pipeline:chat-chain');
    expect(ids.some((id) => id.startsWith('sim:'))).toBe(true);
  });

  it('runs a pipeline for model pipeline:<id>, as an ordinary stored run', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'pipeline:chat-chain', messages: [{ role: 'user', content: 'Name three rivers' }] })
      .withResponse();
    expect(data.choices[0]!.message.content!.length).toBeGreaterThan(0);
    expect(data.usage!.total_tokens).toBeGreaterThan(0);
    const runId = response.headers.get('x-tandem-run-id')!;
    expect((await server.json<{ status: string; inputs: { prompt: string } }>(`/api/runs/${runId}`)).body).toMatchObject({ status: 'completed', inputs: { prompt: 'Name three rivers' } });
  });

  it('streams a provider model token by token and ends with [DONE]', async () => {
    const stream = await client.chat.completions.create({ model: 'sim:writer?tps=300&ttft=10', messages: [{ role: 'user', content: 'Tell me about tides' }], stream: true });
    const pieces: string[] = [];
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      pieces.push(chunk.choices[0]?.delta.content ?? '');
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(pieces.filter(Boolean).length).toBeGreaterThan(3);
    expect(finish).toBe('stop');
  });

  it('answers errors in OpenAI shape', async () => {
    await expect(client.chat.completions.create({ model: 'nosuch:model', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ status: 422 });
    await expect(client.chat.completions.create({ model: 'pipeline:ghost', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ status: 422 });
    await expect(client.chat.completions.create({ model: 'sim:writer', messages: [] })).rejects.toMatchObject({ status: 400, error: { param: 'messages' } });
    const anonymous = new OpenAI({ baseURL: client.baseURL, apiKey: 'wrong', maxRetries: 0 });
    await expect(anonymous.models.list()).rejects.toMatchObject({ status: 401 });
  });
});
