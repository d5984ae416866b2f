import type { ExperimentView, PipelineDocument } from '@tandem/shared';
import { readSse, type createTestServer } from './test-server.ts';

type TestServer = ReturnType<typeof createTestServer>;

/** A split A/B pipeline on the instant simulator: two variants, a judge, a validator on length. */
export function abDocument(id = 'ab', writer = 'sim:writer?tps=0'): PipelineDocument {
  return {
    schema: 'tandem.pipeline/v1',
    id,
    name: 'A/B',
    inputs: { type: 'object', properties: { question: { type: 'string' } }, required: ['question'] },
    nodes: [
      { id: 'input', kind: 'input', position: { x: 0, y: 0 }, config: {} },
      {
        id: 'variants',
        kind: 'variants',
        position: { x: 200, y: 0 },
        config: {
          mode: 'split',
          model: writer,
          variants: [
            { id: 'A', weight: 1, prompt: 'Answer briefly: {{input.question}}' },
            { id: 'B', weight: 1, prompt: 'Answer step by step, with an example: {{input.question}}' },
          ],
        },
      },
      { id: 'length', kind: 'validate', position: { x: 400, y: 100 }, config: { target: 'variants', checks: [{ type: 'length', min: 20 }], maxRetries: 0, onFail: { type: 'default', value: 'too short' } } },
      { id: 'judge', kind: 'judge', position: { x: 400, y: 0 }, config: { model: 'sim:judge?tps=0', subject: '{{variants.text}}', criteria: 'Helpful and clear.' } },
      { id: 'out', kind: 'output', position: { x: 600, y: 0 }, config: { value: '{{variants.text}}' } },
    ],
    edges: [
      { id: 'e1', source: 'input', target: 'variants' },
      { id: 'e2', source: 'variants', target: 'judge' },
      { id: 'e3', source: 'judge', target: 'out' },
      { id: 'e4', source: 'length', target: 'out' },
    ],
  };
}

/** A dataset of `rows` questions with an `expected` column. */
export function questionsCsv(rows: number): string {
  const lines = Array.from({ length: rows }, (_, index) => `"Question ${index}: how do I reset password ${index}, please?",password`);
  return `question,expected\n${lines.join('\n')}\n`;
}

/** Uploads a CSV as JSON and answers the dataset id. */
export async function uploadCsv(server: TestServer, content: string, name = 'Questions'): Promise<string> {
  const { status, body } = await server.json<{ id: string }>('/api/datasets', { body: { name, format: 'csv', content } });
  if (status !== 201) throw new Error(`upload failed: ${status} ${JSON.stringify(body)}`);
  return body.id;
}

/** Starts an experiment; throws with the server's answer when it is refused. */
export async function startExperiment(server: TestServer, body: Record<string, unknown>): Promise<string> {
  const { status, body: answer } = await server.json<{ id: string }>('/api/experiments', { body });
  if (status !== 201) throw new Error(`experiment refused: ${status} ${JSON.stringify(answer)}`);
  return answer.id;
}

/** Follows the experiment's SSE stream to its end, then answers the experiment and the events seen. */
export async function followExperiment(server: TestServer, id: string) {
  const messages = await readSse(await server.request(`/api/experiments/${id}/events`), (seen) => seen.some((message) => message.event === 'end'));
  await server.context.trials.idle();
  const { body } = await server.json<ExperimentView>(`/api/experiments/${id}`);
  return { experiment: body, messages };
}
