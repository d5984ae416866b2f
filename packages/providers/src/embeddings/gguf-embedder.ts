import type { Llama, LlamaEmbeddingContext, LlamaModel } from 'node-llama-cpp';
import { normalizeVector, type Embedder } from './embedder.ts';

/** Options for {@link createGgufEmbedder}. */
export interface GgufEmbedderOptions {
  /** A name for the id (`gguf:<name>`). */
  name: string;
  /** Path of the `.gguf` file. */
  modelPath: string;
  /** CPU threads (default 1). */
  threads?: number;
}

/**
 * Real embeddings from a local GGUF model through node-llama-cpp (CPU, in process): the model's
 * embedding of the text, normalised. Loads on the first call; `dimensions` is known after
 * {@link GgufEmbedder.ready}. Calls run one at a time.
 *
 * @example
 * const embedder = createGgufEmbedder({ name: 'stories', modelPath: '../shared/models/stories260K.gguf' });
 * await embedder.ready();
 */
export interface GgufEmbedder extends Embedder {
  /** Loads the model; resolves with the embedder once `dimensions` is known. */
  ready(): Promise<GgufEmbedder>;
}

/** Creates a GGUF embedder (see {@link GgufEmbedder}). */
export function createGgufEmbedder(options: GgufEmbedderOptions): GgufEmbedder {
  const threads = options.threads ?? 1;
  let loaded: Promise<{ llama: Llama; model: LlamaModel; context: LlamaEmbeddingContext }> | undefined;
  let tail: Promise<unknown> = Promise.resolve();
  const load = () =>
    (loaded ??= (async () => {
      const { getLlama, LlamaLogLevel } = await import('node-llama-cpp');
      const llama = await getLlama({ gpu: false, build: 'never', maxThreads: threads, logLevel: LlamaLogLevel.error });
      const model = await llama.loadModel({ modelPath: options.modelPath });
      const context = await model.createEmbeddingContext({ threads, contextSize: 512 });
      embedder.dimensions = model.embeddingVectorSize;
      return { llama, model, context };
    })());
  const embedder: GgufEmbedder & { dimensions: number } = {
    id: `gguf:${options.name}`,
    dimensions: 0,
    async ready() {
      await load();
      return embedder;
    },
    async embed(texts) {
      const { context } = await load();
      const run = tail.then(async () => {
        const vectors: Float32Array[] = [];
        for (const text of texts) vectors.push(normalizeVector((await context.getEmbeddingFor(text)).vector));
        return vectors;
      });
      tail = run.catch(() => undefined);
      return run;
    },
    async dispose() {
      if (!loaded) return;
      const { context, model } = await loaded;
      await context.dispose();
      await model.dispose();
    },
  };
  return embedder;
}
