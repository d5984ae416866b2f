import type { PipelineDocument } from '@tandem/shared';

const meetingSchema = {
  type: 'object',
  properties: {
    title: { type: 'string', minLength: 3, maxLength: 80, description: 'What the meeting is for, as a short title' },
    participants: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, maxItems: 12, description: 'Names of the people who should attend' },
    durationMinutes: { type: 'integer', minimum: 5, maximum: 240, description: 'How long the meeting should last' },
  },
  required: ['title', 'participants', 'durationMinutes'],
};

/** Structured extraction guarded by a validator that regenerates, backs off and falls back to another model. */
export const validatedExtractionTemplate: PipelineDocument = {
  schema: 'tandem.pipeline/v1',
  id: 'template-validated-json',
  name: 'Validated JSON extraction',
  description: 'Extract a meeting request as JSON; a validator sends bad answers back with the reasons, then falls back to a steadier model.',
  inputs: {
    type: 'object',
    properties: {
      text: {
        type: 'string',
        description: 'A message asking for a meeting',
        default: 'Hi team, can Ana Lopez, Ben Okafor and Chloe Martin meet for 45 minutes next week to review the Q3 launch plan?',
      },
    },
    required: ['text'],
  },
  nodes: [
    { id: 'input', kind: 'input', position: { x: 0, y: 100 }, config: {} },
    {
      id: 'extract',
      kind: 'llm',
      position: { x: 280, y: 80 },
      config: {
        model: 'sim:extractor?invalidRate=0.7&seed=4&tps=600',
        system: 'Extract the meeting request: a short title, the people who should attend and the duration in minutes. Answer only with JSON.',
        prompt: '{{input.text}}',
        outputSchema: meetingSchema,
      },
    },
    {
      id: 'check',
      kind: 'validate',
      position: { x: 580, y: 80 },
      config: {
        target: 'extract',
        value: '{{extract.text}}',
        checks: [{ type: 'jsonSchema', schema: meetingSchema }],
        maxRetries: 2,
        backoff: { initialMs: 300, factor: 2 },
        onFail: { type: 'fallbackModel', model: 'sim:careful?tps=800' },
      },
    },
    { id: 'out', kind: 'output', position: { x: 880, y: 100 }, config: { value: '{{check.value}}' } },
  ],
  edges: [
    { id: 'e1', source: 'input', target: 'extract' },
    { id: 'e2', source: 'extract', target: 'check' },
    { id: 'e3', source: 'check', target: 'out' },
  ],
};
