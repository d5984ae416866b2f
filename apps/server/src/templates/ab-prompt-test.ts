import type { PipelineDocument } from '@tandem/shared';

/** Two prompt variants side by side, each scored by a judge. */
export const abPromptTestTemplate: PipelineDocument = {
  schema: 'tandem.pipeline/v1',
  id: 'template-ab-test',
  name: 'A/B prompt test with a judge',
  description: 'Run two prompt variants in parallel and let a judge score each from 1 to 10.',
  inputs: {
    type: 'object',
    properties: { question: { type: 'string', description: 'A customer question', default: 'How do I reset my password?' } },
    required: ['question'],
  },
  nodes: [
    { id: 'input', kind: 'input', position: { x: 0, y: 120 }, config: {} },
    {
      id: 'variants',
      kind: 'variants',
      position: { x: 260, y: 100 },
      config: {
        mode: 'all',
        model: 'sim:writer?tps=500',
        variants: [
          { id: 'A', weight: 1, prompt: 'Answer briefly: {{input.question}}' },
          { id: 'B', weight: 1, system: 'You are a warm, thorough support agent.', prompt: 'Answer step by step, with an example: {{input.question}}' },
        ],
      },
    },
    { id: 'judgeA', kind: 'judge', position: { x: 560, y: 20 }, config: { model: 'sim:judge', subject: '{{variants.results.A.text}}', criteria: 'Helpful, correct and clear for a customer.', scale: { min: 1, max: 10 } } },
    { id: 'judgeB', kind: 'judge', position: { x: 560, y: 200 }, config: { model: 'sim:judge', subject: '{{variants.results.B.text}}', criteria: 'Helpful, correct and clear for a customer.', scale: { min: 1, max: 10 } } },
    {
      id: 'out',
      kind: 'output',
      position: { x: 860, y: 120 },
      config: { value: 'A (brief): {{judgeA.score}}/10. {{judgeA.reason}}\nB (step by step): {{judgeB.score}}/10. {{judgeB.reason}}' },
    },
  ],
  edges: [
    { id: 'e1', source: 'input', target: 'variants' },
    { id: 'e2', source: 'variants', target: 'judgeA' },
    { id: 'e3', source: 'variants', target: 'judgeB' },
    { id: 'e4', source: 'judgeA', target: 'out' },
    { id: 'e5', source: 'judgeB', target: 'out' },
  ],
};
