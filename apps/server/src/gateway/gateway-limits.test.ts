import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { startListeningTestServer, type ListeningTestServer } from '../testing/listening-server.ts';
import { startOpenAIWireServer } from '../testing/openai-wire-server.ts';
import { createTestServer } from '../testing/test-server.ts';

let harness: ListeningTestServer | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function keyWithLimits(server: ListeningTestServer['server'], limits: { rpm?: number; tpm?: number }) {
  const created = await server.json<{ key: string; id: string }>('/api/keys', { body: { name: 'limited', scopes: ['v1'], limits } });
  expect(created.status).toBe(201);
  return created.body;
}

const ask = (client: OpenAI) => client.chat.completions.create({ model: 'sim:instant', messages: [{ role: 'user', content: 'Say something short.' }] });

describe('API key limits', () => {
  it('answers 429 with Retry-After once a key spent its requests per minute, counted in the database', async () => {
    harness = await startListeningTestServer();
    const { key, id } = await keyWithLimits(harness.server, { rpm: 2 });
    const client = harness.client(key);
    await ask(client);
    await ask(client);
    const refused = await ask(client).then(() => expect.fail('expected a refusal'), (error: unknown) => error as InstanceType<typeof OpenAI.APIError>);
    expect(refused).toMatchObject({ status: 429, error: { type: 'rate_limit_error', code: 'RATE_LIMITED' } });
    const retryAfter = Number(refused.headers?.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const row = harness.server.context.repositories.rateLimits.peek(`key:${id}:rpm`, 60_000, Date.now());
    expect(row.count).toBe(3);
    // Another key is not affected.
    const other = await keyWithLimits(harness.server, { rpm: 5 });
    await expect(ask(harness.client(other.key))).resolves.toBeDefined();
  });

  it('refuses once the tokens of the minute reach the key’s tpm', async () => {
    harness = await startListeningTestServer();
    const { key } = await keyWithLimits(harness.server, { tpm: 10 });
    const client = harness.client(key);
    const first = await ask(client);
    expect(first.usage!.total_tokens).toBeGreaterThan(10);
    await expect(ask(client)).rejects.toMatchObject({ status: 429, error: { message: expect.stringContaining('tokens per minute') } });
  });

  it('keeps counting across a restart over the same database', async () => {
    const first = createTestServer();
    const created = await first.json<{ key: string }>('/api/keys', { body: { name: 'limited', scopes: ['v1'], limits: { rpm: 1 } } });
    const call = (server: ReturnType<typeof createTestServer>) =>
      server.request('/v1/chat/completions', { headers: { authorization: `Bearer ${created.body.key}` }, body: { model: 'sim:instant', messages: [{ role: 'user', content: 'hi' }] } });
    expect((await call(first)).status).toBe(200);
    first.close();
    const second = createTestServer({ TANDEM_DB: join(first.directory, 'tandem.db') });
    try {
      expect((await call(second)).status).toBe(429);
    } finally {
      second.cleanup();
      first.cleanup();
    }
  });
});

describe('provider limits, from the gateway config file', () => {
  it('refuses calls beyond a provider’s requests per minute with 429, and a pool fails over to another provider', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tandem-gateway-config-')), 'gateway.json');
    const spare = await startOpenAIWireServer();
    writeFileSync(
      file,
      JSON.stringify({
        providerLimits: { sim: { rpm: 1 } },
        providers: { spare: { kind: 'openai-compatible', baseURL: spare.baseURL, models: ['m'] } },
        pools: { guarded: { strategy: 'priority', members: [{ model: 'sim:instant' }, { model: 'spare:m' }] } },
      }),
    );
    harness = await startListeningTestServer({ TANDEM_GATEWAY_CONFIG: file, TANDEM_API_KEYS: 'limits-test-key-01' });
    const client = harness.client('limits-test-key-01');
    await ask(client);
    const refused = await ask(client).then(() => expect.fail('expected a refusal'), (error: unknown) => error as InstanceType<typeof OpenAI.APIError>);
    expect(refused).toMatchObject({ status: 429, error: { code: 'PROVIDER_RATE_LIMITED' } });
    expect(Number(refused.headers?.get('retry-after'))).toBeGreaterThan(0);
    const view = (await harness.server.json<{ providers: { name: string; source: string; limits?: unknown }[]; pools: { name: string }[] }>('/api/providers')).body;
    expect(view.providers).toContainEqual(expect.objectContaining({ name: 'sim', limits: { rpm: 1 } }));
    expect(view.providers).toContainEqual(expect.objectContaining({ name: 'spare', source: 'config-file' }));
    expect(view.pools.map((pool) => pool.name)).toEqual(['guarded']);
    const pooled = await client.chat.completions.create({ model: 'pool:guarded', messages: [{ role: 'user', content: 'over the limit' }] });
    expect(pooled.choices[0]!.message.content).toBe('echo: over the limit');
    await spare.close();
  });

  it('refuses calls once a provider spent its tokens per minute, streams counted too, whichever key asks', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tandem-gateway-config-')), 'gateway.json');
    writeFileSync(file, JSON.stringify({ providerLimits: { sim: { tpm: 10 } } }));
    harness = await startListeningTestServer({ TANDEM_GATEWAY_CONFIG: file, TANDEM_API_KEYS: 'limits-test-key-01,limits-test-key-02' });
    const stream = await harness.client('limits-test-key-01').chat.completions.create({
      model: 'sim:instant',
      messages: [{ role: 'user', content: 'Say something short.' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let spent = 0;
    for await (const chunk of stream) spent += chunk.usage?.total_tokens ?? 0;
    expect(spent).toBeGreaterThan(10);
    await expect(ask(harness.client('limits-test-key-02'))).rejects.toMatchObject({ status: 429, error: { code: 'PROVIDER_RATE_LIMITED', message: expect.stringContaining('tokens per minute') } });
  });
});
