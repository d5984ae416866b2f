import { StudioError } from '@tandem/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { sendJson, startRecordingServer, type RecordingServer } from './__fixtures__/recording-server.ts';
import { createDefaultProviderRegistry, parseGgufModelList } from './default-provider-registry.ts';
import { createProviderRegistry } from './provider-registry.ts';
import { createSimProvider, simModelCatalog } from './sim/sim-provider.ts';

function catchError(action: () => unknown): StudioError {
  try {
    action();
  } catch (error) {
    if (StudioError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a StudioError');
}

let server: RecordingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('createProviderRegistry', () => {
  const registry = createProviderRegistry({ providers: { sim: createSimProvider() } });

  it('resolves provider:model strings, splitting at the first colon', () => {
    const model = registry.languageModel('sim:slow?tps=40&ttft=600');
    expect(model).toMatchObject({ specificationVersion: 'v3', provider: 'sim', modelId: 'slow?tps=40&ttft=600' });
    expect(registry.languageModel('sim:slow?tps=40&ttft=600')).toBe(model);
  });

  it('throws PROVIDER_UNKNOWN for an unknown prefix, naming the model', () => {
    const error = catchError(() => registry.languageModel('x:y'));
    expect(error.code).toBe('PROVIDER_UNKNOWN');
    expect(error.message).toBe('Unknown provider "x" in model "x:y"');
    expect(error.details).toMatchObject({ model: 'x:y' });
  });

  it('throws MODEL_UNKNOWN for a string without a prefix or an invalid sim option', () => {
    expect(catchError(() => registry.languageModel('gpt-4o')).code).toBe('MODEL_UNKNOWN');
    const error = catchError(() => registry.languageModel('sim:writer?tps=abc'));
    expect(error.code).toBe('MODEL_UNKNOWN');
    expect(error.message).toContain('tps');
  });

  it('describes simulator models from their options and returns undefined for unknown ones', () => {
    expect(registry.describe('sim:slow?tps=40&ttft=600')).toMatchObject({ tokensPerSecond: 40, firstTokenMs: 600, price: { input: 0, output: 0 }, failureRate: 0 });
    expect(registry.describe('sim:writer')).toMatchObject({ tokensPerSecond: 2000, firstTokenMs: 150, price: { input: 0, output: 0 } });
    expect(registry.describe('sim:writer')?.outputTokens).toMatchObject({ answer: expect.any(Number), judgement: expect.any(Number) });
    expect(registry.describe('sim:flaky?errorRate=0.5&invalidRate=0.5')?.failureRate).toBeCloseTo(0.75);
    expect(registry.describe('sim:writer?tps=abc')).toBeUndefined();
    expect(registry.describe('nope:writer')).toBeUndefined();
  });

  it('lists the simulator catalog, labelled as simulators', () => {
    const models = registry.listModels();
    expect(models.map((model) => model.id)).toEqual(simModelCatalog.map((model) => model.id));
    for (const model of models) {
      expect(model.simulated).toBe(true);
      expect(model.label).toContain('Simulator');
      expect(() => registry.languageModel(model.id)).not.toThrow();
    }
  });
});

describe('createDefaultProviderRegistry', () => {
  it('always has sim, and adds providers only for the keys that are set', () => {
    expect(createDefaultProviderRegistry({}).prefixes).toEqual(['sim']);
    const registry = createDefaultProviderRegistry({
      OPENAI_API_KEY: 'sk-test',
      ANTHROPIC_API_KEY: 'sk-ant-test',
      TANDEM_OPENAI_COMPATIBLE_URL: 'http://127.0.0.1:8080/v1',
      TANDEM_GGUF_MODELS: 'stories=/models/stories260K.gguf',
    });
    expect(registry.prefixes).toEqual(['sim', 'openai', 'local', 'anthropic', 'gguf']);
    expect(registry.languageModel('openai:gpt-4o-mini').provider).toBe('openai.chat');
    expect(registry.languageModel('anthropic:claude-haiku-4-5').provider).toBe('anthropic.messages');
    expect(registry.languageModel('gguf:stories').provider).toBe('gguf');
    expect(registry.describe('openai:gpt-4o-mini')?.price).toEqual({ input: 0.15, output: 0.6 });
    expect(registry.listModels().some((model) => model.id === 'openai:gpt-4o-mini' && !model.simulated)).toBe(true);
  });

  it('sends local: models to TANDEM_OPENAI_COMPATIBLE_URL with the optional key', async () => {
    server = await startRecordingServer((_request, response) =>
      sendJson(response, 200, {
        id: 'chatcmpl-local-1', object: 'chat.completion', created: 1753012345, model: 'qwen2.5-0.5b-instruct',
        choices: [{ index: 0, message: { role: 'assistant', content: 'Hello from llama.cpp.' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 5, completion_tokens: 5, total_tokens: 10 },
      }),
    );
    const registry = createDefaultProviderRegistry({ TANDEM_OPENAI_COMPATIBLE_URL: `${server.origin}/v1`, TANDEM_OPENAI_COMPATIBLE_KEY: 'local-key' });
    const result = await registry.languageModel('local:qwen2.5-0.5b-instruct').doGenerate({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
    });
    expect(result.content).toEqual([{ type: 'text', text: 'Hello from llama.cpp.' }]);
    expect(server.requests[0]?.headers.authorization).toBe('Bearer local-key');
    expect(server.requests[0]?.body).toMatchObject({ model: 'qwen2.5-0.5b-instruct' });
  });

  it('rejects malformed GGUF settings', () => {
    expect(parseGgufModelList('a=/x.gguf, b = /y.gguf')).toEqual({ a: '/x.gguf', b: '/y.gguf' });
    expect(() => parseGgufModelList('just-a-path.gguf')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => createDefaultProviderRegistry({ TANDEM_GGUF_MODELS: 'a=/x.gguf', TANDEM_GGUF_THREADS: 'many' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });
});
