import { describe, expect, it } from 'vitest';
import { builtInNodes, createNodeRegistry } from '@tandem/engine';
import { createDefaultProviderRegistry } from '@tandem/providers';
import { createRepositories, createSqliteAccessStore, createSqlitePipelineStore, createSqliteRunStore, openDatabase } from '@tandem/db';
import { createSecretRedactor } from '@tandem/shared';
import { createAccessService } from '../access/access-service.ts';
import { clusterAccessSettings } from './cluster-access.ts';
import { createClusterPipelines } from './cluster-pipelines.ts';
import { readClusterEnv } from './cluster-env.ts';
import { createLocalClusterSignals } from './cluster-signals.ts';
import { createClusterWebApp } from './cluster-web.ts';
import { createInProcessRunQueue } from './in-process-run-queue.ts';

function webApp(apiKeys: string[]) {
  const database = openDatabase(':memory:');
  const store = createSqliteRunStore(database);
  const models = createDefaultProviderRegistry({});
  const registry = createNodeRegistry(builtInNodes);
  const app = createClusterWebApp({
    store,
    pipelineStore: createSqlitePipelineStore(database),
    queue: createInProcessRunQueue(),
    signals: createLocalClusterSignals(),
    pipelines: createClusterPipelines({ store, registry, models }),
    registry,
    models,
    access: createAccessService(createSqliteAccessStore(createRepositories(database)), createSecretRedactor(), clusterAccessSettings({ TANDEM_AUTH: 'auto', TANDEM_API_KEYS: apiKeys })),
  });
  return { app, close: () => database.close() };
}

describe('a cluster web node', () => {
  it('with keys in the environment, asks for credentials on every route but /healthz', async () => {
    const { app, close } = webApp(['first-key-0123456789', 'second-key-0123456789']);
    try {
      expect((await app.request('/healthz')).status).toBe(200);
      const refused = await app.request('/api/runs/any');
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { error: { code: string } }).error).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect((await app.request('/api/runs/any', { headers: { authorization: 'Bearer wrong-key' } })).status).toBe(401);
      const known = await app.request('/api/runs/any', { headers: { authorization: 'Bearer second-key-0123456789' } });
      expect(known.status).toBe(404);
      // Keys from the environment are the operator's: owner routes too.
      expect((await app.request('/api/users', { headers: { authorization: 'Bearer second-key-0123456789' } })).status).toBe(200);
      const listed = await app.request('/api/session', { headers: { authorization: 'Bearer second-key-0123456789' } });
      expect(await listed.json()).toMatchObject({ accessControl: true, via: 'key' });
    } finally {
      close();
    }
  });

  it('answers unknown routes and malformed bodies with readable errors', async () => {
    const { app, close } = webApp([]);
    try {
      expect((await app.request('/api/nothing')).status).toBe(404);
      const malformed = await app.request('/api/runs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"pipelineId":' });
      expect(malformed.status).toBe(400);
      const wrongField = await app.request('/api/runs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pipelineId: 7, inputs: {} }) });
      expect(wrongField.status).toBe(400);
      expect(JSON.stringify(await wrongField.json())).toContain('pipelineId');
    } finally {
      close();
    }
  });

  it('names each bad setting of the environment', () => {
    expect(() => readClusterEnv({ TANDEM_DATABASE_URL: 'mysql://x', TANDEM_WORKER_CONCURRENCY: '0' })).toThrow(/TANDEM_DATABASE_URL: must be a postgres:\/\/ URL[\s\S]*TANDEM_WORKER_CONCURRENCY/);
    expect(readClusterEnv({ TANDEM_DATABASE_URL: 'postgres://a@b/c', TANDEM_API_KEYS: ' k1 , k2 ,' }).TANDEM_API_KEYS).toEqual(['k1', 'k2']);
    expect(() => readClusterEnv({ TANDEM_DATABASE_URL: 'postgres://a@b/c', TANDEM_AUTH: 'sometimes', TANDEM_OWNER_PASSWORD: 'short' })).toThrow(/TANDEM_AUTH[\s\S]*TANDEM_OWNER_PASSWORD: must be at least 10/);
  });
});
