import type { LanguageModelV3, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { StudioError, type GatewayConfig, type ModelInfo, type SecretRedactor } from '@tandem/shared';
import type { ModelFacts } from '@tandem/engine';
import { createOpenAICompatibleProvider, type Provider } from '@tandem/providers';
import type { ModelCatalog } from './model-catalog.ts';
import { createPoolModel, type PoolModel } from './pool-model.ts';
import type { MinuteLimits, RateLimiter } from './rate-limiter.ts';

/** A provider added in Settings or the config file, with where its key came from. */
export interface ConfiguredProvider {
  name: string;
  provider: Provider;
  baseURL: string;
  keySource?: 'settings' | 'environment';
}

/** What the gateway's model resolver is built from. */
export interface GatewayModelsDeps {
  /** The providers configured from the environment (sim, openai, local, anthropic, gguf). */
  base: ModelCatalog & { prefixes?: readonly string[] };
  secrets: SecretRedactor;
  limiter: RateLimiter;
  /** The key of a provider configured in Settings (stored sealed) or named by `apiKeyEnv`. */
  keyOf(name: string, apiKeyEnv: string | undefined): { key: string; source: 'settings' | 'environment' } | undefined;
  now(): number;
  random(): number;
  fetch?: typeof fetch;
  /** Told the outcome of every pool member call. */
  onMemberOutcome?(model: string, outcome: { ok: boolean; latencyMs?: number; error?: string }): void;
}

/** A model whose calls count against its provider's per-minute limits (self-imposed, so a pool fails over and the engine waits). */
function withProviderLimits(model: LanguageModelV3, provider: string, limits: MinuteLimits, limiter: RateLimiter): LanguageModelV3 {
  const subject = `provider:${provider}`;
  return {
    specificationVersion: model.specificationVersion,
    provider: model.provider,
    modelId: model.modelId,
    supportedUrls: model.supportedUrls,
    doGenerate: async (options) => {
      await limiter.admit(subject, limits, 'PROVIDER_RATE_LIMITED');
      const result = await model.doGenerate(options);
      void limiter.spend(subject, limits, (result.usage.inputTokens.total ?? 0) + (result.usage.outputTokens.total ?? 0));
      return result;
    },
    doStream: async (options) => {
      await limiter.admit(subject, limits, 'PROVIDER_RATE_LIMITED');
      const result = await model.doStream(options);
      if (limits.tpm === undefined) return result;
      const spend = new TransformStream<LanguageModelV3StreamPart, LanguageModelV3StreamPart>({
        transform(part, controller) {
          if (part.type === 'finish') void limiter.spend(subject, limits, (part.usage.inputTokens.total ?? 0) + (part.usage.outputTokens.total ?? 0));
          controller.enqueue(part);
        },
      });
      return { ...result, stream: result.stream.pipeThrough(spend) };
    },
  };
}

/**
 * The one model resolver of the server (pipelines and `/v1` alike): the environment's providers,
 * the providers configured in Settings, and `pool:<name>` models, with per-provider limits.
 * `configure` rebuilds the configured part; pools keep their breakers while their config is unchanged.
 */
export function createGatewayModels(deps: GatewayModelsDeps) {
  let configured = new Map<string, ConfiguredProvider>();
  let pools = new Map<string, { config: string; model: PoolModel }>();
  let limits: Record<string, MinuteLimits> = {};
  const limited = new Map<string, LanguageModelV3>();

  const prefixOf = (modelId: string) => modelId.slice(0, Math.max(0, modelId.indexOf(':')));

  function baseModel(modelId: string): LanguageModelV3 {
    const prefix = prefixOf(modelId);
    const provider = configured.get(prefix);
    const model = provider ? provider.provider.languageModel(modelId.slice(prefix.length + 1)) : deps.base.languageModel(modelId);
    const providerLimits = limits[prefix];
    if (!providerLimits || (providerLimits.rpm === undefined && providerLimits.tpm === undefined)) return model;
    let wrapped = limited.get(modelId);
    if (!wrapped) limited.set(modelId, (wrapped = withProviderLimits(model, prefix, providerLimits, deps.limiter)));
    return wrapped;
  }

  const resolver: ModelCatalog = {
    languageModel(modelId) {
      if (modelId.startsWith('pool:')) {
        const pool = pools.get(modelId.slice(5));
        if (!pool) throw new StudioError('MODEL_UNKNOWN', `No pool "${modelId.slice(5)}" (model "${modelId}")`, { details: { model: modelId } });
        return pool.model;
      }
      return baseModel(modelId);
    },
    describe(modelId): ModelFacts | undefined {
      if (modelId.startsWith('pool:')) {
        const first = pools.get(modelId.slice(5))?.model.members[0];
        return first ? resolver.describe(first.model) : undefined;
      }
      const prefix = prefixOf(modelId);
      const provider = configured.get(prefix);
      return provider ? provider.provider.describe(modelId.slice(prefix.length + 1)) : deps.base.describe(modelId);
    },
    listModels(): ModelInfo[] {
      return [
        ...deps.base.listModels().filter((model) => !configured.has(model.provider)),
        ...[...configured.values()].flatMap((entry) => entry.provider.listModels()),
        ...[...pools.values()].map(({ model }) => ({
          id: `pool:${model.modelId}`,
          provider: 'pool',
          label: `${model.modelId} (Pool)`,
          description: `Pool over ${model.members.map((member) => member.model).join(', ')}`,
          simulated: model.members.every((member) => member.model.startsWith('sim:')),
        })),
      ];
    },
  };

  return {
    resolver,
    /** Rebuilds providers and pools from the gateway config. */
    configure(config: GatewayConfig) {
      const nextProviders = new Map<string, ConfiguredProvider>();
      for (const [name, providerConfig] of Object.entries(config.providers)) {
        const key = deps.keyOf(name, providerConfig.apiKeyEnv);
        nextProviders.set(name, {
          name,
          baseURL: providerConfig.baseURL,
          ...(key ? { keySource: key.source } : {}),
          provider: createOpenAICompatibleProvider({ name, label: name, baseURL: providerConfig.baseURL, ...(key ? { apiKey: key.key } : {}), models: providerConfig.models, secrets: deps.secrets, ...(deps.fetch ? { fetch: deps.fetch } : {}) }),
        });
      }
      configured = nextProviders;
      limits = { ...config.providerLimits, ...Object.fromEntries(Object.entries(config.providers).flatMap(([name, entry]) => (entry.limits ? [[name, entry.limits]] : []))) };
      limited.clear();
      const nextPools = new Map<string, { config: string; model: PoolModel }>();
      for (const [name, poolConfig] of Object.entries(config.pools)) {
        const serialized = JSON.stringify(poolConfig);
        const existing = pools.get(name);
        nextPools.set(name, existing && existing.config === serialized ? existing : { config: serialized, model: createPoolModel(name, poolConfig, { resolve: baseModel, now: deps.now, random: deps.random, ...(deps.onMemberOutcome ? { onOutcome: deps.onMemberOutcome } : {}) }) });
      }
      pools = nextPools;
    },
    pools: () => [...pools.values()].map((entry) => entry.model),
    configuredProviders: () => [...configured.values()],
    /** The per-minute limits of a provider prefix. */
    limitsOf: (provider: string) => limits[provider],
  };
}

export type GatewayModels = ReturnType<typeof createGatewayModels>;
