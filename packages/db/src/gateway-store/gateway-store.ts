import type { CacheStatistics, CachedCompletion } from '../repositories/cache-repository.ts';
import type { LatencyHistogramBin, ModelRequestBucket, ModelRequestGrouping, ModelRequestRow } from '../repositories/model-requests-repository.ts';
import type { RateWindow } from '../repositories/rate-limits-repository.ts';
import type { SemanticMatch } from '../repositories/semantic-cache-repository.ts';

/** Fixed-window counters shared by every process on the database (the gateway's per-minute limits). */
export interface RateLimitStore {
  /** The current window of `key` at `now` (count 0 when none is open). */
  peek(key: string, windowMs: number, now: number): Promise<RateWindow>;
  /**
   * Adds `amount` (default 1) to `key`'s window at `now`, opening a new window when the last one ended, and
   * answers the window after the addition. Atomic: concurrent hits from several processes are all counted.
   */
  hit(key: string, windowMs: number, now: number, amount?: number): Promise<RateWindow>;
}

/** The request log (`model_requests`) and the aggregations the Monitoring page reads. */
export interface RequestLogStore {
  /** Appends rows in one transaction. */
  append(rows: readonly ModelRequestRow[]): Promise<void>;
  /** Rows since `since`, bucketed by `bucketMs` and grouped, ordered by bucket then group. */
  buckets(query: { since: number; bucketMs: number; groupBy: ModelRequestGrouping }): Promise<ModelRequestBucket[]>;
  /** Latency histogram since `since` over the given upper bounds (ms); the last bin has no bound. */
  latencyHistogram(query: { since: number; boundsMs: readonly number[] }): Promise<LatencyHistogramBin[]>;
  /** Deletes rows older than `before`; answers how many. */
  prune(before: number): Promise<number>;
}

/** A provider key as stored: sealed by the caller (never the key itself), with its last four characters. */
export interface SealedProviderKey {
  provider: string;
  sealed: string;
  last4: string;
  updatedAt: number;
}

/** The gateway's configuration (a JSON value under one settings key) and the sealed provider keys. */
export interface ProviderSettingsStore {
  /** The stored gateway configuration, unvalidated, or undefined when none was saved. */
  readGatewayConfig(): Promise<unknown>;
  /** Replaces the stored gateway configuration (the caller validated it). */
  writeGatewayConfig(config: unknown): Promise<void>;
  /** Every stored provider key, sealed. */
  listProviderKeys(): Promise<SealedProviderKey[]>;
  /** Stores (or replaces) the sealed key of `provider`. */
  putProviderKey(provider: string, sealed: string, last4: string): Promise<void>;
  /** Removes the key of `provider`; answers whether there was one. */
  deleteProviderKey(provider: string): Promise<boolean>;
}

/** The exact-match completion cache with both caches' statistics (`cache_stats`). */
export interface CompletionCacheStore {
  /** The live entry of `key` (expired ones are never answered), counting the hit or the miss. */
  get(key: string): Promise<CachedCompletion | undefined>;
  /** Stores (or replaces) the answer for `key`, kept `ttlMs` (default: until replaced). */
  set(key: string, value: CachedCompletion, options?: { ttlMs?: number }): Promise<void>;
  /** Counts a hit or a miss of `kind` (the semantic cache reports its own here). */
  count(kind: 'exact' | 'semantic', outcome: { hit: false } | { hit: true; saved: CachedCompletion }): Promise<void>;
  /** The statistics of both caches, exact first. */
  statistics(): Promise<CacheStatistics[]>;
}

/** A semantic cache entry to store. */
export interface SemanticCacheEntry {
  scope: string;
  prompt: string;
  /** The unit-length embedding of `prompt`. */
  embedding: Float32Array;
  text: string;
  usage: { inputTokens: number; outputTokens: number };
  costUsd?: number;
  /** Kept this long (default: until pruned). */
  ttlMs?: number;
}

/** The semantic cache: vectors by scope, the nearest live neighbour by cosine similarity. */
export interface SemanticCacheStore {
  /** How neighbours are found: sqlite-vec's index, a scan of the scope's rows in the process, or on Postgres. */
  readonly search: 'sqlite-vec' | 'brute-force' | 'postgres-scan';
  /** The most similar live entry of `scope` at or above `threshold`, counting its hit; undefined when none is. */
  nearest(scope: string, embedding: Float32Array, threshold: number): Promise<SemanticMatch | undefined>;
  /** Stores an answer; answers its id. */
  store(entry: SemanticCacheEntry): Promise<number>;
  /** Deletes expired entries; answers how many. */
  prune(now?: number): Promise<number>;
}

/**
 * What the model gateway stores (DESIGN.md §9): limits, the request log, provider settings and keys, and the
 * caches — one asynchronous port with a SQLite adapter (the single process) and a Postgres adapter (a cluster's
 * web nodes and workers share one of each), held to one contract suite (gateway-store.contract.ts).
 */
export interface GatewayStore {
  rateLimits: RateLimitStore;
  requestLog: RequestLogStore;
  providerSettings: ProviderSettingsStore;
  completions: CompletionCacheStore;
  semantic: SemanticCacheStore;
}

/** The settings key the gateway configuration is stored under. */
export const gatewayConfigKey = 'gateway.config';
