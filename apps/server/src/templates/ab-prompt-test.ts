import type { PipelineDocument } from '@tandem/shared';

/**
 * Two prompt variants split across runs, each answer scored by a judge. Start an experiment from it
 * over the sample dataset (`sample-support-questions`) to compare the variants with statistics, or
 * send it traffic and watch the Live tab.
 */
export const abPromptTestTemplate: PipelineDocument = {
  schema: 'tandem.pipeline/v1',
  id: 'template-ab-test',
  name: 'A/B prompt test with a judge',
  description: 'Two prompt variants split across runs, each answer scored by a judge from 1 to 10. Run an experiment over the sample support questions to see which wins.',
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
        mode: 'split',
        key: '',
        model: 'sim:writer?tps=500',
        variants: [
          { id: 'A', weight: 1, prompt: 'Answer briefly: {{input.question}}' },
          { id: 'B', weight: 1, system: 'You are a warm, thorough support agent.', prompt: 'Answer step by step, with an example: {{input.question}}' },
        ],
      },
    },
    { id: 'judge', kind: 'judge', position: { x: 560, y: 100 }, config: { model: 'sim:judge', subject: '{{variants.text}}', criteria: 'Helpful, correct and clear for a customer.', scale: { min: 1, max: 10 } } },
    { id: 'out', kind: 'output', position: { x: 860, y: 120 }, config: { value: 'Variant {{variants.variant}}: {{judge.score}}/10. {{judge.reason}}\n\n{{variants.text}}' } },
  ],
  edges: [
    { id: 'e1', source: 'input', target: 'variants' },
    { id: 'e2', source: 'variants', target: 'judge' },
    { id: 'e3', source: 'judge', target: 'out' },
  ],
};
