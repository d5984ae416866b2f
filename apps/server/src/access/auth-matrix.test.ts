import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKeyScope, UserRole } from '@tandem/shared';
import { keyWith, signedInAs, type TestCredentials } from '../testing/access-fixtures.ts';
import { createTestServer } from '../testing/test-server.ts';
import { accessRules } from './access-policy.ts';

/**
 * The access contract, written out by hand (DESIGN.md §10): for every route, the least role of a
 * signed-in account (null: accounts may not) and the key scopes that may call it. A route the app
 * registers without a line here fails the first test.
 */
type Expected = 'public' | { role: UserRole | null; scopes: ApiKeyScope[] };
const read: Expected = { role: 'viewer', scopes: ['studio', 'runs'] };
const edit: Expected = { role: 'editor', scopes: ['studio'] };
const run: Expected = { role: 'editor', scopes: ['studio', 'runs'] };
const owner: Expected = { role: 'owner', scopes: ['admin'] };
const v1: Expected = { role: null, scopes: ['v1'] };
const expected: Record<string, Expected> = {
  'GET /healthz': 'public',
  'GET /metrics': { role: 'viewer', scopes: ['studio', 'admin'] },
  'POST /api/session': 'public',
  'GET /api/session': 'public',
  'DELETE /api/session': 'public',
  'POST /api/setup': 'public',
  'GET /api/users': owner,
  'POST /api/users': owner,
  'PATCH /api/users/:id': owner,
  'DELETE /api/users/:id': owner,
  'GET /api/keys': owner,
  'POST /api/keys': owner,
  'DELETE /api/keys/:id': owner,
  'GET /api/audit': owner,
  'GET /api/pipelines': read,
  'POST /api/pipelines': edit,
  'POST /api/pipelines/check': { role: 'viewer', scopes: ['studio'] },
  'POST /api/pipelines/import': edit,
  'GET /api/pipelines/:id': read,
  'PUT /api/pipelines/:id': edit,
  'DELETE /api/pipelines/:id': edit,
  'GET /api/pipelines/:id/export': read,
  'GET /api/pipelines/:id/diff': read,
  'DELETE /api/pipelines/:id/draft': edit,
  'POST /api/runs': run,
  'GET /api/runs': read,
  'GET /api/runs/:id': read,
  'GET /api/runs/:id/trace': read,
  'POST /api/runs/:id/cancel': run,
  'POST /api/runs/:id/fork': edit,
  'POST /api/runs/:id/nodes/:nodeId/submit': run,
  'GET /api/runs/:id/events': read,
  'GET /api/settings': { role: 'viewer', scopes: ['studio', 'admin'] },
  'PUT /api/settings': owner,
  'GET /api/providers/models': read,
  'GET /api/providers': read,
  'PUT /api/providers/pools/:name': owner,
  'DELETE /api/providers/pools/:name': owner,
  'PUT /api/providers/:name': owner,
  'DELETE /api/providers/:name': owner,
  'POST /api/providers/:name/test': run,
  'GET /api/monitoring': read,
  'GET /api/functions': read,
  'GET /api/inbox': read,
  'POST /api/runs/:id/feedback': { role: 'viewer', scopes: ['studio', 'runs', 'v1'] },
  'GET /api/runs/:id/feedback': read,
  'GET /api/pipelines/:id/live': read,
  'GET /api/datasets': read,
  'POST /api/datasets': edit,
  'GET /api/datasets/:id': read,
  'PUT /api/datasets/:id': edit,
  'GET /api/datasets/:id/rows': read,
  'GET /api/experiments': read,
  'POST /api/experiments': run,
  'POST /api/experiments/estimate': run,
  'GET /api/experiments/:id': read,
  'GET /api/experiments/:id/events': read,
  'POST /api/experiments/:id/cancel': run,
  'POST /api/experiments/:id/retry-failed': run,
  'GET /api/experiments/:id/analysis': read,
  'GET /api/experiments/:id/results': read,
  'GET /api/experiments/:id/rows': read,
  'GET /api/experiments/:id/compare': read,
  'POST /generate': run,
  'GET /config/orchestration': read,
  'PUT /config/orchestration': edit,
  'GET /v1/models': v1,
  'GET /v1/models/:id{.+}': v1,
  'POST /v1/chat/completions': v1,
  'GET /*': 'public',
  // Fallbacks: an unknown API route is an owner's; an unknown /v1 route takes v1 keys.
  'GET /api/not-a-route': owner,
  'POST /api/not-a-route': owner,
  'POST /v1/not-a-route': v1,
};

const principals = ['none', 'viewer', 'editor', 'owner', 'key:studio', 'key:runs', 'key:v1', 'key:admin'] as const;
type PrincipalName = (typeof principals)[number];
const ranks: Record<UserRole, number> = { viewer: 0, editor: 1, owner: 2 };

function allowed(rule: Expected, principal: PrincipalName): boolean {
  if (rule === 'public') return true;
  if (principal === 'none') return false;
  if (principal.startsWith('key:')) return rule.scopes.includes(principal.slice(4) as ApiKeyScope);
  return rule.role !== null && ranks[principal as UserRole] >= ranks[rule.role];
}

