import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboxItem, PipelineDocument, PipelineSummary, PipelineVersionView, RunEvent, RunFeedback, RunView } from '@tandem/shared';
import { builtInNodes, createNodeRegistry } from '@tandem/engine';
import { createDefaultProviderRegistry } from '@tandem/providers';
import { createRepositories, createSqliteAccessStore, createSqlitePipelineStore, createSqliteRunStore, openDatabase } from '@tandem/db';
import { createSecretRedactor } from '@tandem/shared';
import { createAccessService } from '../access/access-service.ts';
import { clusterAccessSettings } from './cluster-access.ts';
import { testPostgresUrl } from '@tandem/db/pg-testing';
import { createPipelineLibrary } from '../services/pipeline-library.ts';
import { seedTemplatesInLibrary } from '../templates/seed-templates.ts';
import { createTestServer } from '../testing/test-server.ts';
import { createClusterPipelines } from './cluster-pipelines.ts';
import { createLocalClusterSignals } from './cluster-signals.ts';
import { createClusterWebApp } from './cluster-web.ts';
import { createInProcessRunQueue } from './in-process-run-queue.ts';
import { createTestCluster, type ClusterAdapter, type TestCluster } from './testing/cluster-fixture.ts';

const chain = (id: string, name = id): PipelineDocument => ({
  schema: 'tandem.pipeline/v1',
  id,
  name,
  inputs: { type: 'object', properties: { prompt: { type: 'string' } }, required: ['prompt'] },
  nodes: [
    { id: 'input', kind: 'input', position: { x: 0, y: 0 }, config: {} },
    { id: 'first', kind: 'llm', position: { x: 200, y: 0 }, config: { model: 'sim:writer?tps=0&ttft=0', prompt: '{{input.prompt}}', maxTokens: 30 } },
    { id: 'second', kind: 'llm', position: { x: 400, y: 0 }, config: { model: 'sim:writer?tps=0&ttft=0', prompt: 'Continue: {{first.text}}', maxTokens: 30 } },
    { id: 'out', kind: 'output', position: { x: 600, y: 0 }, config: { value: '{{second.text}}' } },
  ],
  edges: [
    { id: 'e1', source: 'input', target: 'first' },
    { id: 'e2', source: 'first', target: 'second' },
    { id: 'e3', source: 'second', target: 'out' },
  ],
});

const approval: PipelineDocument = {
  schema: 'tandem.pipeline/v1',
  id: 'approval',
  name: 'Approval',
  inputs: { type: 'object', properties: { prompt: { type: 'string' } } },
  nodes: [
    { id: 'input', kind: 'input', position: { x: 0, y: 0 }, config: {} },
    { id: 'approve', kind: 'user', position: { x: 200, y: 0 }, config: { title: 'Approve?', instructions: 'Read it', value: '{{input.prompt}}' } },
    { id: 'out', kind: 'output', position: { x: 400, y: 0 }, config: { value: '{{approve.value}}' } },
  ],
  edges: [
    { id: 'e1', source: 'input', target: 'approve' },
    { id: 'e2', source: 'approve', target: 'out' },
  ],
};

type Requester = (path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }) => Response | Promise<Response>;

/** Replaces what differs between two servers by nature (times, generated ids) so that shapes compare. */
function normalized(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, item: unknown) => (/At$|^since$/.test(key) && typeof item === 'number' ? '<time>' : item));
}

/**
 * The pipelines screens' requests, in the order the studio makes them: list, create, open, save versions,
 * drafts, diff, restore, export, import, delete, with the refusals. Answers every response.
 */
