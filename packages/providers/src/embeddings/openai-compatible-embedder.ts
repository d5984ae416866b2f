import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { createSecretRedactor, type SecretRedactor } from '@tandem/shared';
import { redactProviderError } from '../redacted-errors.ts';
import { normalizeVector, type Embedder } from './embedder.ts';

/** Options for {@link createOpenAICompatibleEmbedder}. */
export interface OpenAICompatibleEmbedderOptions {
  /** The id prefix, e.g. `openai` or `local`. */
  name: string;
  /** API base URL including the version path, e.g. `https://api.openai.com/v1`. */
  baseURL: string;
  apiKey?: string;
  /** The embedding model, e.g. `text-embedding-3-small`. */
  model: string;
  /** The model's vector length (checked on every answer). */
  dimensions: number;
  fetch?: typeof fetch;
  /** The server's secrets: the key is added, and errors are masked with it. */
  secrets?: SecretRedactor;
}

/**
 * Real embeddings from any OpenAI-compatible `/v1/embeddings` endpoint (OpenAI, vLLM, llama.cpp
 * server, Ollama), through `@ai-sdk/openai-compatible`. Errors come with the key masked.
 *
 * @example
 * const embedder = createOpenAICompatibleEmbedder({ name: 'openai', baseURL: 'https://api.openai.com/v1', apiKey, model: 'text-embedding-3-small', dimensions: 1536 });
 */
export function createOpenAICompatibleEmbedder(options: OpenAICompatibleEmbedderOptions): Embedder {
  const secrets = options.secrets ?? createSecretRedactor();
  secrets.add(options.apiKey);
  const provider = createOpenAICompatible({ name: options.name, baseURL: options.baseURL, apiKey: options.apiKey, fetch: options.fetch });
  const model = provider.textEmbeddingModel(options.model);
  return {
    id: `${options.name}:${options.model}`,
    dimensions: options.dimensions,
    async embed(texts) {
      if (texts.length === 0) return [];
      let embeddings: number[][];
      try {
        ({ embeddings } = await model.doEmbed({ values: [...texts] }));
      } catch (error) {
        throw redactProviderError(error, secrets);
      }
      return embeddings.map((embedding) => {
        if (embedding.length !== options.dimensions) throw new Error(`${options.name}:${options.model} answered ${embedding.length} dimensions, not ${options.dimensions}`);
        return normalizeVector(embedding);
      });
    },
  };
}
