import { and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { TandemDatabase } from '../client.ts';
import { cacheStats, completionCache } from '../schema.ts';

/** A cached model answer (the engine's `CachedCompletion`). */
export interface CachedCompletion {
  text: string;
  usage: { inputTokens: number; outputTokens: number };
  /** What the call that filled the entry cost (USD); what a hit saves. */
  costUsd?: number;
}

/** Hits and misses of one cache, and what its hits saved. */
export interface CacheStatistics {
  kind: 'exact' | 'semantic';
  hits: number;
  misses: number;
  savedInputTokens: number;
  savedOutputTokens: number;
  savedCostUsd: number;
}

/** The exact-match completion cache; structurally the engine's `CompletionCache` port. */
export interface CacheRepository {
  /** The cached answer for `key` unless it expired, counting the hit (or the miss) in the statistics. */
  get(key: string): Promise<CachedCompletion | undefined>;
  /** Stores (or replaces) the answer for `key`, kept `ttlMs` (default: until replaced). */
  set(key: string, value: CachedCompletion, options?: { ttlMs?: number }): Promise<void>;
  /** Deletes expired entries; answers how many. */
  prune(now?: number): number;
  /** Counts a hit or a miss of `kind` (the semantic cache reports its own here). */
  count(kind: 'exact' | 'semantic', outcome: { hit: false } | { hit: true; saved: CachedCompletion }): void;
  /** The statistics of both caches. */
  statistics(): CacheStatistics[];
}

/** Creates the completion cache repository over an open database. */
export function createCacheRepository(database: TandemDatabase, options: { now?: () => number } = {}): CacheRepository {
  const { db } = database;
  const now = options.now ?? Date.now;
  const count: CacheRepository['count'] = (kind, outcome) => {
    const saved = outcome.hit ? outcome.saved : undefined;
    const increments = {
      hits: outcome.hit ? 1 : 0,
      misses: outcome.hit ? 0 : 1,
      savedInputTokens: saved?.usage.inputTokens ?? 0,
      savedOutputTokens: saved?.usage.outputTokens ?? 0,
      savedCostUsd: saved?.costUsd ?? 0,
    };
    db.insert(cacheStats)
      .values({ kind, ...increments })
      .onConflictDoUpdate({
        target: cacheStats.kind,
        set: {
          hits: sql`${cacheStats.hits} + ${increments.hits}`,
          misses: sql`${cacheStats.misses} + ${increments.misses}`,
          savedInputTokens: sql`${cacheStats.savedInputTokens} + ${increments.savedInputTokens}`,
          savedOutputTokens: sql`${cacheStats.savedOutputTokens} + ${increments.savedOutputTokens}`,
          savedCostUsd: sql`${cacheStats.savedCostUsd} + ${increments.savedCostUsd}`,
        },
      })
      .run();
  };
  return {
    async get(key) {
      const row = db
        .update(completionCache)
        .set({ hits: sql`${completionCache.hits} + 1` })
        .where(and(eq(completionCache.key, key), or(isNull(completionCache.expiresAt), gt(completionCache.expiresAt, now()))))
        .returning({ text: completionCache.text, inputTokens: completionCache.inputTokens, outputTokens: completionCache.outputTokens, costUsd: completionCache.costUsd })
        .get();
      const hit = row ? { text: row.text, usage: { inputTokens: row.inputTokens, outputTokens: row.outputTokens }, costUsd: row.costUsd } : undefined;
      count('exact', hit ? { hit: true, saved: hit } : { hit: false });
      return hit;
    },
    async set(key, value, setOptions = {}) {
      const createdAt = now();
      const row = {
        text: value.text,
        inputTokens: value.usage.inputTokens,
        outputTokens: value.usage.outputTokens,
        costUsd: value.costUsd ?? 0,
        createdAt,
        expiresAt: setOptions.ttlMs !== undefined ? createdAt + setOptions.ttlMs : null,
      };
      db.insert(completionCache).values({ key, ...row }).onConflictDoUpdate({ target: completionCache.key, set: row }).run();
    },
    prune(at = now()) {
      return db.delete(completionCache).where(lte(completionCache.expiresAt, at)).run().changes;
    },
    count,
    statistics() {
      const rows = db.select().from(cacheStats).all();
      return (['exact', 'semantic'] as const).map((kind) => {
        const row = rows.find((entry) => entry.kind === kind);
        return { kind, hits: row?.hits ?? 0, misses: row?.misses ?? 0, savedInputTokens: row?.savedInputTokens ?? 0, savedOutputTokens: row?.savedOutputTokens ?? 0, savedCostUsd: row?.savedCostUsd ?? 0 };
      });
    },
  };
}
