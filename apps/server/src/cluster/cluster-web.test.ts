import { describe, expect, it } from 'vitest';
import { builtInNodes, createNodeRegistry } from '@tandem/engine';
import { createDefaultProviderRegistry } from '@tandem/providers';
import { createSqlitePipelineStore, createSqliteRunStore, openDatabase } from '@tandem/db';
import { createClusterPipelines } from './cluster-pipelines.ts';
import { readClusterEnv } from './cluster-env.ts';
import { createLocalClusterSignals } from './cluster-signals.ts';
import { startClusterWebNode } from './cluster-processes.ts';
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
    apiKeys,
  });
  return { app, close: () => database.close() };
}

describe('a cluster web node', () => {
  it('asks for one of its API keys on every route but /healthz', async () => {
    const { app, close } = webApp(['first-key-0123456789', 'second-key-0123456789']);
    try {
      expect((await app.request('/healthz')).status).toBe(200);
      const refused = await app.request('/api/runs/any');
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { error: { code: string; details: { field: string } } }).error).toMatchObject({ code: 'UNAUTHENTICATED', details: { field: 'authorization' } });
      expect((await app.request('/api/runs/any', { headers: { authorization: 'Bearer wrong-key' } })).status).toBe(401);
      const known = await app.request('/api/runs/any', { headers: { authorization: 'Bearer second-key-0123456789' } });
      expect(known.status).toBe(404);
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

  it('refuses to listen beyond loopback without API keys, before opening any connection', async () => {
    const env = readClusterEnv({ TANDEM_DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', HOST: '0.0.0.0' });
    await expect(startClusterWebNode(env)).rejects.toThrow(/TANDEM_API_KEYS/);
  });

  it('names each bad setting of the environment', () => {
    expect(() => readClusterEnv({ TANDEM_DATABASE_URL: 'mysql://x', TANDEM_WORKER_CONCURRENCY: '0' })).toThrow(/TANDEM_DATABASE_URL: must be a postgres:\/\/ URL[\s\S]*TANDEM_WORKER_CONCURRENCY/);
    expect(readClusterEnv({ TANDEM_DATABASE_URL: 'postgres://a@b/c', TANDEM_API_KEYS: ' k1 , k2 ,' }).TANDEM_API_KEYS).toEqual(['k1', 'k2']);
  });
});
