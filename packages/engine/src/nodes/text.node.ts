import { z } from 'zod';
import { defineNode } from '../define-node.ts';

/** Renders a template into text, without a model: join steps' outputs, format a message, build a prompt. */
export const textNode = defineNode({
  kind: 'text',
  displayName: 'Text',
  description: 'Renders a template into text, without a model.',
  context: 'server',
  icon: 'text',
  version: 1,
  config: z.object({ template: z.string().min(1, 'write the text, e.g. Dear {{input.name}},') }),
  defaultConfig: () => ({ template: '' }),
  output: z.object({ text: z.string() }),
  fields: { template: 'template' },
  summary: (config) => ({ preview: config.template }),
  async run({ config, context }) {
    return { text: context.render(config.template) };
  },
});
