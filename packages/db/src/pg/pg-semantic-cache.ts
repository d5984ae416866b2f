import { cosine, toBuffer, toVector, type SemanticMatch } from '../repositories/semantic-cache-repository.ts';
import type { SemanticCacheStore } from '../gateway-store/gateway-store.ts';
import type { TandemPostgres } from './pg-client.ts';

interface CandidateRow {
  id: number;
  embedding: Buffer;
  text: string;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
}

/**
 * The semantic cache on Postgres without an extension: the live rows of the scope (same embedder, model,
 * parameters and context, so usually few) are read by the `(scope, dimensions)` index and compared by cosine
 * similarity in the process, as SQLite does without sqlite-vec. The float32 bytes are the same as SQLite's, in a
 * `bytea` column. A scope with tens of thousands of live entries is the point to move to pgvector's index behind
 * this same port (docs/scale-out.md).
 */
export function createPgSemanticCache(postgres: TandemPostgres, options: { now?: () => number } = {}): SemanticCacheStore {
  const { pool } = postgres;
  const now = options.now ?? Date.now;
  return {
    search: 'postgres-scan',
    async nearest(scope, embedding, threshold) {
      const { rows } = await pool.query<CandidateRow>(
        `SELECT id, embedding, text, input_tokens, output_tokens, cost_usd FROM semantic_cache
           WHERE scope = $1 AND dimensions = $2 AND (expires_at IS NULL OR expires_at > $3) ORDER BY id`,
        [scope, embedding.length, now()],
      );
      let best: SemanticMatch | undefined;
      for (const row of rows) {
        const similarity = cosine(embedding, toVector(row.embedding));
        if (similarity >= threshold && (!best || similarity > best.similarity)) {
          best = { id: row.id, text: row.text, usage: { inputTokens: row.input_tokens, outputTokens: row.output_tokens }, costUsd: row.cost_usd, similarity };
        }
      }
      if (best) await pool.query('UPDATE semantic_cache SET hits = hits + 1 WHERE id = $1', [best.id]);
      return best;
    },
    async store(entry) {
      const createdAt = now();
      const { rows } = await pool.query<{ id: number }>(
        `INSERT INTO semantic_cache (scope, prompt, embedding, dimensions, text, input_tokens, output_tokens, cost_usd, created_at, expires_at, hits)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0) RETURNING id`,
        [entry.scope, entry.prompt, toBuffer(entry.embedding), entry.embedding.length, entry.text, entry.usage.inputTokens, entry.usage.outputTokens, entry.costUsd ?? 0, createdAt, entry.ttlMs !== undefined ? createdAt + entry.ttlMs : null],
      );
      return rows[0]!.id;
    },
    async prune(at = now()) {
      const { rowCount } = await pool.query('DELETE FROM semantic_cache WHERE expires_at <= $1', [at]);
      return rowCount ?? 0;
    },
  };
}
