import { z } from 'zod';
import { StudioError } from '@tandem/shared';
import { defineNode } from '../define-node.ts';
import { callModelWithPolicy, retryPolicySchema } from './llm-policy.ts';
import { estimateCall } from './estimate.ts';
import { parseModelJson, validateJson } from './json-output.ts';
import { applyMixins } from './schema-mixins.ts';

export const llmConfigSchema = z.object({
  model: z.string().min(1, 'pick a model').default('sim:writer'),
  prompt: z.string().min(1, 'write a prompt'),
  system: z.string().optional(),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().positive().max(200_000).optional(),
  outputSchema: z.record(z.string(), z.unknown()).optional(),
  mixins: z.array(z.enum(['introspect'])).optional(),
  cache: z.boolean().optional(),
  retry: retryPolicySchema.optional(),
  fallbackModels: z.array(z.string().min(1)).optional(),
  timeoutMs: z.number().int().min(0).optional(),
});

/** Appends a validator's reasons to a prompt so the model can fix them. */
export function withFeedback(prompt: string, feedback: string | undefined): string {
  if (!feedback) return prompt;
  return `${prompt}\n\nYour previous answer was rejected for these reasons:\n${feedback}\nAnswer again and fix every one of them.`;
}

/** One model call: system + user template, optional structured output, cache, retries and fallbacks. */
export const llmNode = defineNode({
  kind: 'llm',
  displayName: 'LLM',
  description: 'One model call: a prompt template, a model, optional structured output.',
  context: 'llm',
  version: 1,
  config: llmConfigSchema,
  defaultConfig: () => ({ model: 'sim:writer', prompt: '{{input.prompt}}' }),
  fields: { model: 'model', prompt: 'template', system: 'template', outputSchema: 'json', 'fallbackModels.*': 'model' },
  estimate: (config, facts) => estimateCall(config.model, config.system, config.prompt, config.maxTokens, facts),
  async run({ config, context }) {
    const schema = config.outputSchema ? applyMixins(config.outputSchema, config.mixins ?? []) : undefined;
    const system = config.system ? context.render(config.system) : undefined;
    const result = await callModelWithPolicy(
      context,
      {
        role: 'main',
        model: context.modelOverride ?? config.model,
        prompt: withFeedback(context.render(config.prompt), context.feedback),
        ...(system ? { system } : {}),
        ...(config.temperature !== undefined ? { temperature: config.temperature } : {}),
        ...(config.maxTokens !== undefined ? { maxTokens: config.maxTokens } : {}),
        ...(schema ? { jsonSchema: schema } : {}),
        ...(config.cache ? { cache: true } : {}),
      },
      { ...(config.retry ? { retry: config.retry } : {}), ...(config.fallbackModels ? { fallbackModels: config.fallbackModels } : {}) },
    );
    const output: Record<string, unknown> = {
      text: result.text,
      model: result.model,
      usage: result.usage,
      latencyMs: result.latencyMs,
      costUsd: result.costUsd,
      cached: result.cached,
    };
    if (schema) {
      const json = parseModelJson(result.text);
      if (json === undefined) throw new StudioError('OUTPUT_INVALID', 'The model did not answer with JSON', { details: { text: result.text.slice(0, 500) } });
      const errors = validateJson(schema, json);
      if (errors.length > 0) throw new StudioError('OUTPUT_INVALID', `The answer does not match the output schema: ${errors.join('; ')}`, { details: { errors } });
      output.json = json;
    }
    return output;
  },
});
