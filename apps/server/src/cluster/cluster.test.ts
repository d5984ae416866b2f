import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PipelineDocument, RunEvent, RunView } from '@tandem/shared';
import { testPostgresUrl } from '@tandem/db/pg-testing';
import { createTestCluster, type ClusterAdapter, type TestCluster } from './testing/cluster-fixture.ts';

const llmPipeline = (id: string, model: string): PipelineDocument => ({
  schema: 'tandem.pipeline/v1',
  id,
  name: id,
  inputs: { type: 'object', properties: { prompt: { type: 'string' } }, required: ['prompt'] },
  nodes: [
    { id: 'input', kind: 'input', position: { x: 0, y: 0 }, config: {} },
    { id: 'first', kind: 'llm', position: { x: 200, y: 0 }, config: { model, prompt: '{{input.prompt}}', maxTokens: 40 } },
    { id: 'second', kind: 'llm', position: { x: 400, y: 0 }, config: { model, prompt: 'Continue: {{first.text}}', maxTokens: 40 } },
    { id: 'out', kind: 'output', position: { x: 600, y: 0 }, config: { value: '{{second.text}}' } },
  ],
  edges: [
    { id: 'e1', source: 'input', target: 'first' },
    { id: 'e2', source: 'first', target: 'second' },
    { id: 'e3', source: 'second', target: 'out' },
  ],
});

const approvalPipeline: PipelineDocument = {
  schema: 'tandem.pipeline/v1',
  id: 'approval',
  name: 'Approval',
  inputs: { type: 'object', properties: { prompt: { type: 'string' } } },
  nodes: [
    { id: 'input', kind: 'input', position: { x: 0, y: 0 }, config: {} },
    { id: 'approve', kind: 'user', position: { x: 200, y: 0 }, config: { title: 'Approve?', value: '{{input.prompt}}' } },
    { id: 'out', kind: 'output', position: { x: 400, y: 0 }, config: { value: '{{approve.value}}' } },
  ],
  edges: [
    { id: 'e1', source: 'input', target: 'approve' },
    { id: 'e2', source: 'approve', target: 'out' },
  ],
};

const serverUrl = testPostgresUrl();
const adapters: ClusterAdapter[] = serverUrl ? ['sqlite', 'postgres'] : ['sqlite'];

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ; ) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Reads an SSE response to its end: the events' seqs and whether `event: end` came. */
async function readStream(response: Response): Promise<{ seqs: number[]; ended: boolean }> {
  const text = await response.text();
  const seqs = [...text.matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]));
  return { seqs, ended: text.includes('event: end') };
}

