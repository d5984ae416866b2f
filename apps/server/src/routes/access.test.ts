import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import type { ApiKeyView, AuditEntry, CreatedApiKey, SessionView, UserView } from '@tandem/shared';
import { keyWith, signedInAs } from '../testing/access-fixtures.ts';
import { chainDocument, createTestServer, readSse } from '../testing/test-server.ts';

let server: ReturnType<typeof createTestServer>;
afterEach(() => server.cleanup());

const password = 'correct horse battery';
const cookieOf = (response: Response) => (response.headers.get('set-cookie') ?? '').split(';')[0]!;

/** Signs in through the API and answers the cookie and CSRF token. */
async function signIn(email: string, secret = password) {
  const response = await server.request('/api/session', { body: { email, password: secret } });
  const body = (await response.json()) as SessionView;
  return { status: response.status, response, body, headers: { cookie: cookieOf(response), 'x-csrf-token': body.csrfToken ?? '' } };
}

describe('security settings without access control', () => {
  it('refuses the allow-list change of an anonymous local process once an owner exists, and a range that allows everything', async () => {
    server = createTestServer();
    const owner = signedInAs(server, 'owner');
    const anonymous = await server.json('/api/settings', { method: 'PUT', body: { httpAllowList: ['0.0.0.0/0', '::/0'] } });
    expect(anonymous.status).toBe(401);
    const editor = await server.json('/api/settings', { method: 'PUT', headers: signedInAs(server, 'editor').headers, body: { httpAllowList: ['10.0.0.0/8'] } });
    expect(editor.status).toBe(403);
    const everything = await server.json<{ error: { message: string } }>('/api/settings', { method: 'PUT', headers: owner.headers, body: { httpAllowList: ['0.0.0.0/0'] } });
    expect(everything.status).toBe(400);
    expect(everything.body.error.message).toMatch(/httpAllowList\.0.*every address/);
    expect((await server.json('/api/settings', { headers: owner.headers })).body).toEqual({ httpAllowList: [] });
    const saved = await server.json('/api/settings', { method: 'PUT', headers: owner.headers, body: { httpAllowList: ['10.0.0.0/8'] } });
    expect(saved.status).toBe(200);
    const { body } = await server.json<{ entries: AuditEntry[] }>('/api/audit', { headers: owner.headers });
    expect(body.entries[0]).toMatchObject({ action: 'settings.updated', target: 'httpAllowList', details: { before: [], after: ['10.0.0.0/8'] } });
  });

  it('serves the studio with TANDEM_API_KEYS set, and asks for the key on /v1 only', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'tandem-studio-dist-'));
    onTestFinished(() => rmSync(dist, { recursive: true, force: true }));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Tandem Studio</title>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
    server = createTestServer({ TANDEM_API_KEYS: 'env-key-0123456789', TANDEM_STUDIO_DIST: dist });
    for (const path of ['/', '/index.html', '/assets/app.js', '/runs']) expect((await server.request(path)).status, path).toBe(200);
    expect((await server.request('/v1/models')).status).toBe(401);
    expect((await server.request('/v1/models', { headers: { authorization: 'env-key-0123456789' } })).status).toBe(401);
    expect((await server.request('/v1/models', { headers: { authorization: 'Bearer env-key-0123456789' } })).status).toBe(200);
  });
});