const samplePath = (path: string) => path.replaceAll(':id{.+}', 'sample-id').replaceAll(':nodeId', 'node').replaceAll(':id', 'sample-id').replaceAll(':name', 'sample-name').replace(/\*$/, 'sample');

let server: ReturnType<typeof createTestServer>;
let keys: Record<string, TestCredentials>;
let appRoutes: string[];

beforeAll(() => {
  server = createTestServer();
  signedInAs(server, 'owner', 'first-owner@example.test');
  keys = Object.fromEntries((['studio', 'runs', 'v1', 'admin'] as const).map((scope) => [`key:${scope}`, keyWith(server, [scope])]));
  // Handlers only: `use` middleware and `.all` fallbacks are registered as ALL.
  appRoutes = [...new Set(server.app.routes.filter((route) => route.method !== 'ALL').map((route) => `${route.method} ${route.path}`))];
});
afterAll(() => server.cleanup());

function credentialsOf(principal: PrincipalName): Record<string, string> {
  if (principal === 'none') return {};
  if (principal.startsWith('key:')) return keys[principal]!.headers;
  // A fresh session per request: DELETE /api/session ends the one it is sent with.
  return signedInAs(server, principal as UserRole).headers;
}

describe('the auth matrix', () => {
  it('has a rule in the access policy, and an expectation here, for every route the app registers', () => {
    expect(appRoutes.length).toBeGreaterThan(30);
    const ruled = new Set(accessRules.map((rule) => `${rule.method} ${rule.path}`));
    expect(appRoutes.filter((route) => !ruled.has(route)), 'routes without their own access rule').toEqual([]);
    expect(appRoutes.filter((route) => !(route in expected)), 'routes without an expected access in this test').toEqual([]);
  });

  const cases = Object.entries(expected).flatMap(([route, rule]) => principals.map((principal) => ({ route, rule, principal })));

  it(`answers each of ${Object.keys(expected).length} routes × ${principals.length} principals as the contract says`, async () => {
    const wrong: string[] = [];
    for (const { route, rule, principal } of cases) {
      const [method, path] = route.split(' ') as [string, string];
      const write = method !== 'GET';
      const response = await server.request(samplePath(path), { method, headers: credentialsOf(principal), ...(write ? { body: {} } : {}) });
      const status = response.status;
      await response.body?.cancel();
      const want = allowed(rule, principal) ? 'allowed' : principal === 'none' ? 401 : 403;
      const got = status === 401 || status === 403 ? status : 'allowed';
      if (got !== want) wrong.push(`${route} as ${principal}: expected ${want}, got ${status}`);
    }
    expect(wrong).toEqual([]);
    expect(cases.length).toBe(Object.keys(expected).length * principals.length);
  });

  it('answers refusals in the usual error shape, and OpenAI’s under /v1', async () => {
    const refused = await server.json<{ error: { code: string; message: string } }>('/api/users');
    expect(refused).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
    const forbidden = await server.json<{ error: { code: string } }>('/api/users', { headers: signedInAs(server, 'editor').headers });
    expect(forbidden).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    const openAI = await server.json<{ error: { type: string; code: string } }>('/v1/models');
    expect(openAI).toMatchObject({ status: 401, body: { error: { type: 'authentication_error', code: 'UNAUTHENTICATED' } } });
  });

  it('refuses a write made with a session cookie but without its CSRF token', async () => {
    const { headers } = signedInAs(server, 'owner');
    const { 'x-csrf-token': _token, ...withoutToken } = headers;
    const refused = await server.json<{ error: { code: string; details: { field: string } } }>('/api/settings', { method: 'PUT', headers: withoutToken, body: { httpAllowList: [] } });
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN', details: { field: 'x-csrf-token' } } } });
    const wrong = await server.request('/api/settings', { method: 'PUT', headers: { ...headers, 'x-csrf-token': 'guess' }, body: { httpAllowList: [] } });
    expect(wrong.status).toBe(403);
    expect((await server.request('/api/settings', { method: 'PUT', headers, body: { httpAllowList: [] } })).status).toBe(200);
  });
});

describe('with access control off (loopback, no accounts)', () => {
  it('answers every route without credentials; /v1 alone asks for a key when TANDEM_API_KEYS is set', async () => {
    const open = createTestServer({ TANDEM_API_KEYS: 'env-key-0123456789' });
    try {
      const refusedOpen: string[] = [];
      for (const route of Object.keys(expected)) {
        const [method, path] = route.split(' ') as [string, string];
        const response = await open.request(samplePath(path), { method, ...(method !== 'GET' ? { body: {} } : {}) });
        await response.body?.cancel();
        const needsKey = path.startsWith('/v1/');
        if ((response.status === 401 || response.status === 403) !== needsKey) refusedOpen.push(`${route}: ${response.status}`);
      }
      expect(refusedOpen).toEqual([]);
      expect((await open.request('/v1/models', { headers: { authorization: 'Bearer env-key-0123456789' } })).status).toBe(200);
    } finally {
      open.cleanup();
    }
  });
});
