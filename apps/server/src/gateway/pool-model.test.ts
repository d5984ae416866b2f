import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import type { Clock } from '@tandem/engine';
import { startListeningTestServer, type ListeningTestServer } from '../testing/listening-server.ts';
import { startOpenAIWireServer, type OpenAIWireServer } from '../testing/openai-wire-server.ts';
import { chainDocument } from '../testing/test-server.ts';
import { createCircuitBreaker } from './circuit-breaker.ts';
import { orderMembers } from './member-order.ts';

describe('the circuit breaker', () => {
  it('opens after N failures in a row, lets one probe through after the cooldown, closes when it succeeds', () => {
    let now = 0;
    const breaker = createCircuitBreaker({ failures: 3, cooldownMs: 1000 }, () => now);
    for (let index = 0; index < 2; index++) {
      expect(breaker.tryAcquire()).toBe(true);
      breaker.recordFailure();
    }
    breaker.recordSuccess();
    expect(breaker.state).toBe('closed');
    for (let index = 0; index < 3; index++) breaker.recordFailure();
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
    expect(breaker.reopensAt).toBe(1000);
    now = 1000;
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.recordFailure();
    expect(breaker.state).toBe('open');
    now = 2000;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordSuccess();
    expect(breaker.state).toBe('closed');
  });

  it('counts failures within a window when one is set, and reports the error rate', () => {
    let now = 0;
    const breaker = createCircuitBreaker({ failures: 3, windowMs: 10_000, cooldownMs: 1000 }, () => now);
    breaker.recordFailure();
    breaker.recordSuccess();
    breaker.recordFailure();
    expect(breaker.errorRate).toBeCloseTo(2 / 3);
    now = 11_000;
    breaker.recordFailure();
    expect(breaker.state).toBe('closed');
    breaker.recordFailure();
    breaker.recordFailure();
    expect(breaker.state).toBe('open');
  });
});

describe('member order', () => {
  const members = [{ model: 'a', weight: 1, latencyMs: 300 }, { model: 'b', weight: 3 }, { model: 'c', weight: 0.000001, latencyMs: 100 }];
  it('keeps the listed order for priority, draws by weight for weighted, measures latency for least-latency', () => {
    expect(orderMembers('priority', members, Math.random).map((member) => member.model)).toEqual(['a', 'b', 'c']);
    expect(orderMembers('least-latency', members, Math.random).map((member) => member.model)).toEqual(['b', 'c', 'a']);
    // A draw of 0.5 of the total weight (4) lands in b's share (1–4).
    expect(orderMembers('weighted', members, () => 0.5)[0]!.model).toBe('b');
    const firsts = new Map<string, number>();
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let index = 0; index < 4000; index++) {
      const first = orderMembers('weighted', members, random)[0]!.model;
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }
    expect(firsts.get('b')! / 4000).toBeGreaterThan(0.7);
    expect(firsts.get('b')! / 4000).toBeLessThan(0.8);
  });
});