describe('the first owner', () => {
  it('needs the printed setup token in required mode, sets an HttpOnly SameSite cookie and turns sign-in on', async () => {
    server = createTestServer({ TANDEM_AUTH: 'required' });
    expect((await server.json<SessionView>('/api/session')).body).toMatchObject({ accessControl: true, setupRequired: true, via: 'none' });
    expect((await server.request('/api/pipelines')).status).toBe(401);
    const token = (await server.context.access.setupToken())!;
    const wrong = await server.json<{ error: { details: { field: string } } }>('/api/setup', { body: { email: 'ann@example.test', password, token: 'guess' } });
    expect(wrong).toMatchObject({ status: 403, body: { error: { details: { field: 'token' } } } });
    const created = await server.request('/api/setup', { body: { email: 'Ann@Example.test', password, token } });
    expect(created.status).toBe(201);
    const cookie = created.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^tandem_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    const session = await server.json<SessionView>('/api/session', { headers: { cookie: cookieOf(created) } });
    expect(session.body).toMatchObject({ accessControl: true, setupRequired: false, via: 'session', role: 'owner', user: { email: 'ann@example.test' } });
    expect(session.body.csrfToken).toBeTruthy();
    expect((await server.json('/api/setup', { body: { email: 'eve@example.test', password, token } })).status).toBe(409);
    expect(await server.context.access.setupToken()).toBeUndefined();
  });

  it('can be created by the local person with access control off, which then requires sign-in', async () => {
    server = createTestServer();
    expect((await server.json<SessionView>('/api/session')).body).toMatchObject({ accessControl: false, via: 'local', role: 'owner' });
    expect((await server.request('/api/setup', { body: { email: 'ann@example.test', password } })).status).toBe(201);
    expect((await server.request('/api/pipelines')).status).toBe(401);
    expect((await signIn('ann@example.test')).status).toBe(200);
  });

  it('is created from TANDEM_OWNER_EMAIL and TANDEM_OWNER_PASSWORD', async () => {
    server = createTestServer({ TANDEM_OWNER_EMAIL: 'Boss@Example.test', TANDEM_OWNER_PASSWORD: password });
    const { status, body } = await signIn('boss@example.test');
    expect(status).toBe(200);
    expect(body).toMatchObject({ role: 'owner', user: { email: 'boss@example.test' } });
    expect(() => createTestServer({ TANDEM_OWNER_EMAIL: 'x@example.test', TANDEM_OWNER_PASSWORD: 'short' })).toThrow(/TANDEM_OWNER_PASSWORD must be at least 10/);
  });
});

