/**
 * Access control across the web nodes of a cluster, on a real Postgres: two web apps with their own
 * pools over one database, driven like two hosts behind a load balancer.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInNodes, createNodeRegistry } from '@tandem/engine';
import { createDefaultProviderRegistry } from '@tandem/providers';
import { createPgAccessStore, createPgPipelineStore, createPgRunStore, openPostgres, type TandemPostgres } from '@tandem/db';
import { createTemporaryPostgres, testPostgresUrl, type TemporaryPostgres } from '@tandem/db/pg-testing';
import { createSecretRedactor, StudioError, type AuditEntry, type ApiKeyView } from '@tandem/shared';
import { createAccessService, type AccessService } from '../access/access-service.ts';
import { createSafeHttpClient } from '../activities/index.ts';
import { clusterAccessSettings, clusterHttpAllowList } from './cluster-access.ts';
import { readClusterEnv } from './cluster-env.ts';
import { createClusterPipelines } from './cluster-pipelines.ts';
import { startClusterWebNode } from './cluster-processes.ts';
import { createLocalClusterSignals } from './cluster-signals.ts';
import { createClusterWebApp } from './cluster-web.ts';
import { createInProcessRunQueue } from './in-process-run-queue.ts';

const serverUrl = testPostgresUrl();
const ownerEmail = 'owner@example.test';
const ownerPassword = 'a long owner password';

interface WebNode {
  access: AccessService;
  request(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  postgres: TandemPostgres;
}

async function openWebNode(url: string, env: { TANDEM_AUTH: 'auto' | 'required'; TANDEM_API_KEYS: string[] }): Promise<WebNode> {
  const postgres = await openPostgres(url, { maxConnections: 4 });
  const store = createPgRunStore(postgres);
  const access = createAccessService(createPgAccessStore(postgres), createSecretRedactor(), clusterAccessSettings(env));
  const registry = createNodeRegistry(builtInNodes);
  const models = createDefaultProviderRegistry({});
  const app = createClusterWebApp({
    store,
    pipelineStore: createPgPipelineStore(postgres),
    queue: createInProcessRunQueue(),
    signals: createLocalClusterSignals(),
    pipelines: createClusterPipelines({ store, registry, models }),
    registry,
    models,
    access,
  });
  return {
    access,
    postgres,
    request: async (path, init = {}) =>
      app.request(path, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      }),
  };
}

/** The `tandem_session=…` pair of a response's Set-Cookie. */
function sessionCookie(response: Response): string {
  const cookie = /tandem_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error('no session cookie was set');
  return cookie;
}

const errorCode = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;

