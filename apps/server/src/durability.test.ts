import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PipelineDocument, RunEvent, RunView } from '@tandem/shared';
import { killHard, startServerProcess } from './testing/server-process.ts';

const directory = mkdtempSync(join(tmpdir(), 'tandem-durability-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const slowModel = 'sim:writer?tps=80&ttft=100';
const steps = ['first', 'second', 'third', 'fourth'];
const document: PipelineDocument = {
  schema: 'tandem.pipeline/v1',
  id: 'four-steps',
  name: 'Four steps',
  inputs: { type: 'object', properties: { prompt: { type: 'string' } }, required: ['prompt'] },
  nodes: [
    { id: 'input', kind: 'input', position: { x: 0, y: 0 }, config: {} },
    ...steps.map((id, index) => ({
      id,
      kind: 'llm',
      position: { x: 200 * (index + 1), y: 0 },
      config: { model: slowModel, prompt: index === 0 ? '{{input.prompt}}' : `Continue: {{${steps[index - 1]}.text}}`, maxTokens: 60 },
    })),
    { id: 'out', kind: 'output', position: { x: 1200, y: 0 }, config: { value: '{{fourth.text}}' } },
  ],
  edges: [
    { id: 'e0', source: 'input', target: 'first' },
    ...steps.slice(1).map((id, index) => ({ id: `e${index + 1}`, source: steps[index]!, target: id })),
    { id: 'e9', source: 'fourth', target: 'out' },
  ],
};

async function trace(baseUrl: string, runId: string): Promise<RunEvent[]> {
  return ((await (await fetch(`${baseUrl}/api/runs/${runId}/trace`)).json()) as { events: RunEvent[] }).events;
}

describe('when the server is killed with SIGKILL in the middle of a run', () => {
  it('resumes the run at the next start: completed steps are not run again and seq stays contiguous', async () => {
    const env = { TANDEM_DB: join(directory, 'tandem.db'), TANDEM_STUDIO_DIST: join(directory, 'none') };
    const first = await startServerProcess(env);
    const post = (path: string, body: unknown) =>
      fetch(`${first.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post('/api/pipelines', document)).status).toBe(201);
    const { id } = (await (await post('/api/runs', { pipelineId: 'four-steps', inputs: { prompt: 'A story about a lighthouse' } })).json()) as { id: string };

    let before: RunEvent[] = [];
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
      before = await trace(first.baseUrl, id);
      if (before.some((event) => event.type === 'step.completed' && event.nodeId === 'second')) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await killHard(first.child);
    const completedBefore = new Set(before.filter((event) => event.type === 'step.completed').map((event) => event.nodeId));
    expect(completedBefore).toContain('second');
    expect(completedBefore).not.toContain('out');

    const second = await startServerProcess(env);
    try {
      let run: RunView | undefined;
      for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
        run = (await (await fetch(`${second.baseUrl}/api/runs/${id}`)).json()) as RunView;
        if (run.status !== 'running' && run.status !== 'queued') break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(run?.status).toBe('completed');
      const after = await trace(second.baseUrl, id);
      expect(after.map((event) => event.seq)).toEqual(after.map((_, index) => index + 1));
      const storedBefore = after.slice(0, after.findIndex((event) => event.type === 'run.resumed'));
      const lastSeqBefore = storedBefore.at(-1)!.seq;
      const rerun = after.filter((event) => event.seq > lastSeqBefore && event.type === 'step.started' && completedBefore.has(event.nodeId));
      expect(rerun).toEqual([]);
      for (const node of ['third', 'fourth', 'out']) {
        expect(after.filter((event) => event.type === 'step.completed' && event.nodeId === node)).toHaveLength(1);
      }
      expect(after.filter((event) => event.type === 'run.resumed')).toHaveLength(1);
    } finally {
      await killHard(second.child);
    }
  }, 120_000);
});

describe('when the server restarts while a person step is waiting', () => {
  it('keeps the run waiting and resumes it when the person answers', async () => {
    const env = { TANDEM_DB: join(directory, 'waiting.db'), TANDEM_STUDIO_DIST: join(directory, 'none') };
    const first = await startServerProcess(env);
    const call = (baseUrl: string, path: string, body?: unknown) =>
      fetch(`${baseUrl}${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const { id } = (await (await call(first.baseUrl, '/api/runs', { pipelineId: 'template-meeting-scheduler', inputs: { request: 'Ana and Ben plan the review' } })).json()) as { id: string };
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
      if (((await (await call(first.baseUrl, `/api/runs/${id}`)).json()) as RunView).status === 'waiting') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await killHard(first.child);

    const second = await startServerProcess(env);
    try {
      expect(((await (await call(second.baseUrl, `/api/runs/${id}`)).json()) as RunView).status).toBe('waiting');
      const inbox = (await (await call(second.baseUrl, '/api/inbox')).json()) as { items: { runId: string }[] };
      expect(inbox.items.map((item) => item.runId)).toContain(id);
      const answered = await call(second.baseUrl, `/api/runs/${id}/nodes/ConfirmInvitation_User/submit`, { decision: 'approved' });
      expect(answered.status).toBe(200);
      let run: RunView | undefined;
      for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
        run = (await (await call(second.baseUrl, `/api/runs/${id}`)).json()) as RunView;
        if (run.status === 'completed') break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(run?.status).toBe('completed');
      expect(run?.outputs.out).toMatchObject({ decision: 'approved' });
    } finally {
      await killHard(second.child);
    }
  }, 120_000);
});
