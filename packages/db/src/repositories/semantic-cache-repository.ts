import { createRequire } from 'node:module';
import { and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { TandemDatabase } from '../client.ts';
import { semanticCache } from '../schema.ts';

/** A stored answer found by similarity. */
export interface SemanticMatch {
  id: number;
  text: string;
  usage: { inputTokens: number; outputTokens: number };
  costUsd: number;
  /** Cosine similarity of the stored user content to the query (1 = same direction). */
  similarity: number;
}

/** The semantic cache's store: vectors by scope, nearest neighbour by cosine similarity. */
export interface SemanticCacheRepository {
  /** `sqlite-vec` when the extension loaded (a vec0 index per dimension), else `brute-force` cosine over the scope's rows. */
  readonly search: 'sqlite-vec' | 'brute-force';
  /** The most similar live entry of `scope` at or above `threshold`, counting its hit; undefined when none is. */
  nearest(scope: string, embedding: Float32Array, threshold: number): SemanticMatch | undefined;
  /** Stores an answer for `prompt` (its unit-length `embedding`) in `scope`, kept `ttlMs` (default: until pruned). */
  store(entry: { scope: string; prompt: string; embedding: Float32Array; text: string; usage: { inputTokens: number; outputTokens: number }; costUsd?: number; ttlMs?: number }): number;
  /** Deletes expired entries (and their vectors); answers how many. */
  prune(now?: number): number;
}

/** A float32 vector as the bytes stored in the `embedding` column (SQLite blob, Postgres bytea). */
export const toBuffer = (vector: Float32Array) => Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
/** The float32 vector stored as `buffer`. */
export const toVector = (buffer: Buffer) => new Float32Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength));

/** Cosine similarity of two vectors of the same length (0 when either is zero). */
export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let index = 0; index < a.length; index++) {
    dot += a[index]! * b[index]!;
    normA += a[index]! * a[index]!;
    normB += b[index]! * b[index]!;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

/** Loads sqlite-vec into the connection; false when it cannot be loaded here (the brute-force search is used). */
function loadVectorExtension(database: TandemDatabase): boolean {
  try {
    const sqliteVec = createRequire(import.meta.url)('sqlite-vec') as typeof import('sqlite-vec');
    sqliteVec.load(database.sqlite);
    database.sqlite.prepare('select vec_version()').get();
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates the semantic cache repository. With sqlite-vec loaded, each embedding dimension gets a
 * `vec0` table (`semantic_vectors_<dims>`, cosine distance, the scope as partition key) beside the
 * rows; without it (`vectorSearch: 'brute-force'`, or the extension cannot load) the scope's rows
 * are compared one by one, which is fine for thousands of entries per scope.
 */
export function createSemanticCacheRepository(
  database: TandemDatabase,
  options: { vectorSearch?: 'auto' | 'brute-force'; now?: () => number; candidates?: number } = {},
): SemanticCacheRepository {
  const { db, sqlite } = database;
  const now = options.now ?? Date.now;
  const candidates = options.candidates ?? 8;
  const vectors = options.vectorSearch !== 'brute-force' && loadVectorExtension(database);
  const vectorTable = (dimensions: number) => {
    const name = `semantic_vectors_${dimensions}`;
    sqlite.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ${name} USING vec0(scope text partition key, embedding float[${dimensions}] distance_metric=cosine)`);
    return name;
  };
  const live = (at: number) => or(isNull(semanticCache.expiresAt), gt(semanticCache.expiresAt, at));
  const countHit = (id: number) => db.update(semanticCache).set({ hits: sql`${semanticCache.hits} + 1` }).where(eq(semanticCache.id, id)).run();

  function nearestByVectors(scope: string, embedding: Float32Array, threshold: number): SemanticMatch | undefined {
    const table = vectorTable(embedding.length);
    const neighbours = sqlite
      .prepare(`SELECT rowid, distance FROM ${table} WHERE embedding MATCH ? AND k = ? AND scope = ? ORDER BY distance`)
      .all(toBuffer(embedding), candidates, scope) as { rowid: number; distance: number }[];
    const at = now();
    for (const neighbour of neighbours) {
      const similarity = 1 - neighbour.distance;
      if (similarity < threshold) break;
      const row = db.select().from(semanticCache).where(and(eq(semanticCache.id, Number(neighbour.rowid)), live(at))).get();
      if (row) return { id: row.id, text: row.text, usage: { inputTokens: row.inputTokens, outputTokens: row.outputTokens }, costUsd: row.costUsd, similarity };
    }
    return undefined;
  }

  function nearestByScan(scope: string, embedding: Float32Array, threshold: number): SemanticMatch | undefined {
    const rows = db
      .select()
      .from(semanticCache)
      .where(and(eq(semanticCache.scope, scope), eq(semanticCache.dimensions, embedding.length), live(now())))
      .all();
    let best: SemanticMatch | undefined;
    for (const row of rows) {
      const similarity = cosine(embedding, toVector(row.embedding));
      if (similarity >= threshold && (!best || similarity > best.similarity)) {
        best = { id: row.id, text: row.text, usage: { inputTokens: row.inputTokens, outputTokens: row.outputTokens }, costUsd: row.costUsd, similarity };
      }
    }
    return best;
  }

  return {
    search: vectors ? 'sqlite-vec' : 'brute-force',
    nearest(scope, embedding, threshold) {
      const match = vectors ? nearestByVectors(scope, embedding, threshold) : nearestByScan(scope, embedding, threshold);
      if (match) countHit(match.id);
      return match;
    },
    store(entry) {
      const createdAt = now();
      const insert = sqlite.transaction(() => {
        const { id } = db
          .insert(semanticCache)
          .values({
            scope: entry.scope,
            prompt: entry.prompt,
            embedding: toBuffer(entry.embedding),
            dimensions: entry.embedding.length,
            text: entry.text,
            inputTokens: entry.usage.inputTokens,
            outputTokens: entry.usage.outputTokens,
            costUsd: entry.costUsd ?? 0,
            createdAt,
            expiresAt: entry.ttlMs !== undefined ? createdAt + entry.ttlMs : null,
          })
          .returning({ id: semanticCache.id })
          .get();
        if (vectors) sqlite.prepare(`INSERT INTO ${vectorTable(entry.embedding.length)}(rowid, scope, embedding) VALUES (?, ?, ?)`).run(BigInt(id), entry.scope, toBuffer(entry.embedding));
        return id;
      });
      return insert.immediate();
    },
    prune(at = now()) {
      const expired = db.select({ id: semanticCache.id, dimensions: semanticCache.dimensions }).from(semanticCache).where(lte(semanticCache.expiresAt, at)).all();
      const remove = sqlite.transaction(() => {
        for (const row of expired) {
          if (vectors) sqlite.prepare(`DELETE FROM ${vectorTable(row.dimensions)} WHERE rowid = ?`).run(BigInt(row.id));
          db.delete(semanticCache).where(eq(semanticCache.id, row.id)).run();
        }
      });
      remove.immediate();
      return expired.length;
    },
  };
}
