import { z } from 'zod';
import { defineNode } from '../define-node.ts';

/** The run's result: a template, or a lone `{{ref}}` that keeps the referenced value's type. */
export const outputNode = defineNode({
  kind: 'output',
  displayName: 'Output',
  description: "The run's result.",
  context: 'io',
  icon: 'output',
  version: 1,
  config: z.object({ value: z.string().describe('A template, e.g. {{answer.text}}') }),
  defaultConfig: () => ({ value: '' }),
  output: z.unknown(),
  handles: { target: true, sources: [] },
  role: 'output',
  fields: { value: 'template' },
  summary: (config) => ({ preview: config.value }),
  async run({ config, context }) {
    return context.evaluate(config.value);
  },
});
