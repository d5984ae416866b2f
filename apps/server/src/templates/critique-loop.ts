import type { PipelineDocument } from '@tandem/shared';

/** Primary + critic: the secondary model reviews each draft for two rounds. */
export const critiqueLoopTemplate: PipelineDocument = {
  schema: 'tandem.pipeline/v1',
  id: 'template-critique',
  name: 'Primary + critic (2 rounds)',
  description: 'A primary model answers, a secondary model critiques, the primary refines — twice.',
  inputs: {
    type: 'object',
    properties: { prompt: { type: 'string', description: 'The task', default: 'Explain how a database index speeds up queries.' } },
    required: ['prompt'],
  },
  nodes: [
    { id: 'input', kind: 'input', position: { x: 0, y: 80 }, config: {} },
    {
      id: 'answer',
      kind: 'critique',
      position: { x: 300, y: 60 },
      config: {
        prompt: '{{input.prompt}}',
        primary: { model: 'sim:writer?tps=300&ttft=200', temperature: 0.7 },
        secondary: { model: 'sim:critic?tps=400&ttft=150', temperature: 0.2 },
        goal: 'You are a reviewing assistant. Analyse the answer and propose clarifying questions or instructions that would improve it. Return only the list.',
        rounds: 2,
        enabled: true,
      },
    },
    { id: 'out', kind: 'output', position: { x: 640, y: 80 }, config: { value: '{{answer.text}}' } },
  ],
  edges: [
    { id: 'e1', source: 'input', target: 'answer' },
    { id: 'e2', source: 'answer', target: 'out' },
  ],
};
