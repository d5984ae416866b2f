import { z } from 'zod';
import { defineNode } from '../define-node.ts';

/** The run's inputs, typed by the pipeline's input schema. */
export const inputNode = defineNode({
  kind: 'input',
  displayName: 'Input',
  description: "The run's inputs, typed by the pipeline's input schema.",
  context: 'io',
  version: 1,
  config: z.object({}),
  defaultConfig: () => ({}),
  async run({ context }) {
    return context.inputs;
  },
});
