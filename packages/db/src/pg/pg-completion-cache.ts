import type { CacheStatistics, CachedCompletion } from '../repositories/cache-repository.ts';
import type { TandemPostgres } from './pg-client.ts';

/** The exact-match completion cache as runs use it (structurally the engine's `CompletionCache` port). */
export interface PgCompletionCache {
  /** The live entry of `key` (expired ones are never answered), counting the hit or the miss in `cache_stats`. */
  get(key: string): Promise<CachedCompletion | undefined>;
  /** Stores (or replaces) the answer for `key`, kept `ttlMs` (default: until replaced). */
  set(key: string, value: CachedCompletion, options?: { ttlMs?: number }): Promise<void>;
  /** Counts a hit or a miss of `kind` (the semantic cache reports its own here). */
  count(kind: 'exact' | 'semantic', outcome: { hit: false } | { hit: true; saved: CachedCompletion }): Promise<void>;
  /** The statistics of both caches, exact first. */
  statistics(): Promise<CacheStatistics[]>;
}

/** The exact-match completion cache on Postgres, shared by every worker (same behaviour as the SQLite one). */
export function createPgCompletionCache(postgres: TandemPostgres, options: { now?: () => number } = {}): PgCompletionCache {
  const { pool } = postgres;
  const now = options.now ?? Date.now;
  async function count(hit: CachedCompletion | undefined, kind: 'exact' | 'semantic' = 'exact'): Promise<void> {
    await pool.query(
      `INSERT INTO cache_stats (kind, hits, misses, saved_input_tokens, saved_output_tokens, saved_cost_usd) VALUES ($6, $1, $2, $3, $4, $5)
         ON CONFLICT (kind) DO UPDATE SET hits = cache_stats.hits + excluded.hits, misses = cache_stats.misses + excluded.misses,
           saved_input_tokens = cache_stats.saved_input_tokens + excluded.saved_input_tokens,
           saved_output_tokens = cache_stats.saved_output_tokens + excluded.saved_output_tokens,
           saved_cost_usd = cache_stats.saved_cost_usd + excluded.saved_cost_usd`,
      [hit ? 1 : 0, hit ? 0 : 1, hit?.usage.inputTokens ?? 0, hit?.usage.outputTokens ?? 0, hit?.costUsd ?? 0, kind],
    );
  }
  return {
    async get(key) {
      const { rows } = await pool.query<{ text: string; input_tokens: number; output_tokens: number; cost_usd: number }>(
        `UPDATE completion_cache SET hits = hits + 1 WHERE key = $1 AND (expires_at IS NULL OR expires_at > $2)
           RETURNING text, input_tokens, output_tokens, cost_usd`,
        [key, now()],
      );
      const row = rows[0];
      const hit = row ? { text: row.text, usage: { inputTokens: row.input_tokens, outputTokens: row.output_tokens }, costUsd: row.cost_usd } : undefined;
      await count(hit);
      return hit;
    },
    async set(key, value, setOptions = {}) {
      const createdAt = now();
      await pool.query(
        `INSERT INTO completion_cache (key, text, input_tokens, output_tokens, cost_usd, created_at, expires_at, hits) VALUES ($1, $2, $3, $4, $5, $6, $7, 0)
           ON CONFLICT (key) DO UPDATE SET text = excluded.text, input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens,
             cost_usd = excluded.cost_usd, created_at = excluded.created_at, expires_at = excluded.expires_at`,
        [key, value.text, value.usage.inputTokens, value.usage.outputTokens, value.costUsd ?? 0, createdAt, setOptions.ttlMs !== undefined ? createdAt + setOptions.ttlMs : null],
      );
    },
    count: (kind, outcome) => count(outcome.hit ? outcome.saved : undefined, kind),
    async statistics() {
      const { rows } = await pool.query<{ kind: string; hits: number; misses: number; saved_input_tokens: number; saved_output_tokens: number; saved_cost_usd: number }>('SELECT * FROM cache_stats');
      return (['exact', 'semantic'] as const).map((kind) => {
        const row = rows.find((entry) => entry.kind === kind);
        return { kind, hits: row?.hits ?? 0, misses: row?.misses ?? 0, savedInputTokens: row?.saved_input_tokens ?? 0, savedOutputTokens: row?.saved_output_tokens ?? 0, savedCostUsd: row?.saved_cost_usd ?? 0 };
      });
    },
  };
}
