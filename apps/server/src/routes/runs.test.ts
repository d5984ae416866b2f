import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRepositories, openDatabase } from '@tandem/db';
import type { RunEvent } from '@tandem/shared';
import { chainDocument, createTestServer, readSse } from '../testing/test-server.ts';

let server: ReturnType<typeof createTestServer>;
beforeEach(() => (server = createTestServer()));
afterEach(() => server.cleanup());

describe('/api/runs', () => {
  it('runs a pipeline to completion and stores every event', async () => {
    await server.json('/api/pipelines', { body: chainDocument() });
    const { run, events } = await server.runToEnd('chain', { prompt: 'hello' });
    expect(run).toMatchObject({ pipelineId: 'chain', version: 1, status: 'completed', inputs: { prompt: 'hello' } });
    expect(typeof run.outputs.out).toBe('string');
    expect((run.outputs.out as string).length).toBeGreaterThan(0);
    expect(run.finishedAt).toBeGreaterThanOrEqual(run.startedAt);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    expect(events.at(-1)!.type).toBe('run.completed');
    const call = events.find((event) => event.type === 'llm.call')!;
    expect(call.data).toMatchObject({ model: 'sim:writer?tps=0&ttft=0', prompt: 'Q: hello' });
  });

  it('names a missing required input', async () => {
    await server.json('/api/pipelines', { body: chainDocument() });
    const { status, body } = await server.json<{ error: { code: string; message: string; details: { problems: { field: string }[] } } }>('/api/runs', {
      body: { pipelineId: 'chain', inputs: {} },
    });
    expect(status).toBe(422);
    expect(body.error.code).toBe('RUN_INPUT_INVALID');
    expect(body.error.details.problems[0]!.field).toBe('inputs.prompt');
    expect((await server.json<{ runs: unknown[] }>('/api/runs?pipelineId=chain')).body.runs).toEqual([]);
  });

  it('answers 404 for unknown runs and pipelines, 400 for a bad body', async () => {
    expect((await server.json('/api/runs/nope')).status).toBe(404);
    expect((await server.json('/api/runs/nope/events')).status).toBe(404);
    expect((await server.json('/api/runs', { body: { pipelineId: 'ghost', inputs: {} } })).status).toBe(404);
    const bad = await server.json<{ error: { message: string } }>('/api/runs', { body: { inputs: {} } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/pipelineId/);
  });

  it('lists runs newest first with their pipeline name', async () => {
    await server.json('/api/pipelines', { body: chainDocument() });
    await server.runToEnd('chain', { prompt: 'one' });
    const second = await server.runToEnd('chain', { prompt: 'two' });
    const { body } = await server.json<{ runs: { id: string; pipelineName: string }[] }>('/api/runs');
    expect(body.runs[0]).toMatchObject({ id: second.run.id, pipelineName: 'Chain' });
  });

  it('answers a burst of starts only once each run is committed, with time-ordered ids, and refuses a bad one alone', async () => {
    await server.json('/api/pipelines', { body: chainDocument() });
    // A second connection to the same file sees committed rows only.
    const reader = openDatabase(join(server.directory, 'tandem.db'), { quickCheck: false });
    const committedRuns = createRepositories(reader).runs;
    try {
      const bodies = Array.from({ length: 20 }, (_, index) => ({ pipelineId: 'chain', inputs: index === 7 ? {} : { prompt: `burst ${index}` } }));
      const answers = await Promise.all(
        bodies.map(async (body) => {
          const response = await server.json<{ id: string; error?: { code: string } }>('/api/runs', { body });
          return { ...response, committed: response.status === 201 && committedRuns.get(response.body.id) !== undefined };
        }),
      );
      expect(answers.map((answer) => answer.status)).toEqual(bodies.map((_, index) => (index === 7 ? 422 : 201)));
      expect(answers[7]!.body.error!.code).toBe('RUN_INPUT_INVALID');
      const started = answers.filter((answer) => answer.status === 201);
      expect(started.every((answer) => answer.committed)).toBe(true);
      const ids = started.map((answer) => answer.body.id);
      expect(new Set(ids).size).toBe(19);
      expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
      // Time-ordered: a run started later sorts after every run of the burst.
      const later = await server.json<{ id: string }>('/api/runs', { body: { pipelineId: 'chain', inputs: { prompt: 'later' } } });
      expect([...ids, later.body.id].sort().at(-1)).toBe(later.body.id);
      const outcomes = await Promise.all([...ids, later.body.id].map((id) => server.context.runs.waitForSettled(id)));
      expect(outcomes.map((outcome) => outcome.status)).toEqual([...ids, later.body.id].map(() => 'completed'));
      expect(committedRuns.get(ids[0]!)?.inputs).toEqual({ prompt: 'burst 0' });
    } finally {
      reader.close();
    }
  });

  it('cancels a running run', async () => {
    await server.json('/api/pipelines', { body: chainDocument('slow', 'sim:writer?tps=5&ttft=0') });
    const { body } = await server.json<{ id: string }>('/api/runs', { body: { pipelineId: 'slow', inputs: { prompt: 'x' } } });
    const cancelled = await server.json<{ status: string }>(`/api/runs/${body.id}/cancel`, { method: 'POST' });
    expect(cancelled.body.status).toBe('cancelled');
    expect((await server.json(`/api/runs/${body.id}/cancel`, { method: 'POST' })).status).toBe(409);
  });
});

describe('/api/runs/:id/events (SSE)', () => {
  it('streams live, resumes with Last-Event-ID with nothing lost or repeated, and closes at the end', async () => {
    await server.json('/api/pipelines', { body: chainDocument('streamed', 'sim:writer?tps=400&ttft=50') });
    const { body } = await server.json<{ id: string }>('/api/runs', { body: { pipelineId: 'streamed', inputs: { prompt: 'tell a story' } } });

    const first = await readSse(await server.request(`/api/runs/${body.id}/events`), (messages) => messages.length >= 3);
    const lastId = first.at(-1)!.id!;
    const rest = await readSse(await server.request(`/api/runs/${body.id}/events`, { headers: { 'Last-Event-ID': lastId } }));

    expect(rest.at(-1)!.event).toBe('end');
    const received = [...first, ...rest].filter((message) => message.event !== 'end').map((message) => JSON.parse(message.data) as RunEvent);
    const stored = server.context.repositories.events.readEvents(body.id);
    expect(received.map((event) => event.seq)).toEqual(stored.map((event) => event.seq));
    expect([...first, ...rest].filter((message) => !message.event).map((message) => Number(message.id))).toEqual(stored.map((event) => event.seq));
    expect(stored.at(-1)!.type).toBe('run.completed');
  });

  it('replays a finished run and closes', async () => {
    await server.json('/api/pipelines', { body: chainDocument() });
    const { run, events } = await server.runToEnd('chain', { prompt: 'hi' });
    const messages = await readSse(await server.request(`/api/runs/${run.id}/events`));
    expect(messages.filter((message) => !message.event).map((message) => Number(message.id))).toEqual(events.map((event) => event.seq));
    expect(messages.at(-1)!.event).toBe('end');
  });
});

describe('/metrics', () => {
  it('counts runs, steps and tokens in the Prometheus text format', async () => {
    await server.json('/api/pipelines', { body: chainDocument() });
    await server.runToEnd('chain', { prompt: 'hi' });
    const response = await server.request('/metrics');
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(/^tandem_runs_started_total 1$/m);
    expect(text).toMatch(/^tandem_runs_finished_total\{status="completed"\} 1$/m);
    expect(text).toMatch(/^tandem_step_duration_seconds_count\{kind="llm",status="succeeded"\} 1$/m);
    expect(text).toMatch(/^tandem_llm_tokens_total\{model="sim:writer",direction="output",source="run"\} [1-9]/m);
  });
});
