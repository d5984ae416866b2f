import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '@tandem/engine';
import { createOpenAICompatibleProvider, createProviderRegistry } from '@tandem/providers';
import type { ModelCatalog } from '../context.ts';
import { chainDocument, createTestServer } from '../testing/test-server.ts';

/** A clock whose sleeps return at once and are recorded, so a 2 s Retry-After costs no time. */
function createRecordingClock(): Clock & { sleeps: number[] } {
  let now = Date.now();
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    async sleep(ms) {
      sleeps.push(ms);
      now += ms;
    },
  };
}

const completionChunks = ['Tides ', 'follow ', 'the ', 'moon.'];

/** An OpenAI-compatible endpoint: the first `failures` requests get `status` with the given headers, then a streamed completion. */
async function startUpstream(failures: number, status: number, headers: Record<string, string>) {
  const requests: { path: string; body: { model?: string; stream?: boolean } }[] = [];
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    request.on('end', () => {
      requests.push({ path: request.url ?? '', body: JSON.parse(raw) as { model?: string } });
      if (requests.length <= failures) {
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(JSON.stringify({ error: { message: 'Rate limit reached for gpt-4o-mini, please try again in 2s.', type: 'requests', code: 'rate_limit_exceeded' } }));
        return;
      }
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const chunk = (delta: Record<string, unknown>, finish: string | null, usage: unknown = null) =>
        `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: finish === 'none' ? [] : [{ index: 0, delta, finish_reason: finish }], usage })}\n\n`;
      response.write(chunk({ role: 'assistant', content: '' }, null));
      for (const content of completionChunks) response.write(chunk({ content }, null));
      response.write(chunk({}, 'stop'));
      response.write(chunk({}, 'none', { prompt_tokens: 12, completion_tokens: 4, total_tokens: 16 }));
      response.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function modelsFor(origin: string): ModelCatalog {
  const openai = createOpenAICompatibleProvider({ name: 'openai', baseURL: `${origin}/v1`, apiKey: 'sk-test-0123456789', models: ['gpt-4o-mini'] });
  return createProviderRegistry({ providers: { openai } });
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('when an OpenAI-compatible provider answers 429 with retry-after: 2, then 200', () => {
  it('the llm step sleeps the 2 s the provider asked (on the injected clock), retries once and completes', async () => {
    const upstream = await startUpstream(1, 429, { 'retry-after': '2' });
    const clock = createRecordingClock();
    const server = createTestServer({}, { models: modelsFor(upstream.origin), clock });
    cleanups.push(upstream.close, server.cleanup);

    const document = chainDocument('rate-limited', 'openai:gpt-4o-mini');
    document.nodes[1]!.config.retry = { maxRetries: 2, initialMs: 100, factor: 2 };
    expect((await server.json('/api/pipelines', { body: document })).status).toBe(201);
    const { run, events } = await server.runToEnd('rate-limited', { prompt: 'Why are there tides?' });

    expect(run.status).toBe('completed');
    expect(run.outputs).toEqual({ out: completionChunks.join('') });
    expect(clock.sleeps).toEqual([2000]);
    expect(upstream.requests.map((request) => request.body.model)).toEqual(['gpt-4o-mini', 'gpt-4o-mini']);
    const retrying = events.filter((event) => event.type === 'step.retrying');
    expect(retrying.map((event) => event.data)).toMatchObject([{ code: 'PROVIDER_RATE_LIMITED', delayMs: 2000, fallback: false, model: 'openai:gpt-4o-mini' }]);
    expect(JSON.stringify(events)).not.toContain('sk-test-0123456789');
  });

  it('a Retry-After beyond the cap is not waited: the step fails at once, saying how long the provider asked', async () => {
    const upstream = await startUpstream(5, 429, { 'retry-after': '600' });
    const clock = createRecordingClock();
    const server = createTestServer({}, { models: modelsFor(upstream.origin), clock });
    cleanups.push(upstream.close, server.cleanup);

    const document = chainDocument('rate-limited', 'openai:gpt-4o-mini');
    document.nodes[1]!.config.retry = { maxRetries: 3, initialMs: 100, factor: 2 };
    await server.json('/api/pipelines', { body: document });
    const { run } = await server.runToEnd('rate-limited', { prompt: 'Why are there tides?' });

    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ code: 'PROVIDER_RATE_LIMITED', nodeId: 'answer' });
    expect(run.error!.message).toContain('the provider asked to wait 600 s, longer than the 60 s a retry waits at most');
    expect(clock.sleeps).toEqual([]);
    expect(upstream.requests).toHaveLength(1);
  });
});

describe('when /v1/chat/completions calls a provider model that answers 429', () => {
  it('answers 429 in OpenAI shape and passes on Retry-After', async () => {
    const upstream = await startUpstream(1, 429, { 'retry-after': '2' });
    const server = createTestServer({}, { models: modelsFor(upstream.origin) });
    cleanups.push(upstream.close, server.cleanup);

    const response = await server.request('/v1/chat/completions', { body: { model: 'openai:gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] } });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(await response.json()).toMatchObject({ error: { type: 'rate_limit_error', code: 'PROVIDER_RATE_LIMITED' } });
  });
});
