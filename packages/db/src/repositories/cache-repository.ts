import { eq, sql } from 'drizzle-orm';
import type { TandemDatabase } from '../client.ts';
import { completionCache } from '../schema.ts';

/** A cached model answer (the engine's `CachedCompletion`). */
export interface CachedCompletion {
  text: string;
  usage: { inputTokens: number; outputTokens: number };
}

/** The exact-match completion cache; structurally the engine's `CompletionCache` port. */
export interface CacheRepository {
  /** The cached answer for `key`, counting the hit, or undefined. */
  get(key: string): Promise<CachedCompletion | undefined>;
  /** Stores (or replaces) the answer for `key`. */
  set(key: string, value: CachedCompletion): Promise<void>;
}

/** Creates the completion cache repository over an open database. */
export function createCacheRepository(database: TandemDatabase): CacheRepository {
  const { db } = database;
  return {
    async get(key) {
      const row = db
        .update(completionCache)
        .set({ hits: sql`${completionCache.hits} + 1` })
        .where(eq(completionCache.key, key))
        .returning({
          text: completionCache.text,
          inputTokens: completionCache.inputTokens,
          outputTokens: completionCache.outputTokens,
        })
        .get();
      if (!row) return undefined;
      return { text: row.text, usage: { inputTokens: row.inputTokens, outputTokens: row.outputTokens } };
    },
    async set(key, value) {
      const row = {
        text: value.text,
        inputTokens: value.usage.inputTokens,
        outputTokens: value.usage.outputTokens,
        createdAt: Date.now(),
      };
      db.insert(completionCache)
        .values({ key, ...row })
        .onConflictDoUpdate({ target: completionCache.key, set: row })
        .run();
    },
  };
}
