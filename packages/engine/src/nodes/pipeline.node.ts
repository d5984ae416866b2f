import { z } from 'zod';
import { StudioError } from '@tandem/shared';
import { defineNode } from '../define-node.ts';

export const pipelineConfigSchema = z.object({
  pipelineId: z.string().min(1, 'pick a pipeline'),
  version: z.number().int().positive().optional(),
  inputs: z.record(z.string(), z.string()).default({}),
  timeoutMs: z.number().int().min(0).optional(),
});

/**
 * Runs another pipeline version as one step. The output holds the child's
 * `runId` and `outputs`, and also each child output at the top level, so
 * `{{step.outName}}` reads it directly.
 */
export const pipelineNode = defineNode({
  kind: 'pipeline',
  displayName: 'Pipeline',
  description: 'Runs another pipeline version as one step.',
  context: 'io',
  icon: 'boxes',
  version: 1,
  config: pipelineConfigSchema,
  defaultConfig: () => ({ pipelineId: '', inputs: {} }),
  // The child's outputs are spread at the top level too; which ones depends on the child pipeline.
  output: z.looseObject({ outputs: z.record(z.string(), z.unknown()), runId: z.string() }),
  fields: { 'inputs.*': 'template' },
  summary: (config) => ({ preview: config.pipelineId }),
  check(config, node, document) {
    if (config.pipelineId !== document.id) return [];
    return [{ code: 'NODE_CONFIG_INVALID', nodeId: node.id, field: 'config.pipelineId', message: 'config.pipelineId: a pipeline cannot run itself' }];
  },
  async run({ config, context }) {
    const runner = context.services.pipelines;
    if (!runner) throw new StudioError('NODE_RUN_FAILED', 'This host cannot run child pipelines (no pipeline runner is configured)');
    const inputs = Object.fromEntries(Object.entries(config.inputs).map(([name, template]) => [name, context.evaluate(template)]));
    const child = await runner.run({
      parentRunId: context.runId,
      nodeId: context.nodeId,
      pipelineId: config.pipelineId,
      ...(config.version !== undefined ? { version: config.version } : {}),
      inputs,
      signal: context.signal,
    });
    if (child.status !== 'completed') {
      const reason = child.error ? `${child.error.code}: ${child.error.message}` : `it ended ${child.status}`;
      throw new StudioError('NODE_RUN_FAILED', `Child run ${child.runId} failed: ${reason}`, { details: { childRunId: child.runId, status: child.status, error: child.error } });
    }
    return { ...child.outputs, runId: child.runId, outputs: child.outputs };
  },
});
