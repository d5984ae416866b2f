import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunEvent, RunView } from '@tandem/shared';
import { createTestServer, chainDocument } from '../testing/test-server.ts';
import { abDocument } from '../testing/experiment-fixtures.ts';

describe('run overrides', () => {
  let server: ReturnType<typeof createTestServer>;
  beforeEach(async () => {
    server = createTestServer();
    await server.request('/api/pipelines', { body: chainDocument() });
  });
  afterEach(() => server.cleanup());

  it('merge into the stored version for one run and are kept on the run', async () => {
    const { status, body } = await server.json<{ id: string }>('/api/runs', { body: { pipelineId: 'chain', inputs: { prompt: 'hi' }, overrides: { answer: { model: 'sim:other?tps=0' } } } });
    expect(status).toBe(201);
    await server.context.runs.waitForSettled(body.id);
    const { body: run } = await server.json<RunView>(`/api/runs/${body.id}`);
    expect(run).toMatchObject({ status: 'completed', overrides: { answer: { model: 'sim:other?tps=0' } } });
    const { body: trace } = await server.json<{ events: RunEvent[] }>(`/api/runs/${body.id}/trace`);
    expect(trace.events.find((event) => event.type === 'llm.call')?.data).toMatchObject({ model: 'sim:other?tps=0' });
    expect((await server.json<{ document: { nodes: { config: { model?: string } }[] } }>('/api/pipelines/chain')).body.document.nodes[1]!.config.model).toBe('sim:writer?tps=0&ttft=0');
  });

  it('are refused with 422 naming the node and field when they break the pipeline', async () => {
    const bad = await server.json<{ error: { code: string; details: { problems: { nodeId: string; field: string }[] } } }>('/api/runs', { body: { pipelineId: 'chain', inputs: { prompt: 'hi' }, overrides: { answer: { temperature: 9 } } } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.problems).toEqual([expect.objectContaining({ nodeId: 'answer', field: 'config.temperature' })]);
    const ghost = await server.json<{ error: { details: { problems: { field: string }[] } } }>('/api/runs', { body: { pipelineId: 'chain', inputs: { prompt: 'hi' }, overrides: { ghost: { model: 'x' } } } });
    expect([ghost.status, ghost.body.error.details.problems[0]!.field]).toEqual([422, 'overrides.ghost']);
    const model = await server.json<{ error: { details: { problems: { field: string }[] } } }>('/api/runs', { body: { pipelineId: 'chain', inputs: { prompt: 'hi' }, overrides: { answer: { model: 'nowhere:x' } } } });
    expect([model.status, model.body.error.details.problems[0]!.field]).toEqual([422, 'config.model']);
    expect((await server.json<{ runs: unknown[] }>('/api/runs')).body.runs).toEqual([]);
  });
});

describe('feedback and the live A/B view', () => {
  let server: ReturnType<typeof createTestServer>;
  beforeEach(async () => {
    server = createTestServer();
    await server.request('/api/pipelines', { body: abDocument() });
  });
  afterEach(() => server.cleanup());

  it('records feedback on a run and refuses empty or bad feedback, naming the field', async () => {
    const { run } = await server.runToEnd('ab', { question: 'Where is my order?' });
    const { status, body } = await server.json<{ id: number; thumbs: string }>(`/api/runs/${run.id}/feedback`, { body: { score: 4, thumbs: 'up', comment: 'Clear' } });
    expect([status, body.thumbs]).toEqual([201, 'up']);
    expect((await server.json<{ feedback: unknown[] }>(`/api/runs/${run.id}/feedback`)).body.feedback).toHaveLength(1);
    const empty = await server.json<{ error: { message: string } }>(`/api/runs/${run.id}/feedback`, { body: {} });
    expect([empty.status, empty.body.error.message]).toEqual([400, expect.stringContaining('score')]);
    expect((await server.json(`/api/runs/${run.id}/feedback`, { body: { thumbs: 'sideways' } })).status).toBe(400);
    expect((await server.json('/api/runs/nope/feedback', { body: { score: 1 } })).status).toBe(404);
  });

  it('compares the variants of live runs with always-valid intervals, feedback included', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 24; index++) ids.push((await server.runToEnd('ab', { question: `Question ${index}?` })).run.id);
    for (const id of ids.slice(0, 6)) await server.json(`/api/runs/${id}/feedback`, { body: { thumbs: 'up', score: 8 } });
    const { status, body } = await server.json<{ nodeId: string; control: string; runs: number; withFeedback: number; variants: { id: string; n: number; metrics: Record<string, { n: number; interval: unknown }> }[]; comparisons: { metric: string; verdict: string }[]; recommendation: string }>(
      '/api/pipelines/ab/live',
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ nodeId: 'variants', control: 'A', runs: 24, withFeedback: 6 });
    expect(body.variants.map((variant) => variant.id)).toEqual(['A', 'B']);
    expect(body.variants[0]!.n + body.variants[1]!.n).toBe(24);
    expect(body.variants.reduce((sum, variant) => sum + (variant.metrics['feedback.score']?.n ?? 0), 0)).toBe(6);
    expect(body.comparisons.map((comparison) => comparison.metric)).toEqual(expect.arrayContaining(['judge.score', 'length.valid', 'latencyMs']));
    expect(typeof body.recommendation).toBe('string');
    expect((await server.json('/api/pipelines/ab/live?nodeId=judge')).status).toBe(400);
  });

  it('leaves experiment trials out of the live view', async () => {
    await server.runToEnd('ab', { question: 'Live one' });
    const { id } = (await server.json<{ id: string }>('/api/datasets', { body: { name: 'Q', format: 'csv', content: 'question\nA?\nB?\n' } })).body;
    const experiment = (await server.json<{ id: string }>('/api/experiments', { body: { pipelineId: 'ab', datasetId: id, arms: { kind: 'variants', nodeId: 'variants' } } })).body.id;
    const { followExperiment } = await import('../testing/experiment-fixtures.ts');
    await followExperiment(server, experiment);
    expect((await server.json<{ runs: number }>('/api/pipelines/ab/live')).body.runs).toBe(1);
  });
});
