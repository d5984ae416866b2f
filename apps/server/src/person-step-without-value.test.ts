import { afterEach, describe, expect, it } from 'vitest';
import type { PipelineDocument, RunEvent, RunView } from '@tandem/shared';
import { createTestServer } from './testing/test-server.ts';

let server: ReturnType<typeof createTestServer>;
afterEach(() => server.cleanup());

/** A person approves or rejects; the step offers no value to edit (its `value` is empty, as a new step's is). */
const approvalOnly: PipelineDocument = {
  schema: 'tandem.pipeline/v1',
  id: 'approval',
  name: 'Approval',
  inputs: { type: 'object', properties: { prompt: { type: 'string' } }, required: ['prompt'] },
  nodes: [
    { id: 'input', kind: 'input', position: { x: 0, y: 0 }, config: {} },
    { id: 'review', kind: 'user', position: { x: 200, y: 0 }, config: { title: 'Go ahead with {{input.prompt}}?', value: '' } },
    { id: 'out', kind: 'output', position: { x: 400, y: 0 }, config: { value: '{{review.decision}}' } },
  ],
  edges: [
    { id: 'e1', source: 'input', target: 'review' },
    { id: 'e2', source: 'review', target: 'out' },
  ],
};

describe('a person step with no value to edit', () => {
  it('stores a trace that reads back while waiting and after the answer', async () => {
    server = createTestServer();
    expect((await server.json('/api/pipelines', { body: approvalOnly })).status).toBe(201);
    const { run: waiting, events } = await server.runToEnd('approval', { prompt: 'the launch' });
    expect(waiting.status).toBe('waiting');
    const request = events.find((event) => event.type === 'user.waiting')!;
    expect(request.data).toEqual({ title: 'Go ahead with the launch?' });

    const answered = await server.json<RunView>(`/api/runs/${waiting.id}/nodes/review/submit`, { body: { decision: 'approved' } });
    expect(answered.status).toBe(200);
    expect((await server.context.runs.waitForSettled(waiting.id)).status).toBe('completed');
    const trace = await server.json<{ events: RunEvent[] }>(`/api/runs/${waiting.id}/trace`);
    expect(trace.status).toBe(200);
    expect(trace.body.events.map((event) => event.type)).toContain('user.submitted');
    expect((await server.json<RunView>(`/api/runs/${waiting.id}`)).body.outputs).toEqual({ out: 'approved' });
  });
});
