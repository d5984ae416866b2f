import { gatewayConfigSchema, StudioError, type GatewayConfig, type ProvidersView, type RunEvent, type SecretRedactor } from '@tandem/shared';
import { classifyProviderError } from '@tandem/engine';
import type { GatewayStore, SealedProviderKey } from '@tandem/db';
import type { Embedder } from '@tandem/providers';
import type { ModelCatalog } from './model-catalog.ts';
import type { Principal } from '../access/principal.ts';
import type { Metrics } from '../services/metrics.ts';
import { createGatewayCache } from './gateway-cache.ts';
import { createGatewayModels } from './gateway-models.ts';
import { createProviderHealth } from './provider-health.ts';
import { createRateLimiter } from './rate-limiter.ts';
import { createRequestRecorder, type GatewayRequestRecord } from './request-recorder.ts';
import type { SecretBox } from './secret-box.ts';
import { testModel } from './test-model.ts';

/** The stored configuration and provider keys a gateway starts from (and refreshes to). */
export interface GatewayState {
  /** The stored gateway configuration, unvalidated (undefined: none saved yet). */
  config: unknown;
  providerKeys: readonly SealedProviderKey[];
}

/** Reads the stored gateway state through the store. */
export async function loadGatewayState(store: GatewayStore): Promise<GatewayState> {
  const [config, providerKeys] = await Promise.all([store.providerSettings.readGatewayConfig(), store.providerSettings.listProviderKeys()]);
  return { config, providerKeys };
}

/** What the gateway is built from. */
export interface ModelGatewayDeps {
  /** Limits, the request log, provider settings and keys, and the caches (SQLite, or Postgres shared by a cluster). */
  store: GatewayStore;
  /** The stored state read before the gateway is built. */
  initial: GatewayState;
  base: ModelCatalog;
  secrets: SecretRedactor;
  metrics: Metrics;
  secretBox: SecretBox;
  embedder: Embedder;
  /** The environment, for `apiKeyEnv`. */
  env: Record<string, string | undefined>;
  /** `TANDEM_GATEWAY_CONFIG`, read at start: its providers and pools replace stored ones of the same names. */
  fileConfig?: GatewayConfig;
  now?: () => number;
  random?: () => number;
  /** The request log's batching delay (tests flush by hand). */
  recorderFlushMs?: number;
  /**
   * When several processes share the store, how old the configuration and keys may be before
   * {@link ModelGateway.ensureFresh} reads them again (another node may have changed them); default: never (one process).
   */
  settingsMaxAgeMs?: number;
}

/**
 * The model gateway (DESIGN.md §9): one model resolver for pipelines and `/v1` (providers,
 * Settings providers, pools with breakers, provider limits), API-key limits, the caches, the
 * request log with metrics and passive health, and its configuration, stored in the database.
 */
