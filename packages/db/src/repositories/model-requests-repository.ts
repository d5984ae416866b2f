import { and, gte, sql } from 'drizzle-orm';
import type { TandemDatabase } from '../client.ts';
import type { MonitoringBucket } from '@tandem/shared';
import { modelRequests } from '../schema.ts';

/** One gateway request or one model call of a run, as the request log keeps it. */
export type ModelRequestRow = Omit<typeof modelRequests.$inferInsert, 'id'>;

/** What the Monitoring page groups by. */
export type ModelRequestGrouping = 'model' | 'pipeline' | 'key' | 'source';

/** One time bucket of one group. */
export type ModelRequestBucket = MonitoringBucket;

/** How many requests took at most each upper bound (ms); the last bucket has no bound. */
export interface LatencyHistogramBin {
  upToMs: number | null;
  count: number;
}

/** The request log: every gateway request and model call, for the Monitoring page. */
export interface ModelRequestsRepository {
  /** Appends rows in one transaction. */
  append(rows: readonly ModelRequestRow[]): void;
  /** Rows since `since`, bucketed by `bucketMs` and grouped. */
  buckets(query: { since: number; bucketMs: number; groupBy: ModelRequestGrouping }): ModelRequestBucket[];
  /** Latency histogram since `since` over the given upper bounds (ms). */
  latencyHistogram(query: { since: number; boundsMs: readonly number[] }): LatencyHistogramBin[];
  /** Deletes rows older than `before`; answers how many. */
  prune(before: number): number;
}

const groupColumns = { model: modelRequests.model, pipeline: modelRequests.pipelineId, key: modelRequests.keyId, source: modelRequests.source } as const;

/** Rows per multi-row INSERT (15 values each, far under SQLite's limit of bound parameters). */
const rowsPerStatement = 32;

/** Creates the request log repository over an open database. */
export function createModelRequestsRepository(database: TandemDatabase): ModelRequestsRepository {
  const { db } = database;
  // Prepared statements, not the query builder: the log takes a row per gateway request. Rows go in
  // by position, many to a statement: per row that is 15 bound values, not an object and a statement run.
  const columns = 'at, source, route, key_id, model, pipeline_id, run_id, status, error_code, latency_ms, first_token_ms, input_tokens, output_tokens, cost_usd, cache';
  const placeholders = `(${Array.from({ length: 15 }, () => '?').join(', ')})`;
  const insertStatement = (rows: number) => database.sqlite.prepare(`INSERT INTO model_requests (${columns}) VALUES ${Array.from({ length: rows }, () => placeholders).join(', ')}`);
  const insertOne = insertStatement(1);
  const insertChunk = insertStatement(rowsPerStatement);
  const pushValues = (values: unknown[], row: ModelRequestRow) => {
    values.push(row.at, row.source, row.route ?? null, row.keyId ?? null, row.model, row.pipelineId ?? null, row.runId ?? null, row.status, row.errorCode ?? null);
    values.push(row.latencyMs, row.firstTokenMs ?? null, row.inputTokens ?? 0, row.outputTokens ?? 0, row.costUsd ?? 0, row.cache ?? null);
  };
  const insertMany = database.sqlite.transaction((rows: readonly ModelRequestRow[]) => {
    let index = 0;
    for (; index + rowsPerStatement <= rows.length; index += rowsPerStatement) {
      const values: unknown[] = [];
      for (let offset = 0; offset < rowsPerStatement; offset++) pushValues(values, rows[index + offset]!);
      insertChunk.run(values);
    }
    for (; index < rows.length; index++) {
      const values: unknown[] = [];
      pushValues(values, rows[index]!);
      insertOne.run(values);
    }
  });
  return {
    append(rows) {
      if (rows.length > 0) insertMany.immediate(rows);
    },
    buckets({ since, bucketMs, groupBy }) {
      const width = Math.max(1, Math.round(bucketMs));
      // The width is a literal integer: bound parameters would make the division real.
      const bucket = sql<number>`(${modelRequests.at} / ${sql.raw(String(width))}) * ${sql.raw(String(width))}`;
      const group = sql<string>`coalesce(${groupColumns[groupBy]}, '(none)')`;
      return db
        .select({
          at: bucket,
          group,
          requests: sql<number>`count(*)`,
          errors: sql<number>`sum(case when ${modelRequests.status} >= 400 then 1 else 0 end)`,
          cacheHits: sql<number>`sum(case when ${modelRequests.cache} is not null then 1 else 0 end)`,
          inputTokens: sql<number>`sum(${modelRequests.inputTokens})`,
          outputTokens: sql<number>`sum(${modelRequests.outputTokens})`,
          costUsd: sql<number>`sum(${modelRequests.costUsd})`,
          latencyMsAverage: sql<number>`avg(${modelRequests.latencyMs})`,
          firstTokenMsAverage: sql<number | null>`avg(${modelRequests.firstTokenMs})`,
        })
        .from(modelRequests)
        .where(and(gte(modelRequests.at, since)))
        .groupBy(bucket, group)
        .orderBy(bucket, group)
        .all();
    },
    latencyHistogram({ since, boundsMs }) {
      const rows = db.select({ latencyMs: modelRequests.latencyMs }).from(modelRequests).where(gte(modelRequests.at, since)).all();
      const bins: LatencyHistogramBin[] = [...boundsMs.map((upToMs) => ({ upToMs, count: 0 })), { upToMs: null, count: 0 }];
      for (const { latencyMs } of rows) {
        const index = boundsMs.findIndex((bound) => latencyMs <= bound);
        bins[index === -1 ? bins.length - 1 : index]!.count++;
      }
      return bins;
    },
    prune(before) {
      return db.delete(modelRequests).where(sql`${modelRequests.at} < ${before}`).run().changes;
    },
  };
}