describe.each(adapters)('cluster mode over %s', (adapter) => {
  let cluster: TestCluster;
  const json = async <T>(path: string, init?: Parameters<TestCluster['request']>[1]) => {
    const response = await cluster.request(path, init);
    return { status: response.status, body: (await response.json()) as T };
  };
  const run = (id: string) => json<RunView>(`/api/runs/${id}`).then(({ body }) => body);
  const trace = (id: string) => json<{ events: RunEvent[] }>(`/api/runs/${id}/trace`).then(({ body }) => body.events);
  const settled = (id: string) => until(() => run(id), (view) => ['completed', 'failed', 'cancelled', 'waiting'].includes(view.status));

  beforeEach(async () => {
    cluster = await createTestCluster(adapter, serverUrl);
  });
  afterEach(async () => {
    await cluster.close();
  });

  it('executes a run started on the web node in a worker, with a contiguous log and the same output as one process', async () => {
    expect((await json('/api/pipelines', { body: llmPipeline('two-steps', 'sim:writer') })).status).toBe(201);
    await cluster.startWorker();
    const started = await json<{ id: string }>('/api/runs', { body: { pipelineId: 'two-steps', inputs: { prompt: 'A lighthouse keeper' } } });
    expect(started.status).toBe(201);
    const view = await settled(started.body.id);
    expect(view).toMatchObject({ status: 'completed', pipelineId: 'two-steps', version: 1 });
    expect(typeof view.outputs.out).toBe('string');
    const events = await trace(started.body.id);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    expect(events.filter((event) => event.type === 'step.completed').map((event) => event.nodeId)).toEqual(['input', 'first', 'second', 'out']);

    // The simulator is deterministic: a second run of the same inputs answers the same.
    const again = await json<{ id: string }>('/api/runs', { body: { pipelineId: 'two-steps', inputs: { prompt: 'A lighthouse keeper' } } });
    expect((await settled(again.body.id)).outputs).toEqual(view.outputs);
  });

  it('refuses bad input with a 4xx naming the field, and unknown runs and pipelines', async () => {
    await json('/api/pipelines', { body: llmPipeline('two-steps', 'sim:writer') });
    const missing = await json<{ error: { code: string; message: string } }>('/api/runs', { body: { pipelineId: 'two-steps', inputs: {} } });
    expect(missing.status).toBe(422);
    expect(missing.body.error.code).toBe('RUN_INPUT_INVALID');
    expect(missing.body.error.message).toContain('prompt');
    expect((await json<{ error: { code: string } }>('/api/runs', { body: { pipelineId: 'nope', inputs: {} } })).body.error.code).toBe('PIPELINE_NOT_FOUND');
    expect((await json('/api/runs/nope')).status).toBe(404);
    const invalid = await json<{ error: { code: string } }>('/api/pipelines', { body: { ...llmPipeline('bad', 'nosuch:model') } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.code).toBe('PIPELINE_INVALID');
  });

  it('streams a run live from the table and resumes exactly after Last-Event-ID', async () => {
    await json('/api/pipelines', { body: llmPipeline('streamed', 'sim:writer?tps=400&ttft=20') });
    await cluster.startWorker();
    const { body } = await json<{ id: string }>('/api/runs', { body: { pipelineId: 'streamed', inputs: { prompt: 'Harbour' } } });
    const live = await readStream(await cluster.request(`/api/runs/${body.id}/events`));
    expect(live.ended).toBe(true);
    const events = await trace(body.id);
    expect(live.seqs).toEqual(events.map((event) => event.seq));
    const resumed = await readStream(await cluster.request(`/api/runs/${body.id}/events`, { headers: { 'Last-Event-ID': '3' } }));
    expect(resumed.seqs).toEqual(events.filter((event) => event.seq > 3).map((event) => event.seq));
  });

  it('pauses for a person, takes one answer from any node and resumes in a worker', async () => {
    await json('/api/pipelines', { body: approvalPipeline });
    await cluster.startWorker();
    const { body } = await json<{ id: string }>('/api/runs', { body: { pipelineId: 'approval', inputs: { prompt: 'draft' } } });
    expect((await settled(body.id)).status).toBe('waiting');
    const answers = await Promise.all(
      [1, 2].map(() => json<{ error?: { code: string } }>(`/api/runs/${body.id}/nodes/approve/submit`, { body: { decision: 'approved', value: 'final text' } })),
    );
    expect(answers.map((answer) => answer.status).sort(), JSON.stringify(answers)).toEqual([200, 409]);
    const view = await until(() => run(body.id), (current) => current.status === 'completed');
    expect(view.outputs).toEqual({ out: 'final text' });
    const events = await trace(body.id);
    expect(events.filter((event) => event.type === 'user.submitted')).toHaveLength(1);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
  });

  it('cancels a run a worker is executing, and a queued run no worker has taken', async () => {
    await json('/api/pipelines', { body: llmPipeline('slow', 'sim:writer?tps=20&ttft=50') });
    const queued = await json<{ id: string }>('/api/runs', { body: { pipelineId: 'slow', inputs: { prompt: 'Waiting' } } });
    expect((await json<RunView>(`/api/runs/${queued.body.id}/cancel`, { method: 'POST' })).body.status).toBe('cancelled');

    await cluster.startWorker();
    const running = await json<{ id: string }>('/api/runs', { body: { pipelineId: 'slow', inputs: { prompt: 'Running' } } });
    await until(() => trace(running.body.id), (events) => events.some((event) => event.type === 'step.started' && event.nodeId === 'first'));
    const cancelled = await json<RunView>(`/api/runs/${running.body.id}/cancel`, { method: 'POST' });
    expect(cancelled.body.status).toBe('cancelled');
    const events = await trace(running.body.id);
    expect(events.at(-1)?.type).toBe('run.cancelled');
    expect((await json<{ error: { code: string } }>(`/api/runs/${running.body.id}/cancel`, { method: 'POST' })).body.error.code).toBe('RUN_ALREADY_FINISHED');
  });

  // Over SQLite every worker shares the process's one in-process queue, so stopping one stops them all.
  it.skipIf(adapter === 'sqlite')('hands its unfinished runs to another worker at once when stopped', async () => {
    await json('/api/pipelines', { body: llmPipeline('handed-over', 'sim:writer?tps=40&ttft=50') });
    const first = await cluster.startWorker({ leaseTtlMs: 60_000 });
    const { body } = await json<{ id: string }>('/api/runs', { body: { pipelineId: 'handed-over', inputs: { prompt: 'Shift change' } } });
    await until(() => trace(body.id), (events) => events.some((event) => event.type === 'step.started' && event.nodeId === 'first'));
    await first.stop(50);
    expect((await cluster.store.getRun(body.id))?.leaseOwner).toBeUndefined();
    // The lease would last a minute: the run moves on only because it was handed over.
    await cluster.startWorker({ leaseTtlMs: 60_000, reapIntervalMs: 100 });
    expect((await until(() => run(body.id), (view) => view.status === 'completed')).status).toBe('completed');
    const events = await trace(body.id);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    expect(events.filter((event) => event.type === 'step.completed').map((event) => event.nodeId)).toEqual(['input', 'first', 'second', 'out']);
  });

  it('executes a run whose enqueue was lost, once it waited past the grace period', async () => {
    await json('/api/pipelines', { body: llmPipeline('unannounced', 'sim:writer') });
    // Created in the table but never enqueued (a web node that died between the two).
    await cluster.store.createRun({ id: 'lost-enqueue', pipelineId: 'unannounced', version: 1, inputs: { prompt: 'Orphan' } });
    await cluster.startWorker({ queuedGraceMs: 200, reapIntervalMs: 100 });
    expect((await until(() => run('lost-enqueue'), (view) => view.status === 'completed')).status).toBe('completed');
  });

  it('executes a run the queue hands out twice at once only once (a re-enqueued run arriving beside the first delivery)', async () => {
    await json('/api/pipelines', { body: llmPipeline('twice', 'sim:writer') });
    await cluster.store.createRun({ id: 'handed-out-twice', pipelineId: 'twice', version: 1, inputs: { prompt: 'Once' } });
    const errors: unknown[][] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args));
    try {
      await cluster.startWorker({ concurrency: 4 });
      await Promise.all([cluster.enqueue('handed-out-twice'), cluster.enqueue('handed-out-twice')]);
      expect((await until(() => run('handed-out-twice'), (view) => view.status === 'completed')).status).toBe('completed');
      const events = await trace('handed-out-twice');
      expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
      expect(events.filter((event) => event.type === 'step.completed').map((event) => event.nodeId)).toEqual(['input', 'first', 'second', 'out']);
      expect(errors).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });

  it('takes over a run whose worker stopped renewing its lease, without repeating its completed steps', async () => {
    await json('/api/pipelines', { body: llmPipeline('taken-over', 'sim:writer') });
    const { body } = await json<{ id: string }>('/api/runs', { body: { pipelineId: 'taken-over', inputs: { prompt: 'Relay' } } });
    // A worker that died after its first step: its lease is left to lapse.
    const { store } = cluster;
    const claimed = await store.claim(body.id, 'dead-worker', 300);
    expect(claimed).toBeDefined();
    const reference = await createTestCluster('sqlite');
    try {
      await reference.request('/api/pipelines', { body: llmPipeline('taken-over', 'sim:writer') });
      await reference.startWorker();
      const started = (await (await reference.request('/api/runs', { body: { pipelineId: 'taken-over', inputs: { prompt: 'Relay' } } })).json()) as { id: string };
      await until(() => reference.store.getRun(started.id), (view) => view?.status === 'completed');
      const full = await reference.store.readEvents(started.id);
      const cut = full.findIndex((event) => event.type === 'step.completed' && event.nodeId === 'first');
      const written = full.slice(0, cut + 1).map((event) => ({ ...event, runId: body.id }));
      await store.append(written, [{ runId: body.id, status: 'running' }], { leaseOwner: 'dead-worker' });

      await cluster.startWorker({ leaseTtlMs: 1_000, reapIntervalMs: 100 });
      const view = await until(() => run(body.id), (current) => current.status === 'completed');
      const events = await trace(body.id);
      expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
      const completions = events.filter((event) => event.type === 'step.completed').map((event) => event.nodeId);
      expect(completions).toEqual(['input', 'first', 'second', 'out']);
      expect(view.outputs).toEqual((await reference.store.getRun(started.id))!.outputs);
    } finally {
      await reference.close();
    }
  });
});
