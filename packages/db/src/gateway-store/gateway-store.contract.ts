/**
 * The behaviour every GatewayStore adapter must have, as one suite run against each (SQLite and Postgres):
 * see sqlite-gateway-store.test.ts and ../pg/pg-gateway-store.test.ts. Not exported from the package entry point.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelRequestRow } from '../repositories/model-requests-repository.ts';
import type { GatewayStore } from './gateway-store.ts';

/** An adapter under test (its clock set by the suite) and how to dispose of it. */
export interface OpenedGatewayStore {
  store: GatewayStore;
  close(): Promise<void>;
}

const minute = 60_000;

function request(overrides: Partial<ModelRequestRow>): ModelRequestRow {
  return { at: 0, source: 'v1', route: 'chat.completions', keyId: 'k1', model: 'sim:instant', status: 200, latencyMs: 40, inputTokens: 1, outputTokens: 2, costUsd: 0, ...overrides };
}

/** A unit vector pointing mostly along axis `axis` of `dimensions`, tilted toward the next axis by `tilt`. */
function unit(dimensions: number, axis: number, tilt = 0): Float32Array {
  const vector = new Float32Array(dimensions);
  vector[axis] = 1;
  vector[(axis + 1) % dimensions] = tilt;
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

/** Declares the contract suite for one adapter; `open` gives a store over empty tables, reading the time from `now`. */
export function describeGatewayStoreContract(adapter: string, open: (now: () => number) => Promise<OpenedGatewayStore>): void {
  describe(`gateway store contract (${adapter})`, () => {
    let opened: OpenedGatewayStore;
    let store: GatewayStore;
    let clock = 1_000_000;
    beforeEach(async () => {
      clock = 1_000_000;
      opened = await open(() => clock);
      store = opened.store;
    });
    afterEach(async () => {
      await opened.close();
    });

    it('counts fixed one-minute windows and opens a new one when the last ended', async () => {
      expect(await store.rateLimits.peek('key:a:rpm', minute, 1_000)).toEqual({ count: 0, resetsAt: 1_000 + minute });
      expect(await store.rateLimits.hit('key:a:rpm', minute, 1_000)).toEqual({ count: 1, resetsAt: 1_000 + minute });
      expect(await store.rateLimits.hit('key:a:rpm', minute, 30_000)).toEqual({ count: 2, resetsAt: 1_000 + minute });
      expect(await store.rateLimits.hit('key:a:tpm', minute, 30_000, 120)).toEqual({ count: 120, resetsAt: 30_000 + minute });
      expect(await store.rateLimits.hit('key:a:tpm', minute, 31_000, 30)).toEqual({ count: 150, resetsAt: 30_000 + minute });
      expect(await store.rateLimits.peek('key:a:rpm', minute, 60_999)).toEqual({ count: 2, resetsAt: 1_000 + minute });
      // The window ended at 61 000: a peek sees nothing, a hit starts over.
      expect(await store.rateLimits.peek('key:a:rpm', minute, 61_000)).toEqual({ count: 0, resetsAt: 61_000 + minute });
      expect(await store.rateLimits.hit('key:a:rpm', minute, 61_000, 4)).toEqual({ count: 4, resetsAt: 61_000 + minute });
      expect(await store.rateLimits.peek('key:b:rpm', minute, 61_000)).toEqual({ count: 0, resetsAt: 61_000 + minute });
    });

    it('counts every one of many concurrent hits', async () => {
      const windows = await Promise.all(Array.from({ length: 25 }, () => store.rateLimits.hit('provider:sim:rpm', minute, 5_000)));
      expect(windows.map((window) => window.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, index) => index + 1));
      expect((await store.rateLimits.peek('provider:sim:rpm', minute, 5_000)).count).toBe(25);
    });

    it('appends the request log and aggregates it by bucket and group, with a latency histogram', async () => {
      await store.requestLog.append([]);
      await store.requestLog.append([
        request({ at: 60_000, keyId: 'k1', latencyMs: 40, firstTokenMs: 10, inputTokens: 3, outputTokens: 4, costUsd: 0.5 }),
        request({ at: 61_000, keyId: 'k2', latencyMs: 300, status: 429, errorCode: 'RATE_LIMITED', inputTokens: 0, outputTokens: 0 }),
        request({ at: 119_999, keyId: 'k1', latencyMs: 60, firstTokenMs: 30, cache: 'semantic', costUsd: 0.25 }),
        request({ at: 120_000, source: 'run', route: null, keyId: null, model: 'pool:fast', pipelineId: 'p1', runId: 'r1', latencyMs: 50_000 }),
        request({ at: 10_000, model: 'sim:old', latencyMs: 1 }),
      ]);
      expect(await store.requestLog.buckets({ since: 60_000, bucketMs: minute, groupBy: 'model' })).toEqual([
        { at: 60_000, group: 'sim:instant', requests: 3, errors: 1, cacheHits: 1, inputTokens: 4, outputTokens: 6, costUsd: 0.75, latencyMsAverage: 400 / 3, firstTokenMsAverage: 20 },
        { at: 120_000, group: 'pool:fast', requests: 1, errors: 0, cacheHits: 0, inputTokens: 1, outputTokens: 2, costUsd: 0, latencyMsAverage: 50_000, firstTokenMsAverage: null },
      ]);
      const byKey = await store.requestLog.buckets({ since: 0, bucketMs: 120_000, groupBy: 'key' });
      expect(byKey.map(({ at, group, requests }) => ({ at, group, requests }))).toEqual([
        { at: 0, group: 'k1', requests: 3 },
        { at: 0, group: 'k2', requests: 1 },
        { at: 120_000, group: '(none)', requests: 1 },
      ]);
      expect(await store.requestLog.latencyHistogram({ since: 60_000, boundsMs: [50, 100, 1000] })).toEqual([
        { upToMs: 50, count: 1 },
        { upToMs: 100, count: 1 },
        { upToMs: 1000, count: 1 },
        { upToMs: null, count: 1 },
      ]);
      expect(await store.requestLog.prune(60_000)).toBe(1);
      expect((await store.requestLog.buckets({ since: 0, bucketMs: minute, groupBy: 'source' })).map((bucket) => [bucket.at, bucket.group, bucket.requests])).toEqual([
        [60_000, 'v1', 3],
        [120_000, 'run', 1],
      ]);
    });

    it('keeps the gateway configuration and sealed provider keys', async () => {
      expect(await store.providerSettings.readGatewayConfig()).toBeUndefined();
      const config = { providers: { vendor: { baseURL: 'http://127.0.0.1:9/v1', models: ['m'] } }, pools: { fast: { strategy: 'priority', members: [{ model: 'sim:instant' }] } }, cache: { v1: 'off' } };
      await store.providerSettings.writeGatewayConfig(config);
      expect(await store.providerSettings.readGatewayConfig()).toEqual(config);
      await store.providerSettings.writeGatewayConfig({ ...config, pools: {} });
      expect(await store.providerSettings.readGatewayConfig()).toEqual({ ...config, pools: {} });

      expect(await store.providerSettings.listProviderKeys()).toEqual([]);
      await store.providerSettings.putProviderKey('zeta', 'sealed-z', 'zzzz');
      await store.providerSettings.putProviderKey('alpha', 'sealed-a1', 'aaa1');
      await store.providerSettings.putProviderKey('alpha', 'sealed-a2', 'aaa2');
      const keys = await store.providerSettings.listProviderKeys();
      expect(keys.map(({ provider, sealed, last4 }) => ({ provider, sealed, last4 }))).toEqual([
        { provider: 'alpha', sealed: 'sealed-a2', last4: 'aaa2' },
        { provider: 'zeta', sealed: 'sealed-z', last4: 'zzzz' },
      ]);
      expect(keys.every((key) => typeof key.updatedAt === 'number' && key.updatedAt > 0)).toBe(true);
      expect(await store.providerSettings.deleteProviderKey('alpha')).toBe(true);
      expect(await store.providerSettings.deleteProviderKey('alpha')).toBe(false);
      expect((await store.providerSettings.listProviderKeys()).map((key) => key.provider)).toEqual(['zeta']);
    });

    it('answers exact cache entries until they expire and counts both caches', async () => {
      expect(await store.completions.get('k')).toBeUndefined();
      await store.completions.set('k', { text: 'hello', usage: { inputTokens: 3, outputTokens: 5 }, costUsd: 0.5 }, { ttlMs: 1_000 });
      await store.completions.set('forever', { text: 'kept', usage: { inputTokens: 1, outputTokens: 1 } });
      expect(await store.completions.get('k')).toEqual({ text: 'hello', usage: { inputTokens: 3, outputTokens: 5 }, costUsd: 0.5 });
      clock += 1_000;
      expect(await store.completions.get('k')).toBeUndefined();
      expect(await store.completions.get('forever')).toEqual({ text: 'kept', usage: { inputTokens: 1, outputTokens: 1 }, costUsd: 0 });
      await store.completions.count('semantic', { hit: false });
      await store.completions.count('semantic', { hit: true, saved: { text: 'x', usage: { inputTokens: 7, outputTokens: 11 }, costUsd: 0.125 } });
      expect(await store.completions.statistics()).toEqual([
        { kind: 'exact', hits: 2, misses: 2, savedInputTokens: 4, savedOutputTokens: 6, savedCostUsd: 0.5 },
        { kind: 'semantic', hits: 1, misses: 1, savedInputTokens: 7, savedOutputTokens: 11, savedCostUsd: 0.125 },
      ]);
    });

    it('finds the nearest live semantic entry of the scope at or above the threshold', async () => {
      const usage = { inputTokens: 2, outputTokens: 3 };
      const near = await store.semantic.store({ scope: 's', prompt: 'near', embedding: unit(8, 0, 0.1), text: 'near answer', usage, costUsd: 0.5 });
      await store.semantic.store({ scope: 's', prompt: 'far', embedding: unit(8, 0, 0.9), text: 'far answer', usage });
      await store.semantic.store({ scope: 'other', prompt: 'same', embedding: unit(8, 0), text: 'other scope', usage });
      await store.semantic.store({ scope: 's', prompt: 'short-lived', embedding: unit(8, 3), text: 'expires', usage, ttlMs: 500 });
      await store.semantic.store({ scope: 's', prompt: 'wider', embedding: unit(16, 0), text: 'other dimensions', usage });

      const match = await store.semantic.nearest('s', unit(8, 0), 0.9);
      expect(match).toMatchObject({ id: near, text: 'near answer', usage, costUsd: 0.5 });
      expect(match!.similarity).toBeCloseTo(1 / Math.hypot(1, 0.1), 5);
      expect(await store.semantic.nearest('s', unit(8, 0), 0.999)).toBeUndefined();
      expect(await store.semantic.nearest('s', unit(8, 5), 0.5)).toBeUndefined();
      expect(await store.semantic.nearest('nobody', unit(8, 0), 0)).toBeUndefined();
      expect((await store.semantic.nearest('s', unit(16, 0), 0.99))?.text).toBe('other dimensions');

      expect((await store.semantic.nearest('s', unit(8, 3), 0.99))?.text).toBe('expires');
      clock += 500;
      expect(await store.semantic.nearest('s', unit(8, 3), 0.99)).toBeUndefined();
      expect(await store.semantic.prune()).toBe(1);
      expect(await store.semantic.prune()).toBe(0);
    });
  });
}
