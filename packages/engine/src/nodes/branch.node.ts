import { z } from 'zod';
import { StudioError } from '@tandem/shared';
import { defineNode } from '../define-node.ts';
import { evaluateCondition, isTruthy, parseCondition } from './branch-expression.ts';

export const branchConfigSchema = z.object({
  condition: z.string().min(1, 'write a condition, e.g. {{judge.score}} >= 7'),
});

/**
 * Routes on a condition over references, e.g. `{{judge.score}} >= 7 && {{check.valid}}`.
 * Outgoing edges with `sourceHandle` `true` or `false` stay active only on
 * their side; the executor skips nodes whose incoming edges are all inactive.
 */
export const branchNode = defineNode({
  kind: 'branch',
  displayName: 'Branch',
  description: 'Routes on a condition: edges from the "true" or "false" handle.',
  context: 'server',
  icon: 'branch',
  version: 1,
  config: branchConfigSchema,
  defaultConfig: () => ({ condition: '' }),
  output: z.object({ taken: z.boolean() }),
  handles: { target: true, sources: ['true', 'false'] },
  fields: { condition: 'template' },
  summary: (config) => ({ preview: config.condition }),
  check(config, node) {
    try {
      parseCondition(config.condition);
      return [];
    } catch (error) {
      const message = StudioError.is(error) ? error.message : String(error);
      return [{ code: 'NODE_CONFIG_INVALID', nodeId: node.id, field: 'config.condition', message: `config.condition: ${message}` }];
    }
  },
  activeHandles: (output) => [String(output.taken === true)],
  async run({ config, context }) {
    const expression = parseCondition(config.condition);
    const value = evaluateCondition(expression, (reference) => context.evaluate(`{{${reference}}}`));
    return { taken: isTruthy(value) };
  },
});
