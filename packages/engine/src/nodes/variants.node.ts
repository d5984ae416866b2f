import { z } from 'zod';
import { StudioError, tokenUsageSchema } from '@tandem/shared';
import { defineNode, type NodeEstimate } from '../define-node.ts';
import { jsonSchemaOf } from '../graph/output-schema.ts';
import type { StepContext } from '../runtime/step-context.ts';
import { estimateCall } from './estimate.ts';
import { withFeedback } from './llm.node.ts';
import { assignmentUnit, pickWeighted } from './variant-assignment.ts';

const variantSchema = z.object({
  id: z.string().min(1, 'name the variant').max(64),
  weight: z.number().min(0).default(1),
  prompt: z.string().min(1, 'write a prompt'),
  system: z.string().optional(),
  model: z.string().min(1).optional(),
});
type Variant = z.infer<typeof variantSchema>;

export const variantsConfigSchema = z
  .object({
    mode: z.enum(['split', 'all']).default('split'),
    key: z.string().optional(),
    model: z.string().min(1, 'pick a model').default('sim:writer'),
    variants: z.array(variantSchema).min(1, 'add at least one variant'),
    timeoutMs: z.number().int().min(0).optional(),
  })
  .superRefine((config, issues) => {
    const seen = new Set<string>();
    config.variants.forEach((variant, index) => {
      if (seen.has(variant.id)) issues.addIssue({ code: 'custom', path: ['variants', index, 'id'], message: `variant id "${variant.id}" is used twice` });
      seen.add(variant.id);
    });
    if (config.mode === 'split' && !config.variants.some((variant) => variant.weight > 0)) {
      issues.addIssue({ code: 'custom', path: ['variants'], message: 'in split mode at least one variant needs a weight above 0' });
    }
  });

const variantAnswerSchema = z.object({ text: z.string(), model: z.string(), usage: tokenUsageSchema, latencyMs: z.number() });
type VariantAnswer = z.output<typeof variantAnswerSchema>;
const splitOutputSchema = variantAnswerSchema.extend({ variant: z.string() });

async function answer(variant: Variant, fallbackModel: string, context: StepContext): Promise<VariantAnswer> {
  const system = variant.system ? context.render(variant.system) : undefined;
  const result = await context.callModel({
    role: `variant:${variant.id}`,
    model: context.modelOverride ?? variant.model ?? fallbackModel,
    prompt: withFeedback(context.render(variant.prompt), context.feedback),
    ...(system ? { system } : {}),
  });
  return { text: result.text, model: result.model, usage: result.usage, latencyMs: result.latencyMs };
}

/**
 * Prompt variants with traffic weights. `split` answers with one variant per
 * run (deterministic by `key`, else weighted random seeded by the run); `all`
 * answers with every variant in parallel for side-by-side comparison.
 */
export const variantsNode = defineNode({
  kind: 'variants',
  displayName: 'Variants',
  description: 'Prompt variants with weights: one per run (split) or all side by side.',
  context: 'llm',
  icon: 'shuffle',
  version: 1,
  config: variantsConfigSchema,
  defaultConfig: () => ({
    mode: 'split',
    key: '',
    model: 'sim:writer',
    variants: [
      { id: 'a', weight: 1, prompt: '{{input.prompt}}' },
      { id: 'b', weight: 1, prompt: 'Answer concisely: {{input.prompt}}' },
    ],
  }),
  output: z.union([splitOutputSchema, z.object({ results: z.record(z.string(), variantAnswerSchema) })]),
  outputFor: (config) =>
    jsonSchemaOf(
      config.mode === 'split'
        ? splitOutputSchema
        : z.object({ results: z.object(Object.fromEntries(config.variants.map((variant) => [variant.id, variantAnswerSchema]))) }),
    ),
  rerunnable: true,
  fields: { key: 'template', model: 'model', 'variants.*.prompt': 'template', 'variants.*.system': 'template', 'variants.*.model': 'model' },
  summary: (config) => ({ model: config.model, preview: config.variants.map((variant) => variant.id).join(' · ') }),
  estimate(config, facts) {
    const estimates = config.variants.map((variant) => estimateCall(variant.model ?? config.model, variant.system, variant.prompt, undefined, facts));
    if (estimates.some((estimate) => estimate === undefined)) return undefined;
    const known = estimates as NodeEstimate[];
    if (config.mode === 'split') return known.reduce((slowest, estimate) => (estimate.latencyMs > slowest.latencyMs ? estimate : slowest));
    return known.reduce((total, estimate) => ({
      latencyMs: Math.max(total.latencyMs, estimate.latencyMs),
      costUsd: total.costUsd + estimate.costUsd,
      inputTokens: total.inputTokens + estimate.inputTokens,
      outputTokens: total.outputTokens + estimate.outputTokens,
      calls: total.calls + estimate.calls,
    }));
  },
  async run({ config, context }) {
    if (config.mode === 'all') {
      const answers = await Promise.all(
        config.variants.map(async (variant) => {
          context.emit('variant.assigned', { variant: variant.id, mode: 'all' });
          return [variant.id, await answer(variant, config.model, context)] as const;
        }),
      );
      return { results: Object.fromEntries(answers) };
    }
    const key = config.key ? context.render(config.key).trim() : '';
    const unit = assignmentUnit({ key, pipelineId: context.pipeline.id, nodeId: context.nodeId, runId: context.runId });
    const variant = pickWeighted(config.variants, unit);
    if (!variant) throw new StudioError('NODE_CONFIG_INVALID', 'Every variant has weight 0, so none can be picked');
    context.emit('variant.assigned', { variant: variant.id, mode: 'split', ...(key ? { key } : {}) });
    return { variant: variant.id, ...(await answer(variant, config.model, context)) };
  },
});
