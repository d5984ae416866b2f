import type { PipelineDocument } from '@tandem/shared';

/** The smallest useful pipeline: one prompt, one model, one answer. */
export const answerChainTemplate: PipelineDocument = {
  schema: 'tandem.pipeline/v1',
  id: 'template-answer',
  name: 'Simple answer',
  description: 'One model answers a prompt. A starting point for anything.',
  inputs: {
    type: 'object',
    properties: { prompt: { type: 'string', description: 'What to ask', default: 'What is a lighthouse and how does it work?' } },
    required: ['prompt'],
  },
  nodes: [
    { id: 'input', kind: 'input', position: { x: 0, y: 80 }, config: {} },
    { id: 'answer', kind: 'llm', position: { x: 300, y: 60 }, config: { model: 'sim:writer', system: 'You are a concise, accurate assistant.', prompt: '{{input.prompt}}' } },
    { id: 'out', kind: 'output', position: { x: 620, y: 80 }, config: { value: '{{answer.text}}' } },
  ],
  edges: [
    { id: 'e1', source: 'input', target: 'answer' },
    { id: 'e2', source: 'answer', target: 'out' },
  ],
};
