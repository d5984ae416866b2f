/** Pipelines and runs the HTTP measurements start over the real API, and waiting for the server to settle. */
import { performance } from 'node:perf_hooks';
import type { PipelineDocument } from '@tandem/shared';
import type { createLoadClient } from './load-client.ts';

export type Client = ReturnType<typeof createLoadClient>;

/** input → one `llm` step on `model` → output. */
export const oneStep = (id: string, model: string, maxTokens?: number): PipelineDocument => ({
  schema: 'tandem.pipeline/v1',
  id,
  name: id,
  inputs: { type: 'object', properties: { prompt: { type: 'string' } }, required: ['prompt'] },
  nodes: [
    { id: 'input', kind: 'input', position: { x: 0, y: 0 }, config: {} },
    { id: 'answer', kind: 'llm', position: { x: 300, y: 0 }, config: { model, prompt: '{{input.prompt}}', ...(maxTokens ? { maxTokens } : {}) } },
    { id: 'out', kind: 'output', position: { x: 600, y: 0 }, config: { value: '{{answer.text}}' } },
  ],
  edges: [
    { id: 'e1', source: 'input', target: 'answer' },
    { id: 'e2', source: 'answer', target: 'out' },
  ],
});

export async function createPipeline(client: Client, document: PipelineDocument) {
  const created = await client.json('POST', '/api/pipelines', document);
  if (created.status !== 201) throw new Error(`could not create ${document.id}: ${JSON.stringify(created.body)}`);
}

export async function startRun(client: Client, pipelineId: string, prompt: string): Promise<{ id: string; ms: number }> {
  const started = performance.now();
  const response = await client.json<{ id: string }>('POST', '/api/runs', { pipelineId, inputs: { prompt } });
  if (response.status !== 201) throw new Error(`POST /api/runs answered ${response.status}: ${JSON.stringify(response.body)}`);
  return { id: response.body.id, ms: performance.now() - started };
}

/** Waits until the server has no run in flight (queued or running). */
export async function settle(client: Client): Promise<void> {
  for (;;) {
    const { body } = await client.json<{ activeRuns: number; queuedRuns?: number }>('GET', '/healthz');
    if (body.activeRuns === 0 && !body.queuedRuns) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
