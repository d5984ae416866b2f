import { describe, expect, it } from 'vitest';
import type { RunEventType } from '@tandem/shared';
import { createFakeModels } from '../testing/fake-models.ts';
import { systemClock, type Clock } from '../ports/clock.ts';
import { callModel, deltaIntervalMs, type ModelCallDeps } from './model-call.ts';

/** A clock that moves 20 ms every time it is read: one streamed token per tick. */
function tickingClock(): Clock {
  let now = 0;
  return { now: () => (now += 20), sleep: systemClock.sleep };
}

describe('callModel', () => {
  it('coalesces streamed tokens into a few step.delta events, not one per token', async () => {
    const answer = Array.from({ length: 100 }, (_, index) => `w${index} `).join('');
    const { resolver } = createFakeModels({ long: () => answer });
    const events: { type: RunEventType; data: Record<string, unknown> }[] = [];
    const result = await callModel(
      { role: 'main', model: 'fake:long', prompt: 'go' },
      { models: resolver, clock: tickingClock(), signal: new AbortController().signal, emit: (type, data) => events.push({ type, data }) },
    );
    const deltas = events.filter((event) => event.type === 'step.delta');
    // 100 tokens over 100 ticks of 20 ms = 2 s of streaming: one delta per interval.
    expect(deltas.length).toBe((100 * 20) / deltaIntervalMs);
    expect(answer.startsWith(deltas.map((event) => event.data.text).join(''))).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'llm.call', data: { output: answer, role: 'main' } });
    expect(result.text).toBe(answer);
  });
});

describe('callModel with caches', () => {
  const deps = (extra: Omit<ModelCallDeps, 'clock' | 'signal' | 'emit'>) => {
    const events: { type: RunEventType; data: Record<string, unknown> }[] = [];
    const emit = ((type: RunEventType, data: Record<string, unknown>) => void events.push({ type, data })) as ModelCallDeps['emit'];
    const built: ModelCallDeps = { clock: systemClock, signal: new AbortController().signal, emit, ...extra };
    return { events, deps: built };
  };

  it('answers a repeated call from the exact cache with the TTL it asked for, marking the hit in the trace', async () => {
    const { resolver, calls } = createFakeModels();
    const stored = new Map<string, { value: unknown; ttlMs?: number }>();
    const cache = {
      get: async (key: string) => stored.get(key)?.value as never,
      set: async (key: string, value: unknown, options?: { ttlMs?: number }) => void stored.set(key, { value, ...(options?.ttlMs !== undefined ? { ttlMs: options.ttlMs } : {}) }),
    };
    const first = deps({ models: resolver, cache });
    await callModel({ role: 'main', model: 'fake:echo', prompt: 'hello', cache: 'exact', cacheTtlMs: 60_000 }, first.deps);
    expect([...stored.values()][0]).toMatchObject({ ttlMs: 60_000, value: { text: 'echo: hello', costUsd: expect.any(Number) } });
    const second = deps({ models: resolver, cache });
    const hit = await callModel({ role: 'main', model: 'fake:echo', prompt: 'hello', cache: true }, second.deps);
    expect(hit).toMatchObject({ cached: true, cache: 'exact', costUsd: 0, text: 'echo: hello' });
    expect(calls).toHaveLength(1);
    expect(second.events.at(-1)).toMatchObject({ type: 'llm.call', data: { cached: true, cache: 'exact' } });
  });

  it('asks the semantic cache with the scope of model, parameters and system, and the prompt as the text', async () => {
    const { resolver, calls } = createFakeModels();
    const lookups: unknown[] = [];
    const semanticCache = {
      lookup: async (request: unknown) => (lookups.push(request), lookups.length > 1 ? { text: 'cached answer', usage: { inputTokens: 1, outputTokens: 2 }, similarity: 0.97 } : undefined),
      store: async () => undefined,
    };
    const miss = deps({ models: resolver, semanticCache });
    await callModel({ role: 'main', model: 'fake:echo', prompt: 'What is the capital of France?', system: 'Be brief.', cache: 'semantic' }, miss.deps);
    const hitCall = deps({ models: resolver, semanticCache });
    const hit = await callModel({ role: 'main', model: 'fake:echo', prompt: 'what is the capital of france', system: 'Be brief.', cache: 'semantic' }, hitCall.deps);
    expect(lookups[0]).toEqual({ scope: (lookups[1] as { scope: string }).scope, text: 'What is the capital of France?' });
    expect(hit).toMatchObject({ cached: true, cache: 'semantic', cacheSimilarity: 0.97, text: 'cached answer' });
    expect(hitCall.events.at(-1)).toMatchObject({ type: 'llm.call', data: { cache: 'semantic', cacheSimilarity: 0.97 } });
    expect(calls).toHaveLength(1);
  });

  it('never stores a failed call', async () => {
    const { resolver } = createFakeModels({ broken: () => new Error('upstream down') });
    let stores = 0;
    const cache = { get: async () => undefined, set: async () => void stores++ };
    await expect(callModel({ role: 'main', model: 'fake:broken', prompt: 'x', cache: true }, deps({ models: resolver, cache }).deps)).rejects.toThrow();
    expect(stores).toBe(0);
  });
});
