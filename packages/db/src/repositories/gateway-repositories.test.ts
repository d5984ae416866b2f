import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTemporaryDatabase, type TemporaryDatabase } from '../test-support.ts';
import { createCacheRepository } from './cache-repository.ts';
import { createModelRequestsRepository } from './model-requests-repository.ts';
import { createRateLimitsRepository } from './rate-limits-repository.ts';
import { createSemanticCacheRepository } from './semantic-cache-repository.ts';

let temporary: TemporaryDatabase;
let now = 1_000_000;
beforeEach(() => {
  temporary = openTemporaryDatabase();
  now = 1_000_000;
});
afterEach(() => temporary.cleanup());

const unit = (...values: number[]) => {
  const norm = Math.hypot(...values);
  return new Float32Array(values.map((value) => value / norm));
};

describe('the exact cache', () => {
  it('serves an entry until its TTL passes, never after, and counts hits, misses and what hits saved', async () => {
    const cache = createCacheRepository(temporary.database, { now: () => now });
    await cache.set('k', { text: 'answer', usage: { inputTokens: 10, outputTokens: 5 }, costUsd: 0.002 }, { ttlMs: 1000 });
    expect(await cache.get('k')).toMatchObject({ text: 'answer', costUsd: 0.002 });
    now += 1000;
    expect(await cache.get('k')).toBeUndefined();
    expect(await cache.get('other')).toBeUndefined();
    expect(cache.statistics()).toContainEqual({ kind: 'exact', hits: 1, misses: 2, savedInputTokens: 10, savedOutputTokens: 5, savedCostUsd: 0.002 });
    expect(cache.prune()).toBe(1);
  });
});

describe.each(['auto', 'brute-force'] as const)('the semantic cache (%s search)', (vectorSearch) => {
  it('finds the nearest live entry of the scope above the threshold, and nothing below it or in another scope', async () => {
    const semantic = createSemanticCacheRepository(temporary.database, { vectorSearch, now: () => now });
    if (vectorSearch === 'auto') expect(semantic.search).toBe('sqlite-vec');
    const usage = { inputTokens: 3, outputTokens: 4 };
    semantic.store({ scope: 's', prompt: 'capital of France', embedding: unit(1, 0, 0, 0), text: 'Paris', usage });
    semantic.store({ scope: 's', prompt: 'tallest mountain', embedding: unit(0, 1, 0, 0), text: 'Everest', usage, ttlMs: 500 });
    semantic.store({ scope: 'other', prompt: 'capital of France', embedding: unit(1, 0.05, 0, 0), text: 'Elsewhere', usage });
    const near = semantic.nearest('s', unit(1, 0.1, 0, 0), 0.9);
    expect(near).toMatchObject({ text: 'Paris' });
    expect(near!.similarity).toBeCloseTo(0.995, 2);
    expect(semantic.nearest('s', unit(0.5, 0.5, 0.7, 0), 0.9)).toBeUndefined();
    expect(semantic.nearest('s', unit(0, 1, 0, 0), 0.9)).toMatchObject({ text: 'Everest' });
    now += 500;
    expect(semantic.nearest('s', unit(0, 1, 0, 0), 0.9)).toBeUndefined();
    expect(semantic.prune()).toBe(1);
  });
});

describe('the request log', () => {
  it('buckets rows by minute and group, with errors, cache hits, tokens and latency', () => {
    const log = createModelRequestsRepository(temporary.database);
    const base = { source: 'v1' as const, status: 200, latencyMs: 100, inputTokens: 10, outputTokens: 20, costUsd: 0.01 };
    log.append([
      { ...base, at: 60_000, model: 'sim:a', firstTokenMs: 10 },
      { ...base, at: 61_000, model: 'sim:a', status: 503, errorCode: 'PROVIDER_UNAVAILABLE', latencyMs: 300 },
      { ...base, at: 62_000, model: 'sim:b', cache: 'exact' },
      { ...base, at: 125_000, model: 'sim:a' },
    ]);
    const buckets = log.buckets({ since: 0, bucketMs: 60_000, groupBy: 'model' });
    expect(buckets).toEqual([
      expect.objectContaining({ at: 60_000, group: 'sim:a', requests: 2, errors: 1, cacheHits: 0, inputTokens: 20, latencyMsAverage: 200, firstTokenMsAverage: 10 }),
      expect.objectContaining({ at: 60_000, group: 'sim:b', requests: 1, errors: 0, cacheHits: 1 }),
      expect.objectContaining({ at: 120_000, group: 'sim:a', requests: 1 }),
    ]);
    expect(log.latencyHistogram({ since: 0, boundsMs: [100, 250] })).toEqual([
      { upToMs: 100, count: 3 },
      { upToMs: 250, count: 0 },
      { upToMs: null, count: 1 },
    ]);
  });

  it('stores every row of a large batch with each of its columns, many rows to a statement', () => {
    const log = createModelRequestsRepository(temporary.database);
    // 32 rows go to one statement: two full statements and a remainder of six.
    const rows = Array.from({ length: 70 }, (_, index) => ({
      at: 1_000 + index,
      source: index % 2 === 0 ? ('v1' as const) : ('run' as const),
      route: index % 2 === 0 ? 'chat.completions' : null,
      keyId: index % 3 === 0 ? `key-${index}` : null,
      model: `sim:model-${index}`,
      pipelineId: index % 5 === 0 ? `pipeline-${index}` : null,
      runId: index % 7 === 0 ? `run-${index}` : null,
      status: index % 4 === 0 ? 500 : 200,
      errorCode: index % 4 === 0 ? 'PROVIDER_ERROR' : null,
      latencyMs: index + 0.5,
      firstTokenMs: index % 2 === 0 ? index / 2 : null,
      inputTokens: index,
      outputTokens: 2 * index,
      costUsd: index / 1000,
      cache: index % 6 === 0 ? ('semantic' as const) : null,
    }));
    log.append(rows);
    const stored = temporary.database.sqlite
      .prepare(
        `SELECT at, source, route, key_id AS keyId, model, pipeline_id AS pipelineId, run_id AS runId, status, error_code AS errorCode, latency_ms AS latencyMs,
                first_token_ms AS firstTokenMs, input_tokens AS inputTokens, output_tokens AS outputTokens, cost_usd AS costUsd, cache
         FROM model_requests ORDER BY id`,
      )
      .all();
    expect(stored).toEqual(rows);
  });
});

describe('rate limit windows', () => {
  it('adds amounts in a fixed window and starts over when it ends', () => {
    const limits = createRateLimitsRepository(temporary.database);
    expect(limits.hitBy('tpm', 60_000, 0, 500)).toEqual({ count: 500, resetsAt: 60_000 });
    expect(limits.hitBy('tpm', 60_000, 1_000, 250)).toEqual({ count: 750, resetsAt: 60_000 });
    expect(limits.peek('tpm', 60_000, 59_999).count).toBe(750);
    expect(limits.hitBy('tpm', 60_000, 60_000, 1)).toEqual({ count: 1, resetsAt: 120_000 });
  });
});