export function createModelGateway(deps: ModelGatewayDeps) {
  const now = deps.now ?? Date.now;
  const { store } = deps;
  const limiter = createRateLimiter(store.rateLimits, now);
  const health = createProviderHealth();
  let providerKeys = new Map<string, SealedProviderKey>();
  const keyOf = (name: string, apiKeyEnv: string | undefined) => {
    const sealed = providerKeys.get(name)?.sealed;
    if (sealed) return { key: deps.secretBox.open(sealed), source: 'settings' as const };
    const fromEnvironment = apiKeyEnv ? deps.env[apiKeyEnv]?.trim() : undefined;
    return fromEnvironment ? { key: fromEnvironment, source: 'environment' as const } : undefined;
  };
  const models = createGatewayModels({
    base: deps.base,
    secrets: deps.secrets,
    limiter,
    keyOf,
    now,
    random: deps.random ?? Math.random,
    onMemberOutcome: (model, outcome) => health.record(model.slice(0, model.indexOf(':')), outcome),
  });
  const price = (model: string, inputTokens: number, outputTokens: number) => {
    const facts = models.resolver.describe(model);
    return facts?.price ? (inputTokens * facts.price.input + outputTokens * facts.price.output) / 1e6 : 0;
  };
  let config = gatewayConfigSchema.parse(deps.initial.config ?? {});
  /** Takes the stored keys: new or changed ones are opened and masked everywhere from now on; answers whether any changed. */
  const takeKeys = (keys: readonly SealedProviderKey[]) => {
    const next = new Map<string, SealedProviderKey>();
    let changed = keys.length !== providerKeys.size;
    for (const key of keys) {
      if (providerKeys.get(key.provider)?.sealed !== key.sealed) {
        changed = true;
        try {
          deps.secrets.add(deps.secretBox.open(key.sealed));
        } catch (error) {
          // Sealed with another TANDEM_SECRET_KEY: the provider goes without it rather than the gateway stopping.
          console.error(`The stored key of provider "${key.provider}" cannot be used: ${(error as Error).message}`);
          continue;
        }
      }
      next.set(key.provider, key);
    }
    providerKeys = next;
    return changed;
  };
  takeKeys(deps.initial.providerKeys);
  let stored: Promise<void> = Promise.resolve();
  if (deps.fileConfig) {
    config = { ...config, providers: { ...config.providers, ...deps.fileConfig.providers }, pools: { ...config.pools, ...deps.fileConfig.pools }, providerLimits: { ...config.providerLimits, ...deps.fileConfig.providerLimits }, cache: deps.fileConfig.cache };
    stored = store.providerSettings.writeGatewayConfig(config);
  }
  models.configure(config);
  let readAt = Date.now();
  const cache = createGatewayCache({ exact: store.completions, semantic: store.semantic, embedder: deps.embedder, settings: () => config.cache, price });
  const recorder = createRequestRecorder({ requests: store.requestLog, metrics: deps.metrics, health, price, ...(deps.recorderFlushMs !== undefined ? { flushAfterMs: deps.recorderFlushMs } : {}) });
  deps.metrics.readFrom({
    breakers: () => models.pools().flatMap((pool) => pool.members.map((member) => ({ pool: pool.modelId, member: member.model, state: member.breaker.state }))),
    cacheStatistics: () => cache.statistics(),
  });
  // The active probe of pools that ask for one (`probeIntervalMs`): the shortest interval of them, unref'd.
  let probeTimer: ReturnType<typeof setInterval> | undefined;
  const probePools = async () => {
    let probed = 0;
    for (const pool of models.pools()) if (config.pools[pool.modelId]?.probeIntervalMs !== undefined) probed += await pool.probe((model) => testModel(model));
    return probed;
  };
  const scheduleProbes = () => {
    clearInterval(probeTimer);
    const intervals = Object.values(config.pools).flatMap((pool) => (pool.probeIntervalMs !== undefined ? [pool.probeIntervalMs] : []));
    if (intervals.length === 0) return;
    probeTimer = setInterval(() => void probePools().catch(() => undefined), Math.min(...intervals));
    probeTimer.unref?.();
  };
  scheduleProbes();

  /** Reads the stored configuration and keys again, rebuilding providers and pools when they changed (pools keep unchanged breakers). */
  async function refresh(): Promise<void> {
    const state = await loadGatewayState(store);
    const next = gatewayConfigSchema.parse(state.config ?? {});
    const keysChanged = takeKeys(state.providerKeys);
    readAt = Date.now();
    if (!keysChanged && JSON.stringify(next) === JSON.stringify(config)) return;
    config = next;
    models.configure(config);
    scheduleProbes();
  }
  let refreshing: Promise<void> | undefined;

  async function save(next: GatewayConfig) {
    const checked = gatewayConfigSchema.parse(next);
    for (const [name, pool] of Object.entries(checked.pools)) {
      const nested = pool.members.find((member) => member.model.startsWith('pool:'));
      if (nested) throw new StudioError('VALIDATION_FAILED', `Pool "${name}" lists ${nested.model}: a pool's members are provider models`, { details: { field: 'members' } });
    }
    await store.providerSettings.writeGatewayConfig(checked);
    config = checked;
    models.configure(checked);
    scheduleProbes();
  }

  return {
    models: models.resolver,
    cache,
    health,
    /** The current configuration (no secrets). */
    settings: () => config,
    /** Replaces the configuration (validated, then stored; pools keep their breakers when unchanged). */
    save,
    /** Settles once the configuration file's providers and pools are stored. */
    ready: () => stored,
    /**
     * Reads the stored configuration and keys again when they are older than `settingsMaxAgeMs` (a cluster's
     * web node, before a gateway request: another node may have changed them). Nothing to do in one process.
     */
    async ensureFresh(): Promise<void> {
      if (deps.settingsMaxAgeMs === undefined || Date.now() - readAt < deps.settingsMaxAgeMs) return;
      refreshing ??= refresh().finally(() => {
        refreshing = undefined;
      });
      await refreshing;
    },
    /** Stores a provider's key sealed and masks it everywhere from now on. */
    async storeProviderKey(provider: string, key: string) {
      const sealed = deps.secretBox.seal(key);
      await store.providerSettings.putProviderKey(provider, sealed, key.slice(-4));
      providerKeys.set(provider, { provider, sealed, last4: key.slice(-4), updatedAt: Date.now() });
      deps.secrets.add(key);
      models.configure(config);
    },
    async deleteProviderKey(provider: string) {
      const removed = await store.providerSettings.deleteProviderKey(provider);
      providerKeys.delete(provider);
      return removed;
    },
    /** Counts a request against its API key's limits; refuses it (429 with Retry-After) over them. */
    async admit(principal: Principal | undefined, _model: string) {
      if (principal?.kind === 'key' && principal.limits) await limiter.admit(`key:${principal.keyId}`, principal.limits);
    },
    /** Records an answered gateway request (request log, metrics, health) and spends its tokens on the key's limit. */
    record(record: GatewayRequestRecord) {
      recorder.recordRequest(record);
      const { principal } = record;
      if (principal?.kind === 'key' && principal.limits?.tpm !== undefined) void limiter.spend(`key:${principal.keyId}`, principal.limits, (record.inputTokens ?? 0) + (record.outputTokens ?? 0));
    },
    /** Records the model calls of committed run events. */
    recordRunEvents: (events: readonly RunEvent[], pipelineOf: (runId: string) => string | undefined) => recorder.recordRunCalls(events, pipelineOf),
    /** Writes the request log rows still pending in this process. */
    flush: () => recorder.flush(),
    /** The request log's aggregations (the Monitoring page). */
    requests: store.requestLog,
    /** `GET /api/providers`. */
    view(): ProvidersView {
      const stored = new Map([...providerKeys.values()].map((entry) => [entry.provider, entry.last4]));
      const configured = models.configuredProviders();
      const configuredNames = new Set(configured.map((entry) => entry.name));
      const baseNames = [...new Set(deps.base.listModels().map((model) => model.provider))].filter((name) => !configuredNames.has(name));
      const modelsOf = (name: string) => models.resolver.listModels().filter((model) => model.provider === name).map((model) => model.id);
      const limitsOf = (name: string) => {
        const limits = models.limitsOf(name);
        return limits ? { limits } : {};
      };
      return {
        providers: [
          ...baseNames.map((name) => ({ name, models: modelsOf(name), health: health.of(name), source: name === 'sim' ? ('built-in' as const) : ('environment' as const), ...limitsOf(name) })),
          ...configured.map((entry) => ({
            name: entry.name,
            models: modelsOf(entry.name),
            health: health.of(entry.name),
            source: deps.fileConfig?.providers[entry.name] ? ('config-file' as const) : ('settings' as const),
            baseURL: entry.baseURL,
            ...(stored.has(entry.name) ? { keyLast4: stored.get(entry.name)! } : {}),
            ...limitsOf(entry.name),
          })),
        ],
        pools: models.pools().map((pool) => pool.view()),
      };
    },
    /** `POST /api/providers/:name/test`: one tiny call to the provider's first model. */
    async testProvider(name: string) {
      const model = models.resolver.listModels().find((entry) => entry.provider === name)?.id ?? (name === 'sim' ? 'sim:instant' : undefined);
      if (!model) throw new StudioError('NOT_FOUND', `No provider "${name}" with a model to test`, { details: { field: 'name' } });
      const started = performance.now();
      try {
        await testModel(models.resolver.languageModel(model));
        const latencyMs = Math.round(performance.now() - started);
        health.record(name, { ok: true, latencyMs });
        return { ok: true as const, model, latencyMs };
      } catch (error) {
        const failure = classifyProviderError(error, { model });
        health.record(name, { ok: false, error: failure.message });
        return { ok: false as const, model, latencyMs: Math.round(performance.now() - started), error: { code: failure.code, message: deps.secrets.redactText(failure.message) } };
      }
    },
    /** Probes the members of probing pools whose circuit waits for a probe (the timer calls it; tests may). */
    probePools,
    /** Stops the probes and writes the pending request log rows. */
    close(): Promise<void> {
      clearInterval(probeTimer);
      return recorder.close();
    },
  };
}

export type ModelGateway = ReturnType<typeof createModelGateway>;
