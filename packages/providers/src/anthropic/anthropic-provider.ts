import type { LanguageModelV3 } from '@ai-sdk/provider';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createSecretRedactor, StudioError, type ModelInfo, type SecretRedactor } from '@tandem/shared';
import { lookupModelFacts } from '../price-table.ts';
import type { Provider } from '../provider.ts';
import { withRedactedErrors } from '../redacted-errors.ts';

/** Models offered in the picker when no list is given. */
export const defaultAnthropicModels: readonly string[] = ['claude-haiku-4-5', 'claude-sonnet-4-5', 'claude-opus-4-1'];

/** Options for {@link createAnthropicProvider}. */
export interface AnthropicProviderOptions {
  /** Sent as `x-api-key`. */
  apiKey: string;
  /** API base URL including `/v1` (default `https://api.anthropic.com/v1`). */
  baseURL?: string;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** Replacement for the global `fetch` (tests, proxies). */
  fetch?: typeof fetch;
  /** The server's secrets: the key is added to it, and every error of this provider is masked with it. */
  secrets?: SecretRedactor;
  /** Model names to list in the picker (default {@link defaultAnthropicModels}). */
  models?: readonly string[];
  /** Provider id and model-string prefix (default `anthropic`). */
  name?: string;
}

/**
 * Anthropic's Messages API (`anthropic:<model>`), built on `@ai-sdk/anthropic`.
 * Calling `doStream`/`doGenerate` directly never retries; the engine classifies what they throw
 * (`classifyProviderError`) and owns retries. Errors come with the key masked (`withRedactedErrors`).
 *
 * @example
 * const anthropic = createAnthropicProvider({ apiKey: process.env.ANTHROPIC_API_KEY! });
 * const model = anthropic.languageModel('claude-haiku-4-5');
 */
export function createAnthropicProvider(options: AnthropicProviderOptions): Provider {
  const name = options.name ?? 'anthropic';
  const sdkProvider = createAnthropic({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    headers: options.headers,
    fetch: options.fetch,
  });
  const secrets = options.secrets ?? createSecretRedactor();
  secrets.add(options.apiKey);
  const models = new Map<string, LanguageModelV3>();
  return {
    id: name,
    languageModel(modelName) {
      if (modelName.trim() === '') {
        throw new StudioError('MODEL_UNKNOWN', `Model name missing in "${name}:"`, { details: { model: `${name}:` } });
      }
      let model = models.get(modelName);
      if (model === undefined) {
        model = withRedactedErrors(sdkProvider.messages(modelName), secrets);
        models.set(modelName, model);
      }
      return model;
    },
    describe: (modelName) => lookupModelFacts(modelName),
    listModels: () =>
      (options.models ?? defaultAnthropicModels).map((modelName): ModelInfo => {
        const facts = lookupModelFacts(modelName);
        return {
          id: `${name}:${modelName}`,
          provider: name,
          label: `${modelName} (Anthropic)`,
          simulated: false,
          ...(facts?.tokensPerSecond === undefined ? {} : { tokensPerSecond: facts.tokensPerSecond }),
          ...(facts?.price ? { price: facts.price } : {}),
        };
      }),
  };
}
