import { z } from 'zod';
import { defineNode } from '../define-node.ts';
import { WaitingForPerson } from '../runtime/step-context.ts';

export const userConfigSchema = z.object({
  title: z.string().min(1, 'give the request a title'),
  instructions: z.string().optional(),
  value: z.string().optional(),
});

/**
 * Pauses the run until a person approves, rejects or edits a value. A
 * rejection still completes the step (`decision: 'rejected'`) so a branch
 * can route on it.
 */
export const userNode = defineNode({
  kind: 'user',
  displayName: 'Person',
  description: 'Pauses the run until a person approves, rejects or edits a value.',
  context: 'user',
  icon: 'person',
  version: 1,
  config: userConfigSchema,
  defaultConfig: () => ({ title: 'Review the answer', instructions: 'Approve, edit or reject.', value: '' }),
  output: z.object({ value: z.unknown(), decision: z.enum(['approved', 'rejected']) }),
  pauses: true,
  fields: { title: 'template', instructions: 'template', value: 'template' },
  summary: (config) => ({ preview: config.title }),
  async run({ config, context }) {
    const value = config.value ? context.evaluate(config.value) : undefined;
    if (context.submission) {
      return { decision: context.submission.decision, value: context.submission.value ?? value };
    }
    const instructions = config.instructions ? context.render(config.instructions) : undefined;
    throw new WaitingForPerson({ title: context.render(config.title), ...(instructions ? { instructions } : {}), value });
  },
});