async function pipelineScreens(request: Requester): Promise<unknown[]> {
  const answers: unknown[] = [];
  const call = async (path: string, init?: Parameters<Requester>[1]) => {
    const response = await request(path, init);
    const type = response.headers.get('content-type') ?? '';
    const body = response.status === 204 ? null : type.includes('json') && !path.includes('/export') ? await response.json() : await response.text();
    answers.push({ path, method: init?.method ?? (init?.body === undefined ? 'GET' : 'POST'), status: response.status, body: normalized(body) });
    return body as never;
  };
  await call('/api/pipelines/check', { body: chain('story') });
  await call('/api/pipelines', { body: chain('story', 'Story') });
  await call('/api/pipelines', { body: chain('story', 'Story') });
  await call('/api/pipelines', { body: { ...chain('broken'), edges: [{ id: 'e', source: 'input', target: 'nowhere' }] } });
  await call('/api/pipelines/story', { method: 'PUT', body: { ...chain('story', 'Story, longer'), description: 'second take' } });
  await call('/api/pipelines/story', { method: 'PUT', body: chain('other') });
  await call('/api/pipelines/ghost', { method: 'PUT', body: chain('ghost') });
  await call('/api/pipelines/story?draft=1', { method: 'PUT', body: { ...chain('story', 'Work in progress'), edges: [] } });
  await call('/api/pipelines/story');
  await call('/api/pipelines/story?version=1');
  await call('/api/pipelines/story?version=9');
  await call('/api/pipelines/story?version=zero');
  await call('/api/pipelines/story/diff?from=1&to=2');
  await call('/api/pipelines/story/diff?from=1');
  await call('/api/pipelines/story/draft', { method: 'DELETE' });
  // Restore: the studio reads an old version and saves it as the newest.
  const first = (await call('/api/pipelines/story?version=1')) as PipelineVersionView;
  await call('/api/pipelines/story', { method: 'PUT', body: first.document });
  await call('/api/pipelines/story/export?version=3');
  await call('/api/pipelines/import', { body: chain('story', 'Imported') });
  await call('/api/pipelines?draft=1', { body: { ...chain('sketch', 'Sketch'), nodes: [] } });
  await call('/api/pipelines/sketch');
  await call('/api/pipelines/story-2', { method: 'DELETE' });
  await call('/api/pipelines/story-2', { method: 'DELETE' });
  // The list's own order depends on update times (and the single process holds the shipped templates): the entries must be the same.
  const list = (await (await request('/api/pipelines')).json()) as { pipelines: PipelineSummary[] };
  answers.push(list.pipelines.filter((pipeline) => !pipeline.isTemplate && !pipeline.isSystem).map((pipeline) => normalized(pipeline)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
  return answers;
}

const serverUrl = testPostgresUrl();
const adapters: ClusterAdapter[] = serverUrl ? ['sqlite', 'postgres'] : ['sqlite'];

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ; ) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.each(adapters)('the studio’s screens on a cluster web node over %s', (adapter) => {
  let cluster: TestCluster;
  const json = async <T>(path: string, init?: Parameters<TestCluster['request']>[1]) => {
    const response = await cluster.request(path, init);
    return { status: response.status, body: (await response.json()) as T };
  };
  const run = (id: string) => json<RunView & { forkedFrom?: { runId: string; nodeId: string } }>(`/api/runs/${id}`).then(({ body }) => body);
  const trace = (id: string) => json<{ events: RunEvent[] }>(`/api/runs/${id}/trace`).then(({ body }) => body.events);
  const settled = (id: string) => until(() => run(id), (view) => ['completed', 'failed', 'cancelled', 'waiting'].includes(view.status));
  const start = async (pipelineId: string, prompt: string) => (await json<{ id: string }>('/api/runs', { body: { pipelineId, inputs: { prompt } } })).body.id;

  beforeEach(async () => {
    cluster = await createTestCluster(adapter, serverUrl);
  });
  afterEach(async () => {
    await cluster.close();
  });

  it('answers the pipelines screens exactly as the single-process server does', async () => {
    const single = createTestServer();
    try {
      const expected = await pipelineScreens(single.request);
      const actual = await pipelineScreens(cluster.request);
      for (const [index, answer] of actual.entries()) expect(answer, JSON.stringify((expected[index] as { path?: string }).path)).toEqual(expected[index]);
      expect(actual).toHaveLength(expected.length);
    } finally {
      single.cleanup();
    }
  });

  it('lists the shipped templates once a web node stored them, as the single process does', async () => {
    const single = createTestServer();
    try {
      const library = createPipelineLibrary({ store: cluster.pipelineStore, registry: createNodeRegistry(builtInNodes), models: createDefaultProviderRegistry({}) });
      await seedTemplatesInLibrary(library, createNodeRegistry(builtInNodes));
      // A second node starting finds them stored and changes nothing.
      await seedTemplatesInLibrary(library, createNodeRegistry(builtInNodes));
      const templates = async (request: Requester) =>
        ((await (await request('/api/pipelines')).json()) as { pipelines: PipelineSummary[] }).pipelines.filter((pipeline) => pipeline.isTemplate).map((pipeline) => normalized(pipeline));
      const stored = await templates(cluster.request);
      expect(stored.length).toBeGreaterThan(0);
      expect(stored).toEqual(await templates(single.request));
      expect((await json<PipelineVersionView>('/api/pipelines/template-answer')).body.versions).toEqual([1]);
    } finally {
      single.cleanup();
    }
  });

  it('offers the model and function catalog and says no sign-in is needed on loopback', async () => {
    const { body } = await json<{ models: { id: string }[] }>('/api/providers/models');
    expect(body.models.some((model) => model.id.startsWith('sim:'))).toBe(true);
    expect((await json<{ functions: unknown[] }>('/api/functions')).status).toBe(200);
    expect((await json('/api/session')).body).toEqual({ accessControl: false, setupRequired: false, via: 'local', role: 'owner' });
    expect((await json<{ error: { code: string } }>('/api/no-such-screen')).body.error.code).toBe('NOT_FOUND');
  });

  it('lists runs executed by a worker with filters, summaries and pages', async () => {
    await json('/api/pipelines', { body: chain('story', 'Story') });
    await json('/api/pipelines', { body: chain('other', 'Other') });
    await cluster.startWorker();
    const ids: string[] = [];
    for (const [pipelineId, prompt] of [['story', 'one'], ['other', 'two'], ['story', 'three']] as const) {
      const id = await start(pipelineId, prompt);
      await settled(id);
      ids.push(id);
    }
    await json('/api/pipelines/story', { method: 'PUT', body: chain('story', 'Story v2') });
    const latest = await start('story', 'four');
    await settled(latest);
    type Listed = { runs: (RunView & { pipelineName: string; summary: { calls: number; inputTokens: number; outputPreview?: string } })[]; nextBefore?: string };
    const all = await json<Listed>('/api/runs');
    expect(all.body.runs.map((entry) => entry.id)).toEqual([latest, ...[...ids].reverse()]);
    expect(all.body.runs[0]).toMatchObject({ pipelineId: 'story', pipelineName: 'Story v2', version: 2, status: 'completed', summary: { calls: 2 } });
    expect(all.body.runs[0]!.summary.inputTokens).toBeGreaterThan(0);
    expect(all.body.runs[0]!.summary.outputPreview).toBe((await run(latest)).outputs.out);
    expect((await json<Listed>('/api/runs?pipelineId=story')).body.runs.map((entry) => entry.id)).toEqual([latest, ids[2], ids[0]]);
    expect((await json<Listed>('/api/runs?pipelineId=story&version=1')).body.runs.map((entry) => entry.id)).toEqual([ids[2], ids[0]]);
    expect((await json<Listed>('/api/runs?status=waiting')).body.runs).toEqual([]);
    const page = await json<Listed>('/api/runs?limit=2');
    expect(page.body.nextBefore).toBe(ids[2]);
    expect((await json<Listed>(`/api/runs?limit=2&before=${page.body.nextBefore}`)).body.runs.map((entry) => entry.id)).toEqual([ids[1], ids[0]]);
    expect((await json<{ error: { details: { field: string } } }>('/api/runs?status=sleeping')).body.error.details.field).toBe('status');
    expect((await json<{ error: { details: { field: string } } }>('/api/runs?version=2')).body.error.details.field).toBe('version');
  });

  it('forks a run in a worker: the steps before the fork are reused from the parent’s log, the rest run again', async () => {
    await json('/api/pipelines', { body: chain('story', 'Story') });
    await cluster.startWorker();
    const parentId = await start('story', 'A lighthouse');
    const parent = await settled(parentId);
    const forked = await json<{ id: string }>(`/api/runs/${parentId}/fork`, { body: { fromNodeId: 'second', config: { second: { prompt: 'Again: {{first.text}}' } } } });
    expect(forked.status).toBe(201);
    const fork = await settled(forked.body.id);
    expect(fork).toMatchObject({ status: 'completed', parentRunId: parentId, forkedFrom: { runId: parentId, nodeId: 'second' }, overrides: { second: { prompt: 'Again: {{first.text}}' } }, version: 1 });
    const events = await trace(fork.id);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    const parentEvents = await trace(parentId);
    const firstOfParent = parentEvents.find((event) => event.type === 'step.completed' && event.nodeId === 'first')!;
    const reused = events.find((event) => event.type === 'step.completed' && event.nodeId === 'first');
    expect(reused?.type === 'step.completed' && reused.data.reusedFrom).toEqual({ runId: parentId, seq: firstOfParent.seq });
    // Only the steps from the fork on called a model.
    expect(events.filter((event) => event.type === 'step.started').map((event) => event.nodeId)).toEqual(['second', 'out']);
    expect(fork.outputs.out).not.toEqual(parent.outputs.out);

    const saved = await json<{ id: string }>(`/api/runs/${parentId}/fork`, { body: { fromNodeId: 'second', config: { second: { maxTokens: 5 } }, saveAsVersion: true } });
    expect(await settled(saved.body.id)).toMatchObject({ status: 'completed', version: 2 });
    expect((await json<PipelineVersionView>('/api/pipelines/story')).body.versions).toEqual([1, 2]);
    expect((await json<{ error: { details: { field: string } } }>(`/api/runs/${parentId}/fork`, { body: { fromNodeId: 'nowhere' } })).body.error.details.field).toBe('fromNodeId');
    expect((await json(`/api/runs/missing/fork`, { body: { fromNodeId: 'second' } })).status).toBe(404);
  });

  it('runs a child pipeline of a `pipeline` step in the worker and hands its outputs to the parent', async () => {
    await json('/api/pipelines', { body: chain('story', 'Story') });
    const parentDocument: PipelineDocument = {
      schema: 'tandem.pipeline/v1',
      id: 'wrapper',
      name: 'Wrapper',
      inputs: { type: 'object', properties: { prompt: { type: 'string' } }, required: ['prompt'] },
      nodes: [
        { id: 'input', kind: 'input', position: { x: 0, y: 0 }, config: {} },
        { id: 'child', kind: 'pipeline', position: { x: 200, y: 0 }, config: { pipelineId: 'story', inputs: { prompt: 'Told again: {{input.prompt}}' } } },
        { id: 'out', kind: 'output', position: { x: 400, y: 0 }, config: { value: '{{child.out}}' } },
      ],
      edges: [
        { id: 'e1', source: 'input', target: 'child' },
        { id: 'e2', source: 'child', target: 'out' },
      ],
    };
    expect((await json('/api/pipelines', { body: parentDocument })).status).toBe(201);
    await cluster.startWorker({ concurrency: 1 });
    const parentId = await start('wrapper', 'A lighthouse');
    const parent = await settled(parentId);
    expect(parent.status).toBe('completed');
    const { body } = await json<{ runs: RunView[] }>('/api/runs?pipelineId=story');
    expect(body.runs).toHaveLength(1);
    const child = body.runs[0]!;
    expect(child).toMatchObject({ status: 'completed', parentRunId: parentId, inputs: { prompt: 'Told again: A lighthouse' } });
    expect(parent.outputs.out).toBe(child.outputs.out);
    expect(await run(child.id)).not.toHaveProperty('forkedFrom');
    const childStep = (await trace(parentId)).find((event) => event.type === 'step.completed' && event.nodeId === 'child');
    expect(childStep?.type === 'step.completed' && (childStep.data.output as { runId: string }).runId).toBe(child.id);

    // A child that cannot start fails its step with the reason.
    await json('/api/pipelines/wrapper', { method: 'PUT', body: { ...parentDocument, nodes: parentDocument.nodes.map((node) => (node.id === 'child' ? { ...node, config: { pipelineId: 'nowhere', inputs: {} } } : node)) } });
    const failed = await settled(await start('wrapper', 'x'));
    expect(failed).toMatchObject({ status: 'failed' });
    expect(JSON.stringify(failed.error)).toContain('nowhere');
  });

  it('lists waiting person steps across runs in the inbox until they are answered, and keeps feedback on runs', async () => {
    await json('/api/pipelines', { body: approval });
    await cluster.startWorker();
    const first = await start('approval', 'first draft');
    const second = await start('approval', 'second draft');
    await settled(first);
    await settled(second);
    const inbox = await json<{ items: InboxItem[] }>('/api/inbox');
    expect(inbox.body.items.map((item) => item.runId).sort()).toEqual([first, second].sort());
    expect(inbox.body.items[0]).toMatchObject({ nodeId: 'approve', pipelineId: 'approval', pipelineName: 'Approval', title: 'Approve?', instructions: 'Read it' });
    await json(`/api/runs/${first}/nodes/approve/submit`, { body: { decision: 'approved', value: 'final' } });
    expect((await until(() => run(first), (view) => view.status === 'completed')).outputs).toEqual({ out: 'final' });
    expect((await json<{ items: InboxItem[] }>('/api/inbox')).body.items.map((item) => item.runId)).toEqual([second]);

    const given = await json<RunFeedback>(`/api/runs/${first}/feedback`, { body: { score: 0.8, thumbs: 'up', comment: 'good' } });
    expect(given.status).toBe(201);
    expect(given.body).toMatchObject({ runId: first, score: 0.8, thumbs: 'up', comment: 'good' });
    expect((await json<{ feedback: RunFeedback[] }>(`/api/runs/${first}/feedback`)).body.feedback).toEqual([given.body]);
    expect((await json<{ error: { details: { field: string } } }>(`/api/runs/${first}/feedback`, { body: { score: 'high' } })).status).toBe(400);
    expect((await json(`/api/runs/missing/feedback`, { body: { score: 1 } })).status).toBe(404);
    expect((await json(`/api/runs/missing/feedback`)).status).toBe(404);
  });
});

describe('a web node serving the built studio', () => {
  function webNode(apiKeys: string[]) {
    const directory = mkdtempSync(join(tmpdir(), 'tandem-studio-dist-'));
    writeFileSync(join(directory, 'index.html'), '<!doctype html><title>Tandem Studio</title><div id="root"></div>');
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
      loopbackOnly: apiKeys.length === 0,
      studioDist: directory,
    });
    return {
      app,
      close() {
        database.close();
        rmSync(directory, { recursive: true, force: true });
      },
    };
  }

  it('serves the pages with their security headers and the API beside them, on loopback only', async () => {
    const { app, close } = webNode([]);
    try {
      const page = await app.request('/pipelines/story', { headers: { host: '127.0.0.1:8888' } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
      const api = await app.request('/api/pipelines', { headers: { host: 'localhost:8888' } });
      expect(await api.json()).toEqual({ pipelines: [] });
      expect(api.headers.get('content-security-policy')).toBeNull();
      expect((await app.request('/api/nothing')).status).toBe(404);
      // Another name for the same address (DNS rebinding), and a write from another origin, are refused.
      expect((await app.request('/api/pipelines', { headers: { host: 'attacker.example' } })).status).toBe(403);
      const crossSite = await app.request('/api/pipelines', { method: 'POST', headers: { host: '127.0.0.1:8888', origin: 'https://attacker.example', 'content-type': 'application/json' }, body: JSON.stringify(chain('x')) });
      expect(crossSite.status).toBe(403);
    } finally {
      close();
    }
  });

  it('asks for a key on the API but not for the pages when it has keys', async () => {
    const { app, close } = webNode(['a-key-of-the-team-0123456789']);
    try {
      expect((await app.request('/', { headers: { host: 'tandem.internal' } })).status).toBe(200);
      const refused = await app.request('/api/pipelines', { headers: { host: 'tandem.internal' } });
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
      const session = await app.request('/api/session', { headers: { host: 'tandem.internal', authorization: 'Bearer a-key-of-the-team-0123456789' } });
      // As on one process: the key is known, and no owner account exists yet.
      expect(await session.json()).toEqual({ accessControl: true, setupRequired: true, via: 'key' });
    } finally {
      close();
    }
  });
});
