import type { Llama, LlamaContext, LlamaModel } from 'node-llama-cpp';
import { StudioError, type ModelInfo } from '@tandem/shared';
import type { Provider } from '../provider.ts';
import { GgufLanguageModel, type LoadedGgufModel } from './gguf-language-model.ts';

/** Options for {@link createGgufProvider}. */
export interface GgufProviderOptions {
  /** Model name → path of a `.gguf` file; used as `gguf:<name>`. */
  models: Record<string, string>;
  /** CPU threads for llama.cpp (default 1: more threads than cores make generation crawl on small machines). */
  threads?: number;
  /** Context window in tokens (default 512). */
  contextSize?: number;
}

interface LoadedEntry extends LoadedGgufModel {
  context: LlamaContext;
}

function createSerialQueue(): LoadedGgufModel['runExclusive'] {
  let tail: Promise<unknown> = Promise.resolve();
  return <Result>(task: () => Promise<Result>): Promise<Result> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

/**
 * Local GGUF models run in process by node-llama-cpp on the CPU
 * (`gguf:<name>`). Nothing is loaded until the first call; then the llama
 * binding, each model and one context per model are cached. Call `dispose()`
 * on shutdown to free native memory.
 *
 * @example
 * const gguf = createGgufProvider({ models: { stories: '../shared/models/stories260K.gguf' } });
 * const model = gguf.languageModel('stories');
 */
export function createGgufProvider(options: GgufProviderOptions): Provider & { dispose(): Promise<void> } {
  const threads = options.threads ?? 1;
  const contextSize = options.contextSize ?? 512;
  let llamaPromise: Promise<Llama> | undefined;
  const loading = new Map<string, Promise<LoadedEntry>>();
  const languageModels = new Map<string, GgufLanguageModel>();

  const getLlamaOnce = (): Promise<Llama> => {
    llamaPromise ??= import('node-llama-cpp').then(({ getLlama, LlamaLogLevel }) =>
      getLlama({ gpu: false, build: 'never', maxThreads: threads, logLevel: LlamaLogLevel.error }),
    );
    llamaPromise.catch(() => {
      llamaPromise = undefined;
    });
    return llamaPromise;
  };

  const loadEntry = async (name: string, modelPath: string): Promise<LoadedEntry> => {
    const { LlamaCompletion } = await import('node-llama-cpp');
    const llama = await getLlamaOnce();
    let model: LlamaModel;
    try {
      model = await llama.loadModel({ modelPath });
    } catch (error) {
      throw new StudioError('PROVIDER_UNAVAILABLE', `Could not load GGUF model "gguf:${name}" from ${modelPath}: ${(error as Error).message}`, {
        details: { model: `gguf:${name}`, retryable: false },
        cause: error,
      });
    }
    const context = await model.createContext({ contextSize, threads });
    const completion = new LlamaCompletion({ contextSequence: context.getSequence() });
    return { model, context, completion, runExclusive: createSerialQueue() };
  };

  const load = (name: string, modelPath: string): Promise<LoadedEntry> => {
    let entry = loading.get(name);
    if (entry === undefined) {
      entry = loadEntry(name, modelPath);
      loading.set(name, entry);
      entry.catch(() => loading.delete(name));
    }
    return entry;
  };

  return {
    id: 'gguf',
    languageModel(modelName) {
      const modelPath = options.models[modelName];
      if (modelPath === undefined || !Object.hasOwn(options.models, modelName)) {
        const known = Object.keys(options.models).join(', ') || 'none configured';
        throw new StudioError('MODEL_UNKNOWN', `Unknown GGUF model "gguf:${modelName}" (known: ${known})`, { details: { model: `gguf:${modelName}` } });
      }
      let model = languageModels.get(modelName);
      if (model === undefined) {
        model = new GgufLanguageModel(modelName, () => load(modelName, modelPath));
        languageModels.set(modelName, model);
      }
      return model;
    },
    describe: (modelName) => (Object.hasOwn(options.models, modelName) ? { price: { input: 0, output: 0 } } : undefined),
    listModels: () =>
      Object.keys(options.models).map((name): ModelInfo => ({
        id: `gguf:${name}`,
        provider: 'gguf',
        label: `${name} (local GGUF)`,
        description: 'Runs in the server process with node-llama-cpp (CPU).',
        simulated: false,
        price: { input: 0, output: 0 },
      })),
    async dispose() {
      const entries = await Promise.allSettled(loading.values());
      loading.clear();
      languageModels.clear();
      for (const entry of entries) {
        if (entry.status !== 'fulfilled') continue;
        entry.value.completion.dispose();
        await entry.value.context.dispose();
        await entry.value.model.dispose();
      }
      const llama = llamaPromise;
      llamaPromise = undefined;
      if (llama) await llama.then((instance) => instance.dispose(), () => undefined);
    },
  };
}