describe.skipIf(!serverUrl)('access control across web nodes on Postgres', () => {
  let temporary: TemporaryPostgres;
  let nodeA: WebNode;
  let nodeB: WebNode;
  beforeAll(async () => {
    temporary = await createTemporaryPostgres(serverUrl!);
    nodeA = await openWebNode(temporary.url, { TANDEM_AUTH: 'required', TANDEM_API_KEYS: [] });
    nodeB = await openWebNode(temporary.url, { TANDEM_AUTH: 'required', TANDEM_API_KEYS: [] });
  });
  afterAll(async () => {
    await nodeA?.postgres.close();
    await nodeB?.postgres.close();
    await temporary?.drop();
  });

  it('shares the owner, sessions, keys, revocations, settings and one audit log between nodes', async () => {
    // Before any account: both nodes ask for the setup, each with the link it printed.
    expect(await (await nodeB.request('/api/session')).json()).toMatchObject({ accessControl: true, setupRequired: true, via: 'none' });
    expect((await nodeB.request('/api/runs/nope')).status).toBe(401);
    const tokenOfB = await nodeB.access.setupToken();
    const setup = await nodeA.request('/api/setup', { body: { email: ownerEmail, password: ownerPassword, token: await nodeA.access.setupToken() } });
    expect(setup.status).toBe(201);
    // B learns at once that the owner exists: its own link no longer works.
    expect(await nodeB.access.setupToken()).toBeUndefined();
    const lateSetup = await nodeB.request('/api/setup', { body: { email: 'other@example.test', password: ownerPassword, token: tokenOfB } });
    expect(lateSetup.status).toBe(409);

    // Signed in on A, the session works on B, CSRF token included.
    const signIn = await nodeA.request('/api/session', { body: { email: ownerEmail, password: ownerPassword } });
    expect(signIn.status).toBe(200);
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const owner = { cookie: sessionCookie(signIn), 'x-csrf-token': csrfToken };
    expect(await (await nodeB.request('/api/session', { headers: { cookie: owner.cookie } })).json()).toMatchObject({
      via: 'session',
      role: 'owner',
      user: { email: ownerEmail },
      csrfToken,
    });
    expect((await nodeB.request('/api/users', { body: { email: 'ed@example.test', password: 'a long editor password', role: 'editor' }, headers: { cookie: owner.cookie } })).status).toBe(403);
    const editor = await nodeB.request('/api/users', { body: { email: 'ed@example.test', password: 'a long editor password', role: 'editor' }, headers: owner });
    expect(editor.status).toBe(201);
    expect(((await (await nodeA.request('/api/users', { headers: owner })).json()) as { users: { email: string }[] }).users.map((user) => user.email)).toEqual([ownerEmail, 'ed@example.test']);

    // A key created on B works on A, within its scope; its use and limits are seen from both nodes.
    const created = await nodeB.request('/api/keys', { body: { name: 'gateway app', scopes: ['v1'], limits: { rpm: 5 } }, headers: owner });
    expect(created.status).toBe(201);
    const v1Key = (await created.json()) as { id: string; key: string };
    const runsKey = (await (await nodeB.request('/api/keys', { body: { name: 'CI', scopes: ['runs'] }, headers: owner })).json()) as { id: string; key: string };
    const refused = await nodeA.request('/api/runs/nope', { headers: { authorization: `Bearer ${v1Key.key}` } });
    expect(refused.status).toBe(403);
    expect(await errorCode(refused)).toBe('FORBIDDEN');
    const allowed = await nodeA.request('/api/runs/nope', { headers: { authorization: `Bearer ${runsKey.key}` } });
    expect(allowed.status).toBe(404);
    expect(await errorCode(allowed)).toBe('RUN_NOT_FOUND');
    const listedOnB = ((await (await nodeB.request('/api/keys', { headers: owner })).json()) as { keys: ApiKeyView[] }).keys;
    expect(listedOnB.find((key) => key.id === v1Key.id)).toMatchObject({ limits: { rpm: 5 }, lastUsedAt: expect.any(Number) });
    expect(listedOnB.find((key) => key.id === runsKey.id)).toMatchObject({ lastUsedAt: expect.any(Number) });

    // Revoked on A: refused on B from the next request.
    expect((await nodeA.request(`/api/keys/${runsKey.id}`, { method: 'DELETE', headers: owner })).status).toBe(200);
    const afterRevocation = await nodeB.request('/api/runs/nope', { headers: { authorization: `Bearer ${runsKey.key}` } });
    expect(afterRevocation.status).toBe(401);
    expect(await errorCode(afterRevocation)).toBe('UNAUTHENTICATED');
    expect((await nodeB.request(`/api/keys/${runsKey.id}`, { method: 'DELETE', headers: owner })).status).toBe(409);

    // Settings written on A are read on B.
    expect((await nodeA.request('/api/settings', { method: 'PUT', body: { httpAllowList: ['10.1.0.0/16'] }, headers: owner })).status).toBe(200);
    expect(await (await nodeB.request('/api/settings', { headers: owner })).json()).toEqual({ httpAllowList: ['10.1.0.0/16'] });

    // A second session, signed out on B: refused on A at once; the first still works.
    const second = await nodeB.request('/api/session', { body: { email: 'ed@example.test', password: 'a long editor password' } });
    const editorSession = { cookie: sessionCookie(second), 'x-csrf-token': ((await second.json()) as { csrfToken: string }).csrfToken };
    expect((await nodeA.request('/api/runs/nope', { headers: editorSession })).status).toBe(404);
    expect((await nodeB.request('/api/session', { method: 'DELETE', headers: editorSession })).status).toBe(204);
    expect(await (await nodeA.request('/api/session', { headers: editorSession })).json()).toMatchObject({ via: 'none' });
    expect((await nodeA.request('/api/runs/nope', { headers: editorSession })).status).toBe(401);

    // One audit log, whichever node wrote each entry and whichever node reads it.
    const auditOnA = ((await (await nodeA.request('/api/audit', { headers: owner })).json()) as { entries: AuditEntry[] }).entries;
    const auditOnB = ((await (await nodeB.request('/api/audit', { headers: owner })).json()) as { entries: AuditEntry[] }).entries;
    expect(auditOnB).toEqual(auditOnA);
    expect(auditOnA.map((entry) => entry.action).reverse()).toEqual([
      'owner.created',
      'sign-in',
      'user.created',
      'key.created',
      'key.created',
      'key.revoked',
      'settings.updated',
      'sign-in',
      'sign-out',
    ]);
  });

  it('lets workers reach a private host as soon as an owner allows it in Settings on any node', async () => {
    const target = createServer((_request, response) => response.end('inside'));
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(target.address() as AddressInfo).port}/`;
      // What a worker wires: its own pool on the same database.
      const http = createSafeHttpClient({ allowHosts: clusterHttpAllowList(['192.0.2.1'], createPgAccessStore(nodeB.postgres).settings) });
      const refused = await http.request({ method: 'GET', url, headers: {} }).catch((error: unknown) => error);
      expect(StudioError.is(refused) && refused.code).toBe('SSRF_BLOCKED');
      const signIn = await nodeA.request('/api/session', { body: { email: ownerEmail, password: ownerPassword } });
      const owner = { cookie: sessionCookie(signIn), 'x-csrf-token': ((await signIn.json()) as { csrfToken: string }).csrfToken };
      expect((await nodeA.request('/api/settings', { method: 'PUT', body: { httpAllowList: ['127.0.0.1/32'] }, headers: owner })).status).toBe(200);
      expect(await http.request({ method: 'GET', url, headers: {} })).toMatchObject({ status: 200, body: 'inside' });
    } finally {
      await new Promise((resolve) => target.close(resolve));
    }
  });

  it('counts failed sign-ins on every node together', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const node = attempt % 2 === 0 ? nodeA : nodeB;
      expect((await node.request('/api/session', { body: { email: 'ed@example.test', password: `wrong password ${attempt}` } })).status).toBe(401);
    }
    const throttled = await nodeB.request('/api/session', { body: { email: 'ed@example.test', password: 'a long editor password' } });
    expect(throttled.status).toBe(429);
    expect(await errorCode(throttled)).toBe('RATE_LIMITED');
  });
});

describe.skipIf(!serverUrl)('a web node process on Postgres', () => {
  it('refuses to listen beyond loopback without access control, and starts with an owner from the environment', async () => {
    const temporary = await createTemporaryPostgres(serverUrl!);
    try {
      const bare = readClusterEnv({ TANDEM_DATABASE_URL: temporary.url, HOST: '0.0.0.0', PORT: '0' });
      await expect(startClusterWebNode(bare)).rejects.toThrow(/without access control[\s\S]*TANDEM_AUTH=required[\s\S]*TANDEM_API_KEYS/);

      const node = await startClusterWebNode(
        readClusterEnv({ TANDEM_DATABASE_URL: temporary.url, PORT: '0', TANDEM_OWNER_EMAIL: 'Boss@Example.test', TANDEM_OWNER_PASSWORD: ownerPassword, TANDEM_API_KEYS: 'environment-key-0123456789' }),
      );
      try {
        const base = `http://127.0.0.1:${node.port}`;
        const signIn = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'boss@example.test', password: ownerPassword }) });
        expect(signIn.status).toBe(200);
        const keys = await fetch(`${base}/api/keys`, { headers: { cookie: sessionCookie(signIn) } });
        expect(((await keys.json()) as { keys: ApiKeyView[] }).keys).toEqual([{ id: 'env-1', name: 'TANDEM_API_KEYS #1', prefix: '', scopes: ['studio', 'runs', 'v1', 'admin'], source: 'environment' }]);
        const withKey = { authorization: 'Bearer environment-key-0123456789' };
        expect((await fetch(`${base}/api/runs/nope`, { headers: withKey })).status).toBe(404);
        // The operator's key reads the audit log, where the owner's creation from the environment is.
        const audit = await fetch(`${base}/api/audit`, { headers: withKey });
        expect(((await audit.json()) as { entries: AuditEntry[] }).entries.map((entry) => entry.action).reverse()).toEqual(['owner.created', 'sign-in']);
        expect((await fetch(`${base}/api/runs/nope`)).status).toBe(401);
      } finally {
        await node.close();
      }
      // The owner is in the database now: the same node may listen beyond loopback without keys.
      const protectedNode = await startClusterWebNode(readClusterEnv({ TANDEM_DATABASE_URL: temporary.url, HOST: '0.0.0.0', PORT: '0' }));
      await protectedNode.close();
    } finally {
      await temporary.drop();
    }
  });
});
