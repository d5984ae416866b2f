import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { ModelFacts, ModelResolver } from '@tandem/engine';
import { StudioError, type ModelInfo } from '@tandem/shared';
import type { Provider } from './provider.ts';

/** Options for {@link createProviderRegistry}. */
export interface ProviderRegistryOptions {
  /** Providers by model-string prefix (`sim`, `openai`, `local`, …). */
  providers: Record<string, Provider>;
}

/** The engine's ModelResolver over several providers, plus the model list for the studio. */
export interface ProviderRegistry extends ModelResolver {
  /** Registered prefixes, in registration order. */
  readonly prefixes: readonly string[];
  /** Every provider's models for the model picker. */
  listModels(): ModelInfo[];
  /** Frees native resources of every provider (GGUF). */
  dispose(): Promise<void>;
}

const modelCacheSize = 1000;

/**
 * Resolves `provider:model` strings: the part before the first `:` picks the
 * provider, the rest goes to it (`sim:slow?tps=40` → sim gets `slow?tps=40`).
 * Unknown prefixes throw StudioError `PROVIDER_UNKNOWN`; a missing prefix or
 * a name the provider rejects throws `MODEL_UNKNOWN`. Resolved models are cached.
 *
 * @example
 * const registry = createProviderRegistry({ providers: { sim: createSimProvider() } });
 * const model = registry.languageModel('sim:writer');
 */
export function createProviderRegistry(options: ProviderRegistryOptions): ProviderRegistry {
  const providers = new Map(Object.entries(options.providers));
  const models = new Map<string, LanguageModelV3>();

  const split = (modelId: string): { provider: Provider | undefined; prefix: string; modelName: string } | undefined => {
    const colon = modelId.indexOf(':');
    if (colon <= 0) return undefined;
    const prefix = modelId.slice(0, colon);
    return { provider: providers.get(prefix), prefix, modelName: modelId.slice(colon + 1) };
  };

  return {
    prefixes: [...providers.keys()],
    languageModel(modelId) {
      const cached = models.get(modelId);
      if (cached !== undefined) return cached;
      const parts = split(modelId);
      if (parts === undefined) {
        throw new StudioError('MODEL_UNKNOWN', `Model "${modelId}" must be written as provider:model, for example sim:writer`, {
          details: { model: modelId },
        });
      }
      if (parts.provider === undefined) {
        throw new StudioError('PROVIDER_UNKNOWN', `Unknown provider "${parts.prefix}" in model "${modelId}"`, {
          details: { model: modelId, provider: parts.prefix, knownProviders: [...providers.keys()] },
        });
      }
      const model = parts.provider.languageModel(parts.modelName);
      if (models.size >= modelCacheSize) models.clear();
      models.set(modelId, model);
      return model;
    },
    describe(modelId): ModelFacts | undefined {
      const parts = split(modelId);
      if (parts?.provider === undefined) return undefined;
      try {
        return parts.provider.describe(parts.modelName);
      } catch {
        return undefined;
      }
    },
    listModels: () => [...providers.values()].flatMap((provider) => provider.listModels()),
    async dispose() {
      models.clear();
      await Promise.all([...providers.values()].map((provider) => provider.dispose?.()));
    },
  };
}
