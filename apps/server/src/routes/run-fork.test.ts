import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PipelineDocument, RunEvent, RunView } from '@tandem/shared';
import { createTestServer } from '../testing/test-server.ts';

let server: ReturnType<typeof createTestServer>;
beforeEach(() => (server = createTestServer()));
afterEach(() => server.cleanup());

/** input → draft → polish → out, with an aside beside them: two model steps before the one forked from. */
function twoStepDocument(): PipelineDocument {
  const model = 'sim:writer?tps=0&ttft=0';
  return {
    schema: 'tandem.pipeline/v1',
    id: 'polish',
    name: 'Draft and polish',
    inputs: { type: 'object', properties: { prompt: { type: 'string' } }, required: ['prompt'] },
    nodes: [
      { id: 'input', kind: 'input', position: { x: 0, y: 0 }, config: {} },
      { id: 'draft', kind: 'llm', position: { x: 300, y: 0 }, config: { model, prompt: '{{input.prompt}}' } },
      { id: 'polish', kind: 'llm', position: { x: 600, y: 0 }, config: { model, prompt: 'Polish this: {{draft.text}}', temperature: 0.2 } },
      { id: 'out', kind: 'output', position: { x: 900, y: 0 }, config: { value: '{{polish.text}}' } },
    ],
    edges: [
      { id: 'e1', source: 'input', target: 'draft' },
      { id: 'e2', source: 'draft', target: 'polish' },
      { id: 'e3', source: 'polish', target: 'out' },
    ],
  };
}

async function forkAndWait(parentId: string, body: unknown) {
  const response = await server.json<{ id: string }>(`/api/runs/${parentId}/fork`, { body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  await server.context.runs.waitForSettled(response.body.id);
  const run = (await server.json<RunView>(`/api/runs/${response.body.id}`)).body;
  const events = (await server.json<{ events: RunEvent[] }>(`/api/runs/${response.body.id}/trace`)).body.events;
  return { run, events };
}

describe('POST /api/runs/:id/fork', () => {
  it('reuses the steps before the fork from the parent’s log (no model call) and runs the step and what follows', async () => {
    await server.json('/api/pipelines', { body: twoStepDocument() });
    const parent = await server.runToEnd('polish', { prompt: 'Why ride a tandem?' });
    const { run, events } = await forkAndWait(parent.run.id, { fromNodeId: 'polish', config: { polish: { prompt: 'Make it shorter: {{draft.text}}' } }, saveAsVersion: true });

    expect(run).toMatchObject({ status: 'completed', parentRunId: parent.run.id, forkedFrom: { runId: parent.run.id, nodeId: 'polish' }, version: 2 });
    expect(events.filter((event) => event.type === 'llm.call').map((event) => event.nodeId)).toEqual(['polish']);
    const reused = events.find((event) => event.type === 'step.completed' && event.nodeId === 'draft');
    const parentDraft = parent.events.find((event) => event.type === 'step.completed' && event.nodeId === 'draft')!;
    expect(reused).toMatchObject({ data: { reusedFrom: { runId: parent.run.id, seq: parentDraft.seq } } });
    const call = events.find((event) => event.type === 'llm.call');
    expect(call?.type === 'llm.call' && call.data.prompt).toContain('Make it shorter:');

    const saved = (await server.json<{ document: PipelineDocument }>('/api/pipelines/polish?version=2')).body.document;
    expect(saved.nodes[2]!.config).toEqual({ model: 'sim:writer?tps=0&ttft=0', prompt: 'Make it shorter: {{draft.text}}', temperature: 0.2 });
  });

  it('keeps a run-only change as the fork’s overrides, on the parent’s version, and a fork of that fork keeps them', async () => {
    await server.json('/api/pipelines', { body: twoStepDocument() });
    const parent = await server.runToEnd('polish', { prompt: 'Why ride a tandem?' });
    const first = await forkAndWait(parent.run.id, { fromNodeId: 'polish', config: { polish: { prompt: 'Shorter: {{draft.text}}' } } });
    expect(first.run).toMatchObject({ status: 'completed', version: 1, overrides: { polish: { prompt: 'Shorter: {{draft.text}}' } } });
    const firstCall = first.events.find((event) => event.type === 'llm.call');
    expect(firstCall?.type === 'llm.call' && firstCall.nodeId === 'polish' && firstCall.data.prompt).toContain('Shorter:');
    expect((await server.json<{ versions: number[] }>('/api/pipelines/polish')).body.versions).toEqual([1]);

    const second = await forkAndWait(first.run.id, { fromNodeId: 'polish', config: { polish: { temperature: 0.9 } } });
    expect(second.run).toMatchObject({ version: 1, parentRunId: first.run.id, overrides: { polish: { prompt: 'Shorter: {{draft.text}}', temperature: 0.9 } } });
    expect(second.events.filter((event) => event.type === 'llm.call').map((event) => event.nodeId)).toEqual(['polish']);
  });

  it('runs the steps that read changed inputs again', async () => {
    await server.json('/api/pipelines', { body: twoStepDocument() });
    const parent = await server.runToEnd('polish', { prompt: 'One' });
    const { events, run } = await forkAndWait(parent.run.id, { fromNodeId: 'out', inputs: { prompt: 'Two' } });
    expect(run.version).toBe(1);
    expect(events.filter((event) => event.type === 'llm.call').map((event) => event.nodeId)).toEqual(['draft', 'polish']);
  });

  it('says what is wrong with a fork it cannot make', async () => {
    await server.json('/api/pipelines', { body: twoStepDocument() });
    const parent = await server.runToEnd('polish', { prompt: 'One' });
    const noNode = await server.json<{ error: { details: { field: string } } }>(`/api/runs/${parent.run.id}/fork`, { body: { fromNodeId: 'ghost' } });
    expect(noNode.status).toBe(400);
    expect(noNode.body.error.details.field).toBe('fromNodeId');
    const unknownNode = await server.json<{ error: { details: { field: string } } }>(`/api/runs/${parent.run.id}/fork`, { body: { fromNodeId: 'polish', config: { ghost: { temperature: 1 } } } });
    expect(unknownNode.status).toBe(400);
    expect(unknownNode.body.error.details.field).toBe('config.ghost');
    const badConfig = await server.json<{ error: { code: string; details: { problems: { nodeId: string; field: string }[] } } }>(`/api/runs/${parent.run.id}/fork`, {
      body: { fromNodeId: 'polish', config: { polish: { temperature: 'hot' } } },
    });
    expect(badConfig.status).toBe(422);
    expect(badConfig.body.error.details.problems[0]).toMatchObject({ nodeId: 'polish', field: expect.stringContaining('temperature') });
    expect((await server.json('/api/runs/nope/fork', { body: { fromNodeId: 'polish' } })).status).toBe(404);
    expect((await server.json(`/api/runs/${parent.run.id}/fork`, { body: {} })).status).toBe(400);
  });
});
