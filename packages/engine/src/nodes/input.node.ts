import { z } from 'zod';
import { defineNode } from '../define-node.ts';

/** The run's inputs, typed by the pipeline's input schema. */
export const inputNode = defineNode({
  kind: 'input',
  displayName: 'Input',
  description: "The run's inputs, typed by the pipeline's input schema.",
  context: 'io',
  icon: 'input',
  version: 1,
  config: z.object({}),
  defaultConfig: () => ({}),
  output: z.record(z.string(), z.unknown()),
  // The fields are the pipeline's inputs.
  outputFor: (_config, document) => document.inputs,
  handles: { target: false, sources: [null] },
  role: 'input',
  async run({ context }) {
    return context.inputs;
  },
});
