import type { LatencyHistogramBin, ModelRequestBucket, ModelRequestGrouping } from '../repositories/model-requests-repository.ts';
import type { RequestLogStore } from '../gateway-store/gateway-store.ts';
import type { TandemPostgres } from './pg-client.ts';
import { modelRequests } from './pg-schema.ts';

const groupColumns: Record<ModelRequestGrouping, string> = { model: 'model', pipeline: 'pipeline_id', key: 'key_id', source: 'source' };

/**
 * The request log on Postgres: every web node and worker appends to the one `model_requests` table, and the
 * Monitoring page's buckets and latency histogram are computed by Postgres over all of them.
 */
export function createPgRequestLog(postgres: TandemPostgres): RequestLogStore {
  const { pool, db } = postgres;
  return {
    async append(rows) {
      if (rows.length === 0) return;
      await db.insert(modelRequests).values(
        rows.map((row) => ({
          ...row,
          route: row.route ?? null,
          keyId: row.keyId ?? null,
          pipelineId: row.pipelineId ?? null,
          runId: row.runId ?? null,
          errorCode: row.errorCode ?? null,
          firstTokenMs: row.firstTokenMs ?? null,
          cache: row.cache ?? null,
        })),
      );
    },
    async buckets({ since, bucketMs, groupBy }) {
      const width = Math.max(1, Math.round(bucketMs));
      // Byte order for the groups (COLLATE "C"), as SQLite orders text.
      const { rows } = await pool.query<ModelRequestBucket>(
        `SELECT (at / $2::bigint) * $2::bigint AS "at", coalesce(${groupColumns[groupBy]}, '(none)') COLLATE "C" AS "group",
                count(*) AS requests,
                sum(CASE WHEN status >= 400 THEN 1 ELSE 0 END) AS errors,
                sum(CASE WHEN cache IS NOT NULL THEN 1 ELSE 0 END) AS "cacheHits",
                sum(input_tokens) AS "inputTokens", sum(output_tokens) AS "outputTokens", sum(cost_usd) AS "costUsd",
                avg(latency_ms) AS "latencyMsAverage", avg(first_token_ms) AS "firstTokenMsAverage"
           FROM model_requests WHERE at >= $1
           GROUP BY 1, 2 ORDER BY 1, 2`,
        [since, width],
      );
      return rows;
    },
    async latencyHistogram({ since, boundsMs }) {
      // The bin of a row is the index of the first bound at or above its latency (boundsMs.length: none).
      const cases = boundsMs.map((_, index) => `WHEN latency_ms <= $${index + 2} THEN ${index}`).join(' ');
      const bin = boundsMs.length > 0 ? `CASE ${cases} ELSE ${boundsMs.length} END` : '0';
      const { rows } = await pool.query<{ bin: number; count: number }>(
        `SELECT ${bin} AS bin, count(*) AS count FROM model_requests WHERE at >= $1 GROUP BY 1`,
        [since, ...boundsMs],
      );
      const bins: LatencyHistogramBin[] = [...boundsMs.map((upToMs) => ({ upToMs, count: 0 })), { upToMs: null, count: 0 }];
      for (const row of rows) bins[row.bin]!.count = row.count;
      return bins;
    },
    async prune(before) {
      const { rowCount } = await pool.query('DELETE FROM model_requests WHERE at < $1', [before]);
      return rowCount ?? 0;
    },
  };
}
