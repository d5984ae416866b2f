import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type TandemPostgres } from './pg-client.ts';
import { createPgCompletionCache } from './pg-completion-cache.ts';
import { createTemporaryPostgres, testPostgresUrl, type TemporaryPostgres } from './pg-test-support.ts';

const serverUrl = testPostgresUrl();

describe.skipIf(!serverUrl)('the completion cache on Postgres', () => {
  let temporary: TemporaryPostgres;
  let postgres: TandemPostgres;
  beforeAll(async () => {
    temporary = await createTemporaryPostgres(serverUrl!);
    postgres = await openPostgres(temporary.url, { maxConnections: 2 });
  });
  afterAll(async () => {
    await postgres?.close();
    await temporary?.drop();
  });

  it('answers live entries only, replaces them, and counts hits, misses and what the hits saved', async () => {
    let clock = 1_000;
    const cache = createPgCompletionCache(postgres, { now: () => clock });
    expect(await cache.get('k')).toBeUndefined();
    await cache.set('k', { text: 'answer', usage: { inputTokens: 10, outputTokens: 4 }, costUsd: 0.5 }, { ttlMs: 100 });
    expect(await cache.get('k')).toEqual({ text: 'answer', usage: { inputTokens: 10, outputTokens: 4 }, costUsd: 0.5 });
    clock = 1_200;
    expect(await cache.get('k')).toBeUndefined();
    await cache.set('k', { text: 'again', usage: { inputTokens: 1, outputTokens: 2 } });
    expect((await cache.get('k'))?.text).toBe('again');
    const { rows } = await postgres.pool.query('SELECT hits, misses, saved_input_tokens, saved_cost_usd FROM cache_stats WHERE kind = $1', ['exact']);
    expect(rows[0]).toEqual({ hits: 2, misses: 2, saved_input_tokens: 11, saved_cost_usd: 0.5 });
  });
});