describe('signing in and out', () => {
  it('opens a session with the right password, ends it on sign-out, and marks the cookie Secure over https', async () => {
    server = createTestServer({ TANDEM_OWNER_EMAIL: 'ann@example.test', TANDEM_OWNER_PASSWORD: password });
    expect((await signIn('ann@example.test', 'wrong password!')).status).toBe(401);
    expect((await signIn('nobody@example.test')).status).toBe(401);
    const { headers } = await signIn('ann@example.test');
    expect((await server.request('/api/pipelines', { headers })).status).toBe(200);
    expect((await server.request('/api/session', { method: 'DELETE', headers })).headers.get('set-cookie')).toMatch(/tandem_session=;.*Max-Age=0/);
    expect((await server.request('/api/pipelines', { headers })).status).toBe(401);
    // A session past its end is removed when the next one opens.
    await server.context.access.store.sessions.create({ id: 'ended', userId: (await server.context.access.store.users.list())[0]!.id, csrfToken: 'c', expiresAt: Date.now() - 1 });
    await signIn('ann@example.test');
    expect(await server.context.access.store.sessions.find('ended', 0)).toBeUndefined();
    const secure = await server.app.request('https://localhost/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'ann@example.test', password }) });
    expect(secure.headers.get('set-cookie')).toMatch(/Secure/);
  });

  it('refuses further attempts after five failures for an account, even with the right password', async () => {
    server = createTestServer({ TANDEM_OWNER_EMAIL: 'ann@example.test', TANDEM_OWNER_PASSWORD: password });
    for (let attempt = 0; attempt < 5; attempt++) expect((await signIn('ann@example.test', `wrong ${attempt} password`)).status).toBe(401);
    const limited = await signIn('ann@example.test');
    expect(limited.status).toBe(429);
    expect(Number(limited.response.headers.get('retry-after'))).toBeGreaterThan(0);
    const { body } = await server.json<{ entries: AuditEntry[] }>('/api/audit', { headers: signedInAs(server, 'owner').headers });
    expect(body.entries.filter((entry) => entry.action === 'sign-in.failed')).toHaveLength(5);
  });

  it('refuses further attempts from one address after twenty failures across accounts', async () => {
    server = createTestServer({ TANDEM_OWNER_EMAIL: 'ann@example.test', TANDEM_OWNER_PASSWORD: password });
    for (let attempt = 0; attempt < 20; attempt++) await signIn(`guess${attempt}@example.test`, 'not the password');
    expect((await signIn('ann@example.test')).status).toBe(429);
  });

  it('streams a run’s events to a browser that authenticates by cookie', async () => {
    server = createTestServer({ TANDEM_OWNER_EMAIL: 'ann@example.test', TANDEM_OWNER_PASSWORD: password });
    const { headers } = await signIn('ann@example.test');
    await server.json('/api/pipelines', { headers, body: chainDocument() });
    const { body } = await server.json<{ id: string }>('/api/runs', { headers, body: { pipelineId: 'chain', inputs: { prompt: 'hi' } } });
    await server.context.runs.waitForSettled(body.id);
    expect((await server.request(`/api/runs/${body.id}/events`)).status).toBe(401);
    const messages = await readSse(await server.request(`/api/runs/${body.id}/events`, { headers: { cookie: headers.cookie } }));
    expect(messages.at(-1)).toMatchObject({ event: 'end' });
  });
});

describe('accounts', () => {
  it('lets an owner add, change and remove accounts, never the last owner, and audits each change', async () => {
    server = createTestServer();
    const owner = signedInAs(server, 'owner', 'ann@example.test');
    const created = await server.json<UserView>('/api/users', { headers: owner.headers, body: { email: 'ed@example.test', password, role: 'editor' } });
    expect(created).toMatchObject({ status: 201, body: { email: 'ed@example.test', role: 'editor' } });
    expect(created.body).not.toHaveProperty('passwordHash');
    expect((await server.json('/api/users', { headers: owner.headers, body: { email: 'ed@example.test', password, role: 'viewer' } })).status).toBe(409);
    expect((await server.json('/api/users', { headers: owner.headers, body: { email: 'x@example.test', password: 'short', role: 'viewer' } })).status).toBe(400);
    const ed = await signIn('ed@example.test');
    expect((await server.json('/api/users', { headers: ed.headers })).status).toBe(403);
    expect((await server.json(`/api/users/${owner.userId}`, { method: 'PATCH', headers: owner.headers, body: { role: 'viewer' } })).status).toBe(409);
    expect((await server.json(`/api/users/${created.body.id}`, { method: 'PATCH', headers: owner.headers, body: { role: 'viewer' } })).body).toMatchObject({ role: 'viewer' });
    expect((await server.json('/api/pipelines', { headers: ed.headers, body: chainDocument() })).status).toBe(403);
    const edKey = keyWith(server, ['v1']);
    server.context.repositories.apiKeys.create({ id: 'ed-key', name: 'ed key', prefix: 'tdm_x', keyHash: 'ed-hash', scopes: ['v1'], createdBy: created.body.id });
    expect((await server.request(`/api/users/${created.body.id}`, { method: 'DELETE', headers: owner.headers })).status).toBe(204);
    expect((await server.request('/api/pipelines', { headers: ed.headers })).status).toBe(401);
    expect(server.context.repositories.apiKeys.list().find((key) => key.id === 'ed-key')?.revokedAt).toBeDefined();
    expect(server.context.repositories.apiKeys.list().find((key) => key.id === edKey.id)?.revokedAt).toBeUndefined();
    const { body } = await server.json<{ entries: AuditEntry[] }>('/api/audit', { headers: owner.headers });
    expect(body.entries.map((entry) => entry.action)).toEqual(expect.arrayContaining(['user.created', 'user.updated', 'user.deleted']));
    expect(body.entries.find((entry) => entry.action === 'user.created')).toMatchObject({ actor: 'ann@example.test', target: 'ed@example.test' });
  });

  it('ends an account’s other sessions when its password changes', async () => {
    server = createTestServer({ TANDEM_OWNER_EMAIL: 'ann@example.test', TANDEM_OWNER_PASSWORD: password });
    const first = await signIn('ann@example.test');
    const second = await signIn('ann@example.test');
    const { body } = await server.json<{ users: UserView[] }>('/api/users', { headers: first.headers });
    expect((await server.json(`/api/users/${body.users[0]!.id}`, { method: 'PATCH', headers: first.headers, body: { password: 'another long password' } })).status).toBe(200);
    expect((await server.request('/api/pipelines', { headers: first.headers })).status).toBe(200);
    expect((await server.request('/api/pipelines', { headers: second.headers })).status).toBe(401);
    expect((await signIn('ann@example.test', 'another long password')).status).toBe(200);
  });
});

describe('API keys', () => {
  it('shows a key once, stores only its hash, accepts it as a Bearer key, records its use and stops it when revoked', async () => {
    server = createTestServer({ TANDEM_API_KEYS: 'env-key-0123456789' });
    const owner = signedInAs(server, 'owner');
    const created = await server.json<CreatedApiKey>('/api/keys', { headers: owner.headers, body: { name: 'CI', scopes: ['v1', 'runs'], limits: { rpm: 60, tpm: 100_000 } } });
    expect(created.status).toBe(201);
    const { key, id } = created.body;
    expect(key).toMatch(/^tdm_[\w-]{40,}$/);
    const listed = await server.json<{ keys: ApiKeyView[] }>('/api/keys', { headers: owner.headers });
    expect(JSON.stringify(listed.body)).not.toContain(key);
    expect(listed.body.keys).toEqual([
      expect.objectContaining({ id, name: 'CI', prefix: key.slice(0, 10), scopes: ['v1', 'runs'], limits: { rpm: 60, tpm: 100_000 }, source: 'stored' }),
      expect.objectContaining({ id: 'env-1', source: 'environment', scopes: ['v1'] }),
    ]);
    expect(listed.body.keys[0]!.lastUsedAt).toBeUndefined();
    const database = server.context.repositories;
    expect(JSON.stringify(database.apiKeys.list())).not.toContain(key);

    expect((await server.request('/v1/models', { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    expect((await server.request('/v1/models', { headers: { authorization: key } })).status).toBe(401);
    expect((await server.request('/v1/models', { headers: { authorization: `Basic ${key}` } })).status).toBe(401);
    expect((await server.json<{ keys: ApiKeyView[] }>('/api/keys', { headers: owner.headers })).body.keys[0]!.lastUsedAt).toBeGreaterThan(0);

    expect((await server.json(`/api/keys/${id}`, { method: 'DELETE', headers: owner.headers })).status).toBe(200);
    expect((await server.request('/v1/models', { headers: { authorization: `Bearer ${key}` } })).status).toBe(401);
    expect((await server.json('/api/keys/env-1', { method: 'DELETE', headers: owner.headers })).status).toBe(409);
    const audit = await server.json<{ entries: AuditEntry[] }>('/api/audit', { headers: owner.headers });
    expect(audit.body.entries.map((entry) => entry.action).slice(0, 2)).toEqual(['key.revoked', 'key.created']);
    expect(JSON.stringify(audit.body)).not.toContain(key);
  });

  it('names the bad field of a key request', async () => {
    server = createTestServer();
    const refused = await server.json<{ error: { message: string } }>('/api/keys', { body: { name: 'x', scopes: ['root'] } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/scopes\.0/);
    expect((await server.json<{ error: { message: string } }>('/api/keys', { body: { name: 'x', scopes: ['v1'], limits: { rpm: -1 } } })).body.error.message).toMatch(/limits\.rpm/);
  });
});

describe('/metrics', () => {
  it('needs credentials once access control is on, unless TANDEM_METRICS_PUBLIC is set', async () => {
    server = createTestServer({ TANDEM_OWNER_EMAIL: 'ann@example.test', TANDEM_OWNER_PASSWORD: password });
    expect((await server.request('/metrics')).status).toBe(401);
    expect((await server.request('/metrics', { headers: keyWith(server, ['admin']).headers })).status).toBe(200);
    expect((await server.request('/metrics', { headers: keyWith(server, ['v1']).headers })).status).toBe(403);
    server.cleanup();
    server = createTestServer({ TANDEM_OWNER_EMAIL: 'ann@example.test', TANDEM_OWNER_PASSWORD: password, TANDEM_METRICS_PUBLIC: true });
    const open = await server.request('/metrics');
    expect(open.status).toBe(200);
    expect(await open.text()).toMatch(/^# HELP tandem_/m);
    expect((await server.request('/api/pipelines')).status).toBe(401);
  });
});

describe('the Origin check', () => {
  it('compares scheme, host and port, and refuses Origin: null', async () => {
    server = createTestServer();
    const write = (origin: string) => server.request('http://localhost:8888/api/settings', { method: 'PUT', headers: { origin, host: 'localhost:8888' }, body: { httpAllowList: [] } });
    expect((await write('http://localhost:8888')).status).toBe(200);
    expect((await write('https://localhost:8888')).status).toBe(403);
    expect((await write('http://localhost:9999')).status).toBe(403);
    expect((await write('null')).status).toBe(403);
  });
});
