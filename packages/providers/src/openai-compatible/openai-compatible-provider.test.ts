import util from 'node:util';
import { readFileSync } from 'node:fs';
import { StudioError } from '@tandem/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { sendEventStream, sendJson, startRecordingServer, type RecordingServer } from '../__fixtures__/recording-server.ts';
import { classifyProviderError } from '@tandem/engine';
import { createOpenAICompatibleProvider } from './openai-compatible-provider.ts';
import { readAllParts, captureError } from '../__fixtures__/stream-parts.ts';

const fixture = (name: string): string => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const prompt = [
  { role: 'system' as const, content: 'Answer in one sentence.' },
  { role: 'user' as const, content: [{ type: 'text' as const, text: 'What does photosynthesis do?' }] },
];
const apiKey = 'sk-test-key-1234567890';

let server: RecordingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function providerFor(origin: string) {
  return createOpenAICompatibleProvider({ name: 'openai', baseURL: `${origin}/v1`, apiKey, models: ['gpt-4o-mini'] });
}

describe('createOpenAICompatibleProvider', () => {
  it('generates text from a chat completion and sends the request OpenAI expects', async () => {
    server = await startRecordingServer((_request, response) => sendJson(response, 200, fixture('chat-completion.json')));
    const model = providerFor(server.origin).languageModel('gpt-4o-mini');
    const result = await model.doGenerate({ prompt, temperature: 0.3, maxOutputTokens: 100 });

    expect(result.content).toEqual([{ type: 'text', text: 'Photosynthesis turns light energy into chemical energy stored in sugar.' }]);
    expect(result.finishReason.unified).toBe('stop');
    expect(result.usage.inputTokens.total).toBe(24);
    expect(result.usage.outputTokens.total).toBe(13);

    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(request?.body).toMatchObject({
      model: 'gpt-4o-mini',
      temperature: 0.3,
      max_tokens: 100,
      messages: [
        { role: 'system', content: 'Answer in one sentence.' },
        { role: 'user', content: 'What does photosynthesis do?' },
      ],
    });
    expect((request?.body as { stream?: boolean }).stream).not.toBe(true);
  });

  it('streams text deltas and the final usage chunk', async () => {
    server = await startRecordingServer((_request, response) => sendEventStream(response, fixture('chat-completion.stream.txt')));
    const model = providerFor(server.origin).languageModel('gpt-4o-mini');
    const { stream } = await model.doStream({ prompt, temperature: 0 });
    const parts = await readAllParts(stream);

    const deltas = parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : []));
    expect(deltas.length).toBeGreaterThanOrEqual(4);
    expect(deltas.join('')).toBe('Photosynthesis turns light into sugar.');
    const finish = parts.find((part) => part.type === 'finish');
    expect(finish).toMatchObject({ finishReason: { unified: 'stop' }, usage: { inputTokens: { total: 24 }, outputTokens: { total: 7 } } });

    expect(server.requests[0]?.body).toMatchObject({
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0,
      messages: [{ role: 'system' }, { role: 'user', content: 'What does photosynthesis do?' }],
    });
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${apiKey}`);
  });

  it('maps a 401 to PROVIDER_AUTH_FAILED without retrying', async () => {
    server = await startRecordingServer((_request, response) => sendJson(response, 401, fixture('error-401.json')));
    const model = providerFor(server.origin).languageModel('gpt-4o-mini');
    const error = classifyProviderError(await captureError(() => model.doStream({ prompt })), { provider: 'openai', model: 'gpt-4o-mini' });

    expect(StudioError.is(error)).toBe(true);
    expect(error.code).toBe('PROVIDER_AUTH_FAILED');
    expect(error.message).toContain('Incorrect API key provided');
    expect(error.message).not.toContain(apiKey);
    expect(error.details).toMatchObject({ provider: 'openai', model: 'gpt-4o-mini', statusCode: 401, retryable: false });
    expect(server.requests).toHaveLength(1);
  });

  it('masks the key when the upstream echoes it, in thrown errors and in stream failures', async () => {
    const echoed = { error: { message: `Incorrect API key provided: ${apiKey}. You can find your API key at …`, type: 'invalid_request_error', code: 'invalid_api_key' } };
    server = await startRecordingServer((_request, response) => sendJson(response, 401, echoed));
    const model = providerFor(server.origin).languageModel('gpt-4o-mini');
    for (const call of [() => model.doGenerate({ prompt }), () => model.doStream({ prompt })]) {
      const thrown = await captureError(call);
      // Everything the thrown error holds, its own fields and its cause chain included.
      const everything = JSON.stringify(thrown, [...new Set([...Object.getOwnPropertyNames(thrown as object), 'message', 'cause', 'responseBody', 'url', 'data'])]);
      expect(everything).not.toContain(apiKey);
      expect(util.inspect(thrown, { depth: 10 })).not.toContain(apiKey);
      const error = classifyProviderError(thrown, { provider: 'openai', model: 'gpt-4o-mini' });
      expect(error.code).toBe('PROVIDER_AUTH_FAILED');
      expect(error.message).toContain('Incorrect API key provided: [redacted]');
      expect(util.inspect(error, { depth: 10 })).not.toContain(apiKey);
    }
  });

  it('maps a 429 to PROVIDER_RATE_LIMITED with the retry-after delay, without retrying', async () => {
    server = await startRecordingServer((_request, response) => sendJson(response, 429, fixture('error-429.json'), { 'retry-after': '20' }));
    const model = providerFor(server.origin).languageModel('gpt-4o-mini');
    const error = classifyProviderError(await captureError(() => model.doGenerate({ prompt })));

    expect(error.code).toBe('PROVIDER_RATE_LIMITED');
    expect(error.details).toMatchObject({ statusCode: 429, retryable: true, retryAfterMs: 20_000 });
    expect(server.requests).toHaveLength(1);
  });

  it('maps 5xx and unreachable servers to PROVIDER_UNAVAILABLE, and 400/404/422 to PROVIDER_BAD_REQUEST', async () => {
    let status = 503;
    server = await startRecordingServer((_request, response) => sendJson(response, status, { error: { message: `status ${status}`, type: 'server_error' } }));
    const model = providerFor(server.origin).languageModel('gpt-4o-mini');
    expect(classifyProviderError(await captureError(() => model.doGenerate({ prompt }))).code).toBe('PROVIDER_UNAVAILABLE');
    for (status of [400, 404, 422]) {
      expect(classifyProviderError(await captureError(() => model.doGenerate({ prompt }))).code).toBe('PROVIDER_BAD_REQUEST');
    }
    const origin = server.origin;
    await server.close();
    server = undefined;
    const unreachable = providerFor(origin).languageModel('gpt-4o-mini');
    const error = classifyProviderError(await captureError(() => unreachable.doGenerate({ prompt })));
    expect(error.code).toBe('PROVIDER_UNAVAILABLE');
    expect(error.details).toMatchObject({ retryable: true });
  });

  it('stops a stream when the abort signal fires', async () => {
    server = await startRecordingServer(async (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(`${fixture('chat-completion.stream.txt').split('\n\n')[1]}\n\n`);
      // never finishes on its own
    });
    const controller = new AbortController();
    const { stream } = await providerFor(server.origin).languageModel('gpt-4o-mini').doStream({ prompt, abortSignal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await captureError(() => readAllParts(stream));
    expect(classifyProviderError(error).code).toBe('RUN_ABORTED');
  });

  it('describes and lists known models with their prices', () => {
    const provider = createOpenAICompatibleProvider({ name: 'openai', baseURL: 'http://127.0.0.1:1/v1', models: ['gpt-4o-mini'], label: 'OpenAI' });
    expect(provider.describe('gpt-4o-mini')?.price).toEqual({ input: 0.15, output: 0.6 });
    expect(provider.describe('gpt-4o-mini-2024-07-18')?.price).toEqual({ input: 0.15, output: 0.6 });
    expect(provider.describe('some-local-model')).toBeUndefined();
    expect(provider.listModels()).toEqual([
      expect.objectContaining({ id: 'openai:gpt-4o-mini', provider: 'openai', label: 'gpt-4o-mini (OpenAI)', simulated: false, price: { input: 0.15, output: 0.6 } }),
    ]);
    expect(() => provider.languageModel('')).toThrow(expect.objectContaining({ code: 'MODEL_UNKNOWN' }));
  });
});
