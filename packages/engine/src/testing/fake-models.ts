import type { LanguageModelV3, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { StudioError } from '@tandem/shared';
import type { ModelResolver } from '../ports/model-resolver.ts';

/** How a fake model answers one prompt. */
export type FakeAnswer = (prompt: string, call: number) => string | Error | Promise<string | Error>;

/**
 * Fake models for engine tests: `fake:<name>` answers with `answers[name]`
 * (default: echoes the prompt). Records every call.
 */
export function createFakeModels(answers: Record<string, FakeAnswer> = {}, options: { delayMs?: number } = {}) {
  const calls: { model: string; prompt: string; system?: string }[] = [];
  const counts = new Map<string, number>();
  const resolver: ModelResolver = {
    describe: (model) => (model.startsWith('fake:') ? { tokensPerSecond: 1000, firstTokenMs: 10, price: { input: 1, output: 2 } } : undefined),
    languageModel(modelId) {
      if (!modelId.startsWith('fake:')) throw new StudioError('MODEL_UNKNOWN', `Unknown model "${modelId}"`);
      const name = modelId.slice(5);
      const model: LanguageModelV3 = {
        specificationVersion: 'v3',
        provider: 'fake',
        modelId: name,
        supportedUrls: {},
        doGenerate: () => Promise.reject(new Error('doGenerate is not used by the engine')),
        async doStream(callOptions) {
          const system = callOptions.prompt.find((message) => message.role === 'system')?.content as string | undefined;
          const user = callOptions.prompt.find((message) => message.role === 'user');
          const prompt = user && Array.isArray(user.content) ? user.content.map((part) => ('text' in part ? part.text : '')).join('') : '';
          calls.push({ model: modelId, prompt, ...(system ? { system } : {}) });
          const count = (counts.get(name) ?? 0) + 1;
          counts.set(name, count);
          if (options.delayMs) {
            await new Promise<void>((resolve, reject) => {
              const timer = setTimeout(resolve, options.delayMs);
              callOptions.abortSignal?.addEventListener('abort', () => {
                clearTimeout(timer);
                reject(callOptions.abortSignal!.reason);
              });
            });
          }
          const answer = await (answers[name] ?? ((text: string) => `echo: ${text}`))(prompt, count);
          if (answer instanceof Error) throw answer;
          const parts: LanguageModelV3StreamPart[] = [
            { type: 'stream-start', warnings: [] },
            { type: 'text-start', id: 't' },
            ...answer.split(/(?<= )/).map((delta) => ({ type: 'text-delta' as const, id: 't', delta })),
            { type: 'text-end', id: 't' },
            {
              type: 'finish',
              finishReason: { unified: 'stop', raw: 'stop' },
              usage: {
                inputTokens: { total: prompt.length, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
                outputTokens: { total: answer.length, text: undefined, reasoning: undefined },
              },
            },
          ];
          return { stream: new ReadableStream({ start: (controller) => { parts.forEach((part) => controller.enqueue(part)); controller.close(); } }) };
        },
      };
      return model;
    },
  };
  return { resolver, calls };
}

/**
 * An error shaped like the AI SDK's `APICallError` for an HTTP failure, as a
 * real provider throws it (status, headers, the SDK's retryable flag).
 */
export function providerFailure(statusCode: number, message = `HTTP ${statusCode}`, responseHeaders: Record<string, string> = {}): Error {
  const isRetryable = statusCode === 408 || statusCode === 409 || statusCode === 429 || statusCode >= 500;
  return Object.assign(new Error(message), { name: 'AI_APICallError', statusCode, responseHeaders, isRetryable, [Symbol.for('vercel.ai.error.AI_APICallError')]: true });
}
