import type { LanguageModelV3, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import type { ModelResolver } from '@tandem/engine';

const usage = {
  inputTokens: { total: 12, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 8, text: undefined, reasoning: undefined },
};

/** A model that answers at once, so a benchmark measures the engine, not the model. */
function instantModel(answer: string): LanguageModelV3 {
  return {
    specificationVersion: 'v3',
    provider: 'bench',
    modelId: 'instant',
    supportedUrls: {},
    doGenerate: () => Promise.reject(new Error('not used')),
    async doStream() {
      const parts: LanguageModelV3StreamPart[] = [
        { type: 'stream-start', warnings: [] },
        { type: 'text-delta', id: 't', delta: answer },
        { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
      ];
      let index = 0;
      return {
        stream: new ReadableStream<LanguageModelV3StreamPart>({
          pull(controller) {
            if (index < parts.length) controller.enqueue(parts[index++]!);
            else controller.close();
          },
        }),
      };
    },
  };
}

/** Resolves every model string to an instant model (judge prompts get a score). */
export function createInstantModels(): ModelResolver {
  const plain = instantModel('An instant answer of a few words.');
  const judge = instantModel('Score: 7\nReason: clear and correct.');
  return {
    languageModel: (id) => (id.includes('judge') ? judge : plain),
    describe: () => ({ tokensPerSecond: 1e9, firstTokenMs: 0, price: { input: 0, output: 0 } }),
  };
}
