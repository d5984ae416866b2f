import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunView } from '@tandem/shared';
import { createTandemServer } from './create-tandem-server.ts';
import { chainDocument, createTestServer } from './testing/test-server.ts';

let server: ReturnType<typeof createTestServer>;
afterEach(() => server.cleanup());

const slowChain = () => chainDocument('slow', 'sim:writer?tps=150&ttft=20');

describe('admission control', () => {
  it('answers POST /api/runs at once while saturated; queued runs wait their turn, can be cancelled, and all finish', async () => {
    server = createTestServer({}, { admission: { minActive: 1, isSaturated: () => true, drainEveryMs: 1000 } });
    await server.json('/api/pipelines', { body: slowChain() });
    const ids: string[] = [];
    for (let index = 0; index < 4; index++) {
      const { status, body } = await server.json<{ id: string }>('/api/runs', { body: { pipelineId: 'slow', inputs: { prompt: `question ${index}` } } });
      expect(status).toBe(201);
      ids.push(body.id);
    }
    const statuses = async () => Promise.all(ids.map(async (id) => (await server.json<RunView>(`/api/runs/${id}`)).body.status));
    await vi.waitFor(async () => expect(await statuses()).toEqual(['running', 'queued', 'queued', 'queued']));
    expect(server.context.runs.queuedCount()).toBe(3);

    const cancelled = await server.json<RunView>(`/api/runs/${ids[3]}/cancel`, { method: 'POST' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await server.context.runs.waitForSettled(ids[3]!)).status).toBe('cancelled');

    for (const id of ids.slice(0, 3)) expect((await server.context.runs.waitForSettled(id)).status).toBe('completed');
    expect(await statuses()).toEqual(['completed', 'completed', 'completed', 'cancelled']);
    const { body } = await server.json<{ events: { type: string }[] }>(`/api/runs/${ids[3]}/trace`);
    expect(body.events.map((event) => event.type)).toEqual(['run.cancelled']);
  });

  it('keeps queued runs across a restart and runs them then', async () => {
    server = createTestServer({}, { admission: { minActive: 0, isSaturated: () => true, drainEveryMs: 1000 } });
    await server.json('/api/pipelines', { body: chainDocument() });
    const { body } = await server.json<{ id: string }>('/api/runs', { body: { pipelineId: 'chain', inputs: { prompt: 'later' } } });
    expect((await server.json<RunView>(`/api/runs/${body.id}`)).body.status).toBe('queued');
    server.close();

    const restarted = createTandemServer({ TANDEM_DB: `${server.directory}/tandem.db`, TANDEM_STUDIO_DIST: `${server.directory}/no-studio` });
    try {
      expect(restarted.context.runs.resumeInterrupted()).toEqual([body.id]);
      const outcome = await restarted.context.runs.waitForSettled(body.id);
      expect(outcome.status).toBe('completed');
      expect(typeof outcome.outputs.out).toBe('string');
    } finally {
      restarted.close();
    }
  });
});
