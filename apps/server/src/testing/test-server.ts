import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PipelineDocument, RunEvent, RunView } from '@tandem/shared';
import { createTandemServer } from '../create-tandem-server.ts';
import type { ServerContextOptions } from '../create-server-context.ts';
import type { ServerEnv } from '../env.ts';

/** A real server over a real temporary SQLite file, driven with `app.request`; `overrides` replace wired parts (models, clock, node kinds). */
export function createTestServer(env: Partial<ServerEnv> = {}, overrides: Partial<Omit<ServerContextOptions, 'database'>> = {}) {
  const directory = mkdtempSync(join(tmpdir(), 'tandem-server-test-'));
  const server = createTandemServer({ TANDEM_DB: join(directory, 'tandem.db'), TANDEM_STUDIO_DIST: join(directory, 'no-studio'), ...env }, overrides);
  const request = (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    server.app.request(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
      ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}),
    });
  return {
    ...server,
    directory,
    request,
    async json<T = Record<string, unknown>>(path: string, init: Parameters<typeof request>[1] = {}): Promise<{ status: number; body: T }> {
      const response = await request(path, init);
      return { status: response.status, body: (await response.json()) as T };
    },
    async runToEnd(pipelineId: string, inputs: Record<string, unknown>): Promise<{ run: RunView; events: RunEvent[] }> {
      const started = await request('/api/runs', { body: { pipelineId, inputs } });
      const { id } = (await started.json()) as { id: string };
      await server.context.runs.waitForSettled(id);
      const run = (await (await request(`/api/runs/${id}`)).json()) as RunView;
      const { events } = (await (await request(`/api/runs/${id}/trace`)).json()) as { events: RunEvent[] };
      return { run, events };
    },
    cleanup() {
      server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** A three-node chain on the simulator. */
export function chainDocument(id = 'chain', model = 'sim:writer?tps=0&ttft=0'): PipelineDocument {
  return {
    schema: 'tandem.pipeline/v1',
    id,
    name: 'Chain',
    inputs: { type: 'object', properties: { prompt: { type: 'string' } }, required: ['prompt'] },
    nodes: [
      { id: 'input', kind: 'input', position: { x: 0, y: 0 }, config: {} },
      { id: 'answer', kind: 'llm', position: { x: 200, y: 0 }, config: { model, prompt: 'Q: {{input.prompt}}' } },
      { id: 'out', kind: 'output', position: { x: 400, y: 0 }, config: { value: '{{answer.text}}' } },
    ],
    edges: [
      { id: 'e1', source: 'input', target: 'answer' },
      { id: 'e2', source: 'answer', target: 'out' },
    ],
  };
}

/** Reads an SSE response into events until `stop` says so or the stream ends. */
export async function readSse(response: Response, stop: (events: { id?: string; event?: string; data: string }[]) => boolean = () => false) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const messages: { id?: string; event?: string; data: string }[] = [];
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let boundary;
    while ((boundary = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      const message: { id?: string; event?: string; data: string } = { data: '' };
      for (const line of block.split('\n')) {
        if (line.startsWith('id:')) message.id = line.slice(3).trim();
        else if (line.startsWith('event:')) message.event = line.slice(6).trim();
        else if (line.startsWith('data:')) message.data += line.slice(5).trim();
      }
      if (message.data || message.event) messages.push(message);
    }
    if (stop(messages)) {
      await reader.cancel();
      break;
    }
  }
  return messages;
}
