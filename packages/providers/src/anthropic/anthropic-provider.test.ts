import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { sendEventStream, sendJson, startRecordingServer, type RecordingServer } from '../__fixtures__/recording-server.ts';
import { classifyProviderError } from '@tandem/engine';
import { createAnthropicProvider } from './anthropic-provider.ts';
import { readAllParts, captureError } from '../__fixtures__/stream-parts.ts';

const fixture = (name: string): string => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const prompt = [
  { role: 'system' as const, content: 'Answer in one sentence.' },
  { role: 'user' as const, content: [{ type: 'text' as const, text: 'What does photosynthesis do?' }] },
];
const apiKey = 'sk-ant-test-0000';

let server: RecordingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const modelFor = (origin: string) => createAnthropicProvider({ apiKey, baseURL: `${origin}/v1` }).languageModel('claude-3-5-haiku-latest');

describe('createAnthropicProvider', () => {
  it('generates text through POST /v1/messages with the key and version headers', async () => {
    server = await startRecordingServer((_request, response) => sendJson(response, 200, fixture('message.json')));
    const result = await modelFor(server.origin).doGenerate({ prompt, temperature: 0.2, maxOutputTokens: 200 });

    expect(result.content).toEqual([expect.objectContaining({ type: 'text', text: 'Photosynthesis turns sunlight, water and carbon dioxide into sugar and oxygen.' })]);
    expect(result.finishReason.unified).toBe('stop');
    expect(result.usage.inputTokens.total).toBe(21);
    expect(result.usage.outputTokens.total).toBe(17);

    const [request] = server.requests;
    expect(request?.path).toBe('/v1/messages');
    expect(request?.headers['x-api-key']).toBe(apiKey);
    expect(request?.headers['anthropic-version']).toBe('2023-06-01');
    expect(request?.body).toMatchObject({
      model: 'claude-3-5-haiku-latest',
      max_tokens: 200,
      temperature: 0.2,
      system: [{ type: 'text', text: 'Answer in one sentence.' }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What does photosynthesis do?' }] }],
    });
  });

  it('streams message events into text deltas with usage', async () => {
    server = await startRecordingServer((_request, response) => sendEventStream(response, fixture('message.stream.txt')));
    const { stream } = await modelFor(server.origin).doStream({ prompt });
    const parts = await readAllParts(stream);

    const deltas = parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : []));
    expect(deltas).toEqual(['Photosynthesis turns', ' sunlight into', ' sugar', '.']);
    expect(parts.find((part) => part.type === 'finish')).toMatchObject({
      finishReason: { unified: 'stop' },
      usage: { inputTokens: { total: 21 }, outputTokens: { total: 9 } },
    });
    expect(server.requests[0]?.body).toMatchObject({ stream: true, model: 'claude-3-5-haiku-latest' });
  });

  it('maps 401 and 529 answers to StudioError codes', async () => {
    let status = 401;
    server = await startRecordingServer((_request, response) => sendJson(response, status, fixture(status === 401 ? 'error-401.json' : 'error-529.json')));
    const authError = classifyProviderError(await captureError(() => modelFor(server!.origin).doGenerate({ prompt })), { provider: 'anthropic' });
    expect(authError).toMatchObject({ code: 'PROVIDER_AUTH_FAILED', details: { statusCode: 401 } });
    expect(authError.message).toContain('invalid x-api-key');
    status = 529;
    const overloaded = classifyProviderError(await captureError(() => modelFor(server!.origin).doStream({ prompt })));
    expect(overloaded).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', details: { statusCode: 529, retryable: true } });
    expect(server.requests).toHaveLength(2);
  });

  it('lists its default models with prices', () => {
    const provider = createAnthropicProvider({ apiKey });
    expect(provider.listModels().map((model) => model.id)).toContain('anthropic:claude-haiku-4-5');
    expect(provider.describe('claude-3-5-haiku-20241022')?.price).toEqual({ input: 0.8, output: 4 });
  });
});
