import type { LanguageModelV3 } from '@ai-sdk/provider';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { createSecretRedactor, StudioError, type ModelInfo, type SecretRedactor } from '@tandem/shared';
import { lookupModelFacts } from '../price-table.ts';
import type { Provider } from '../provider.ts';
import { withRedactedErrors } from '../redacted-errors.ts';

/** Options for {@link createOpenAICompatibleProvider}. */
export interface OpenAICompatibleProviderOptions {
  /** Prefix of the model strings (`openai`, `local`, …); also the provider id. */
  name: string;
  /** API base URL including the version path, e.g. `https://api.openai.com/v1` or `http://127.0.0.1:8080/v1`. */
  baseURL: string;
  /** Sent as `Authorization: Bearer <apiKey>` when set. */
  apiKey?: string;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** Replacement for the global `fetch` (tests, proxies). */
  fetch?: typeof fetch;
  /** The server's secrets: the key is added to it, and every error of this provider is masked with it. */
  secrets?: SecretRedactor;
  /** Model names to list in the picker (without the prefix). */
  models?: readonly string[];
  /** Send `response_format: json_schema` for structured output (OpenAI, vLLM); otherwise `json_object`. */
  supportsStructuredOutputs?: boolean;
  /** Shown in the picker before the model name, e.g. `OpenAI`. Defaults to `name`. */
  label?: string;
}

/**
 * A provider for any OpenAI-compatible chat completions endpoint (OpenAI,
 * vLLM, llama.cpp server, Ollama `/v1`, LM Studio, OpenRouter…), built on
 * `@ai-sdk/openai-compatible`. Models report usage in streams
 * (`stream_options.include_usage`). Calling `doStream`/`doGenerate` directly
 * never retries; the engine classifies what they throw (`classifyProviderError`) and owns retries.
 * Errors come with the key masked (`withRedactedErrors`).
 *
 * @example
 * const local = createOpenAICompatibleProvider({ name: 'local', baseURL: 'http://127.0.0.1:8080/v1' });
 * const model = local.languageModel('qwen2.5-0.5b-instruct');
 */
export function createOpenAICompatibleProvider(options: OpenAICompatibleProviderOptions): Provider {
  const sdkProvider = createOpenAICompatible({
    name: options.name,
    baseURL: options.baseURL,
    apiKey: options.apiKey,
    headers: options.headers,
    fetch: options.fetch,
    includeUsage: true,
    supportsStructuredOutputs: options.supportsStructuredOutputs,
  });
  const secrets = options.secrets ?? createSecretRedactor();
  secrets.add(options.apiKey);
  const models = new Map<string, LanguageModelV3>();
  const label = options.label ?? options.name;
  return {
    id: options.name,
    languageModel(modelName) {
      if (modelName.trim() === '') {
        throw new StudioError('MODEL_UNKNOWN', `Model name missing in "${options.name}:"`, { details: { model: `${options.name}:` } });
      }
      let model = models.get(modelName);
      if (model === undefined) {
        model = withRedactedErrors(sdkProvider.chatModel(modelName), secrets);
        models.set(modelName, model);
      }
      return model;
    },
    describe: (modelName) => lookupModelFacts(modelName),
    listModels: () =>
      (options.models ?? []).map((modelName): ModelInfo => {
        const facts = lookupModelFacts(modelName);
        return {
          id: `${options.name}:${modelName}`,
          provider: options.name,
          label: `${modelName} (${label})`,
          simulated: false,
          ...(facts?.tokensPerSecond === undefined ? {} : { tokensPerSecond: facts.tokensPerSecond }),
          ...(facts?.price ? { price: facts.price } : {}),
        };
      }),
  };
}
