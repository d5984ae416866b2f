import type { TandemDatabase } from '../client.ts';
import { createCacheRepository } from '../repositories/cache-repository.ts';
import { createModelRequestsRepository } from '../repositories/model-requests-repository.ts';
import { createProviderSecretsRepository } from '../repositories/provider-secrets-repository.ts';
import { createRateLimitsRepository } from '../repositories/rate-limits-repository.ts';
import { createSemanticCacheRepository, type SemanticCacheRepository } from '../repositories/semantic-cache-repository.ts';
import { createSettingsRepository } from '../repositories/settings-repository.ts';
import { gatewayConfigKey, type GatewayStore } from './gateway-store.ts';

/** Options of {@link createSqliteGatewayStore}. */
export interface SqliteGatewayStoreOptions {
  /** The semantic cache repository to use (default: one over the database with sqlite-vec when it loads). */
  semantic?: SemanticCacheRepository;
  /** `brute-force` skips sqlite-vec (when `semantic` is not given). */
  vectorSearch?: 'auto' | 'brute-force';
  now?: () => number;
}

/**
 * The gateway store over SQLite: the synchronous repositories behind promises. Each method does its work
 * before it returns (the promise is already settled), so the single process keeps the order and speed of
 * direct repository calls.
 */
export function createSqliteGatewayStore(database: TandemDatabase, options: SqliteGatewayStoreOptions = {}): GatewayStore {
  const rateLimits = createRateLimitsRepository(database);
  const requests = createModelRequestsRepository(database);
  const secrets = createProviderSecretsRepository(database);
  const settings = createSettingsRepository(database);
  const cache = createCacheRepository(database, options.now ? { now: options.now } : {});
  const semantic = options.semantic ?? createSemanticCacheRepository(database, { vectorSearch: options.vectorSearch ?? 'auto', ...(options.now ? { now: options.now } : {}) });
  return {
    rateLimits: {
      peek: async (key, windowMs, now) => rateLimits.peek(key, windowMs, now),
      hit: async (key, windowMs, now, amount = 1) => rateLimits.hitBy(key, windowMs, now, amount),
    },
    requestLog: {
      append: async (rows) => requests.append(rows),
      buckets: async (query) => requests.buckets(query),
      latencyHistogram: async (query) => requests.latencyHistogram(query),
      prune: async (before) => requests.prune(before),
    },
    providerSettings: {
      readGatewayConfig: async () => settings.get(gatewayConfigKey),
      writeGatewayConfig: async (config) => settings.set(gatewayConfigKey, config),
      listProviderKeys: async () =>
        secrets
          .list()
          .flatMap((entry) => {
            const sealed = secrets.sealed(entry.provider);
            return sealed === undefined ? [] : [{ ...entry, sealed }];
          })
          .sort((a, b) => (a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : 0)),
      putProviderKey: async (provider, sealed, last4) => secrets.put(provider, sealed, last4),
      deleteProviderKey: async (provider) => secrets.delete(provider),
    },
    completions: {
      get: (key) => cache.get(key),
      set: (key, value, setOptions) => cache.set(key, value, setOptions),
      count: async (kind, outcome) => cache.count(kind, outcome),
      statistics: async () => cache.statistics(),
    },
    semantic: {
      search: semantic.search,
      nearest: async (scope, embedding, threshold) => semantic.nearest(scope, embedding, threshold),
      store: async (entry) => semantic.store(entry),
      prune: async (now) => semantic.prune(now),
    },
  };
}
