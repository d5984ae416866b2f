import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAIWireServer, type OpenAIWireServer } from '../testing/openai-wire-server.ts';
import { createTestServer } from '../testing/test-server.ts';

const secretKey = 'sk-live-provider-key-abcdef123456';
let server: ReturnType<typeof createTestServer>;
let upstream: OpenAIWireServer;

beforeAll(async () => {
  upstream = await startOpenAIWireServer();
  server = createTestServer();
});
afterAll(async () => {
  server.cleanup();
  await upstream.close();
});

describe('/api/providers', () => {
  it('lists the built-in provider with its health and no pools at first', async () => {
    const { status, body } = await server.json<{ providers: { name: string; source: string; health: { status: string } }[]; pools: unknown[] }>('/api/providers');
    expect(status).toBe(200);
    expect(body.providers).toContainEqual(expect.objectContaining({ name: 'sim', source: 'built-in', health: expect.objectContaining({ status: expect.any(String) }) }));
    expect(body.pools).toEqual([]);
  });

  it('stores a provider’s key sealed, shows only its last four characters, uses it upstream, and masks it everywhere', async () => {
    const put = await server.json('/api/providers/vendor', { method: 'PUT', body: { kind: 'openai-compatible', baseURL: upstream.baseURL, models: ['m'], apiKey: secretKey } });
    expect(put.status).toBe(201);
    expect(JSON.stringify(put.body)).not.toContain(secretKey);
    expect(put.body).toMatchObject({ name: 'vendor', keyLast4: '3456', models: ['vendor:m'] });
    const stored = server.context.repositories.providerSecrets.sealed('vendor')!;
    expect(stored).not.toContain(secretKey);
    expect(Buffer.from(stored, 'base64').toString('utf8')).not.toContain(secretKey);
    expect(readFileSync(server.context.repositories.providerSecrets.list().length ? `${server.directory}/tandem.db` : '', 'latin1')).not.toContain(secretKey);
    const test = await server.json<{ ok: boolean; model: string }>('/api/providers/vendor/test', { method: 'POST', body: {} });
    expect(test.body).toMatchObject({ ok: true, model: 'vendor:m' });
    expect(upstream.requests.at(-1)!.headers.authorization).toBe(`Bearer ${secretKey}`);
    // An upstream that quotes the key back in an error: the answer carries it masked.
    upstream.behave({ kind: 'fail', status: 401, message: `Incorrect API key provided: ${secretKey}` });
    const failed = await server.json<{ ok: boolean; error: { message: string } }>('/api/providers/vendor/test', { method: 'POST', body: {} });
    upstream.behave({ kind: 'answer' });
    expect(failed.body.ok).toBe(false);
    expect(JSON.stringify(failed.body)).not.toContain(secretKey);
    const audit = await server.json<{ entries: { action: string; target?: string; details?: unknown }[] }>('/api/audit');
    expect(audit.body.entries).toContainEqual(expect.objectContaining({ action: 'provider.created', target: 'vendor' }));
    expect(JSON.stringify(audit.body)).not.toContain(secretKey);
  });

  it('keeps the sealed key across a restart (the key file beside the database opens it)', async () => {
    server.close();
    const again = createTestServer({ TANDEM_DB: `${server.directory}/tandem.db` });
    try {
      const test = await again.json<{ ok: boolean }>('/api/providers/vendor/test', { method: 'POST', body: {} });
      expect(test.body.ok).toBe(true);
      expect(upstream.requests.at(-1)!.headers.authorization).toBe(`Bearer ${secretKey}`);
    } finally {
      again.close();
    }
    server = createTestServer({ TANDEM_DB: `${server.directory}/tandem.db` });
  });

  it('creates, changes and deletes a pool, refusing bad members by name', async () => {
    const bad = await server.json<{ error: { message: string } }>('/api/providers/pools/mixed', { method: 'PUT', body: { strategy: 'priority', members: [{ model: 'nosuch:model' }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('nosuch:model');
    const invalid = await server.json<{ error: { details: { problems: { field: string }[] } } }>('/api/providers/pools/mixed', { method: 'PUT', body: { strategy: 'fastest', members: [] } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.problems.map((problem) => problem.field)).toEqual(expect.arrayContaining(['strategy', 'members']));
    const created = await server.json('/api/providers/pools/mixed', { method: 'PUT', body: { strategy: 'weighted', members: [{ model: 'vendor:m', weight: 3 }, { model: 'sim:writer', weight: 1 }], breaker: { failures: 3, windowMs: 60_000, cooldownMs: 10_000 } } });
    expect(created).toMatchObject({ status: 201, body: { name: 'mixed', strategy: 'weighted', members: [{ model: 'vendor:m', breaker: 'closed', inFlight: 0, errorRate: 0 }, { model: 'sim:writer' }] } });
    const inUse = await server.json<{ error: { code: string } }>('/api/providers/vendor', { method: 'DELETE' });
    expect(inUse).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT' } } });
    const changed = await server.json('/api/providers/pools/mixed', { method: 'PUT', body: { strategy: 'priority', members: [{ model: 'sim:writer' }] } });
    expect(changed).toMatchObject({ status: 200, body: { strategy: 'priority' } });
    expect((await server.request('/api/providers/vendor', { method: 'DELETE' })).status).toBe(204);
    expect(server.context.repositories.providerSecrets.sealed('vendor')).toBeUndefined();
    expect((await server.request('/api/providers/pools/mixed', { method: 'DELETE' })).status).toBe(204);
    expect((await server.request('/api/providers/pools/mixed', { method: 'DELETE' })).status).toBe(404);
  });
});