describe('a pool of two wire-format providers', () => {
  let primary: OpenAIWireServer;
  let secondary: OpenAIWireServer;
  let harness: ListeningTestServer;
  let client: OpenAI;
  let now = 1_000_000;
  const clock: Clock = { now: () => now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

  beforeAll(async () => {
    primary = await startOpenAIWireServer({ kind: 'answer', text: 'from primary' });
    secondary = await startOpenAIWireServer({ kind: 'answer', text: 'from secondary' });
    harness = await startListeningTestServer({ TANDEM_API_KEYS: 'pool-test-key-0123' }, { clock });
    for (const [name, server] of [['primary', primary], ['secondary', secondary]] as const) {
      const put = await harness.server.json(`/api/providers/${name}`, { method: 'PUT', body: { kind: 'openai-compatible', baseURL: server.baseURL, models: ['m'], apiKey: `sk-${name}-secret-key-000` } });
      expect(put.status).toBe(201);
    }
    const pool = await harness.server.json('/api/providers/pools/duo', {
      method: 'PUT',
      body: { strategy: 'priority', members: [{ model: 'primary:m' }, { model: 'secondary:m' }], breaker: { failures: 2, cooldownMs: 5000 }, timeoutMs: 2000 },
    });
    expect(pool.status).toBe(201);
    client = harness.client('pool-test-key-0123');
  });
  afterAll(async () => {
    await harness.close();
    await primary.close();
    await secondary.close();
  });
  beforeEach(() => {
    primary.behave({ kind: 'answer', text: 'from primary' });
    secondary.behave({ kind: 'answer', text: 'from secondary' });
  });

  const ask = () => client.chat.completions.create({ model: 'pool:duo', messages: [{ role: 'user', content: 'hi' }] });
  const askStreaming = () => client.chat.completions.create({ model: 'pool:duo', messages: [{ role: 'user', content: 'hi' }], stream: true });
  const breakers = async () => (await harness.server.json<{ pools: { name: string; members: { model: string; breaker: string; errorRate: number }[] }[] }>('/api/providers')).body.pools.find((pool) => pool.name === 'duo')!.members;

  it('answers from the first member, fails over when it dies, opens its breaker and stops calling it, then closes it after a good probe', async () => {
    expect((await ask()).choices[0]!.message.content).toBe('from primary');
    primary.behave({ kind: 'fail', status: 503 });
    const before = primary.requests.length;
    expect((await ask()).choices[0]!.message.content).toBe('from secondary');
    expect((await ask()).choices[0]!.message.content).toBe('from secondary');
    expect(await breakers()).toEqual([expect.objectContaining({ model: 'primary:m', breaker: 'open', errorRate: expect.any(Number) }), expect.objectContaining({ model: 'secondary:m', breaker: 'closed' })]);
    const afterOpening = primary.requests.length;
    expect(afterOpening - before).toBe(2);
    for (let index = 0; index < 5; index++) expect((await ask()).choices[0]!.message.content).toBe('from secondary');
    expect(primary.requests.length).toBe(afterOpening);
    primary.behave({ kind: 'answer', text: 'from primary' });
    now += 5000;
    expect((await breakers())[0]!.breaker).toBe('half-open');
    expect((await ask()).choices[0]!.message.content).toBe('from primary');
    expect((await breakers())[0]!.breaker).toBe('closed');
    const metrics = await (await fetch(`${harness.origin}/metrics`)).text();
    expect(metrics).toContain('tandem_pool_member_breaker_state{pool="duo",member="primary:m",state="closed"} 1');
  });

  it('fails a stream over when the member fails before its first token, and ends it with an error when it fails after', async () => {
    primary.behave({ kind: 'fail', status: 500 });
    let text = '';
    for await (const chunk of await askStreaming()) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('from secondary');
    primary.behave({ kind: 'drop', tokens: 1 });
    now += 60_000;
    // The primary's breaker may be open from the 500: let it probe again.
    const pieces: string[] = [];
    const failure = await (async () => {
      for await (const chunk of await askStreaming()) pieces.push(chunk.choices[0]?.delta.content ?? '');
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect(pieces.join('')).toBe('echo: ');
  });

  it('fails over from a member that sends nothing within the timeout', async () => {
    primary.behave({ kind: 'hang' });
    now += 60_000;
    expect((await ask()).choices[0]!.message.content).toBe('from secondary');
  });

  it('answers 503 with Retry-After when every member is down, naming why', async () => {
    primary.behave({ kind: 'fail', status: 503 });
    secondary.behave({ kind: 'fail', status: 503 });
    now += 60_000;
    for (let index = 0; index < 2; index++) await ask().catch(() => undefined);
    const refused = await ask().then(() => expect.fail('expected a refusal'), (error: unknown) => error as InstanceType<typeof OpenAI.APIError>);
    expect(refused).toMatchObject({ status: 503 });
    expect(String(refused.message)).toContain('circuit open');
    expect(Number(refused.headers?.get('retry-after'))).toBeGreaterThan(0);
  });

  it('serves pipelines too: an llm node on the pool records which member answered', async () => {
    now += 60_000;
    await harness.server.json('/api/pipelines', { body: chainDocument('pooled', 'pool:duo') });
    const { run, events } = await harness.server.runToEnd('pooled', { prompt: 'hello' });
    expect(run.status).toBe('completed');
    expect(events.find((event) => event.type === 'llm.call')!.data).toMatchObject({ model: 'pool:duo', servedBy: 'primary:m' });
    expect((await harness.server.json<{ models: { id: string }[] }>('/api/providers/models')).body.models.map((model) => model.id)).toContain('pool:duo');
  });
});

describe('a probing pool', () => {
  let dead: OpenAIWireServer;
  let harness: ListeningTestServer;
  let now = 5_000_000;
  const clock: Clock = { now: () => now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

  beforeAll(async () => {
    dead = await startOpenAIWireServer({ kind: 'fail', status: 503 });
    harness = await startListeningTestServer({}, { clock });
    await harness.server.json('/api/providers/flaky', { method: 'PUT', body: { kind: 'openai-compatible', baseURL: dead.baseURL, models: ['m'] } });
    const put = await harness.server.json('/api/providers/pools/probed', {
      method: 'PUT',
      body: { strategy: 'priority', members: [{ model: 'flaky:m' }, { model: 'sim:instant', maxConcurrency: 1 }], breaker: { failures: 1, cooldownMs: 1000 }, probeIntervalMs: 60_000 },
    });
    expect(put.status).toBe(201);
  });
  afterAll(async () => {
    await harness.close();
    await dead.close();
  });

  const member = async (model: string) =>
    (await harness.server.json<{ pools: { members: { model: string; breaker: string }[] }[] }>('/api/providers')).body.pools[0]!.members.find((entry) => entry.model === model)!;

  it('probes a member whose cooldown passed without waiting for traffic, and closes its circuit when it answers', async () => {
    await harness.server.request('/v1/chat/completions', { body: { model: 'pool:probed', messages: [{ role: 'user', content: 'hi' }] } });
    expect((await member('flaky:m')).breaker).toBe('open');
    expect(await harness.server.context.gateway.probePools()).toBe(0);
    now += 1000;
    const calls = dead.requests.length;
    expect(await harness.server.context.gateway.probePools()).toBe(1);
    expect(dead.requests.length).toBe(calls + 1);
    expect((await member('flaky:m')).breaker).toBe('open');
    dead.behave({ kind: 'answer', text: 'back' });
    now += 1000;
    expect(await harness.server.context.gateway.probePools()).toBe(1);
    expect((await member('flaky:m')).breaker).toBe('closed');
  });

  it('skips a member at its concurrency limit', async () => {
    await harness.server.json('/api/providers/pools/narrow', {
      method: 'PUT',
      body: { strategy: 'priority', members: [{ model: 'sim:slow?tps=5&ttft=300', maxConcurrency: 1 }, { model: 'sim:instant' }] },
    });
    const members = async () => (await harness.server.json<{ pools: { name: string; members: { model: string; inFlight: number; calls: number }[] }[] }>('/api/providers')).body.pools.find((pool) => pool.name === 'narrow')!.members;
    const slow = await harness.server.request('/v1/chat/completions', { body: { model: 'pool:narrow', messages: [{ role: 'user', content: 'a long answer' }], stream: true } });
    expect((await members())[0]!.inFlight).toBe(1);
    const second = await harness.server.json<{ choices: { message: { content: string } }[] }>('/v1/chat/completions', { body: { model: 'pool:narrow', messages: [{ role: 'user', content: 'quick' }] } });
    expect(second.status).toBe(200);
    expect((await members())[1]!.calls).toBe(1);
    await slow.body?.cancel();
  });
});
