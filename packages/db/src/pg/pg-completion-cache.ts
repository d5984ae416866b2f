import type { CacheRepository, CachedCompletion } from '../repositories/cache-repository.ts';
import type { TandemPostgres } from './pg-client.ts';

/** The exact-match completion cache on Postgres, shared by every worker (same behaviour as the SQLite one). */
export function createPgCompletionCache(postgres: TandemPostgres): CacheRepository {
  const { pool } = postgres;
  return {
    async get(key: string): Promise<CachedCompletion | undefined> {
      const { rows } = await pool.query<{ text: string; input_tokens: number; output_tokens: number }>(
        'UPDATE completion_cache SET hits = hits + 1 WHERE key = $1 RETURNING text, input_tokens, output_tokens',
        [key],
      );
      const row = rows[0];
      return row ? { text: row.text, usage: { inputTokens: row.input_tokens, outputTokens: row.output_tokens } } : undefined;
    },
    async set(key: string, value: CachedCompletion): Promise<void> {
      await pool.query(
        `INSERT INTO completion_cache (key, text, input_tokens, output_tokens, created_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (key) DO UPDATE SET text = excluded.text, input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens`,
        [key, value.text, value.usage.inputTokens, value.usage.outputTokens, Date.now()],
      );
    },
  };
}
