import { z } from 'zod';
import { tokenUsageSchema } from '@tandem/shared';
import { defineNode } from '../define-node.ts';
import { jsonSchemaOf } from '../graph/output-schema.ts';
import { callModelWithPolicy, retryPolicySchema } from './llm-policy.ts';
import { estimateCall } from './estimate.ts';
import { estimateJsonTokens } from './estimate-json.ts';
import { readStructuredOutput } from './llm-output.ts';
import { applyMixins, mixinOutputSchemas, separateMixinFields } from './schema-mixins.ts';

export const llmConfigSchema = z.object({
  model: z.string().min(1, 'pick a model').default('sim:writer'),
  prompt: z.string().min(1, 'write a prompt'),
  system: z.string().optional(),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().positive().max(200_000).optional(),
  outputSchema: z.record(z.string(), z.unknown()).optional(),
  mixins: z.array(z.enum(['introspect'])).optional(),
  /** `true` or `exact`: the exact-match cache; `semantic`: answers to similar prompts (same model, parameters and system prompt). */
  cache: z.union([z.boolean(), z.enum(['exact', 'semantic'])]).optional(),
  /** How long a cached answer is served (ms); absent: until evicted. */
  cacheTtlMs: z.number().int().min(1000).max(365 * 24 * 3_600_000).optional(),
  retry: retryPolicySchema.optional(),
  fallbackModels: z.array(z.string().min(1)).optional(),
  timeoutMs: z.number().int().min(0).optional(),
});

const llmOutputSchema = z.object({
  text: z.string(),
  json: z.unknown().optional(),
  /** The `introspect` mixin's notes, kept out of `json` (decision 0019). */
  introspection: z.object({ considerations: z.string().optional(), feedback: z.string().optional() }).optional(),
  model: z.string(),
  usage: tokenUsageSchema,
  latencyMs: z.number(),
  costUsd: z.number(),
  cached: z.boolean(),
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
  icon: 'sparkles',
  version: 1,
  config: llmConfigSchema,
  defaultConfig: () => ({ model: 'sim:writer', prompt: '{{input.prompt}}' }),
  output: llmOutputSchema,
  // With an output schema, `json` is the answer parsed and checked against it, the mixins' notes beside it.
  outputFor: (config) => {
    const output = jsonSchemaOf(llmOutputSchema);
    const { introspection: _notes, ...properties } = output.properties as Record<string, unknown>;
    if (!config.outputSchema) return { ...output, properties };
    return { ...output, properties: { ...properties, json: config.outputSchema, ...mixinOutputSchemas(config.mixins ?? []) } };
  },
  rerunnable: true,
  fields: { model: 'model', prompt: 'template', system: 'template', outputSchema: 'json', 'fallbackModels.*': 'model' },
  summary: (config) => ({ model: config.model, preview: config.prompt }),
  estimate: (config, facts) =>
    estimateCall(config.model, config.system, config.prompt, config.maxTokens, facts, config.outputSchema ? { tokens: estimateJsonTokens(applyMixins(config.outputSchema, config.mixins ?? [])) } : 'answer'),
  async run({ config, context }) {
    const schema = config.outputSchema ? applyMixins(config.outputSchema, config.mixins ?? []) : undefined;
    const system = config.system ? context.render(config.system) : undefined;
    const prompt = context.render(config.prompt);
    const policy = { ...(config.retry ? { retry: config.retry } : {}), ...(config.fallbackModels ? { fallbackModels: config.fallbackModels } : {}) };
    // An answer that does not fit the output schema is retried with the errors as feedback, within the same retry budget.
    const outputRetries = config.retry?.maxRetries ?? 0;
    let feedback = context.feedback;
    for (let outputAttempt = 0; ; outputAttempt++) {
      const result = await callModelWithPolicy(
        context,
        {
          role: 'main',
          model: context.modelOverride ?? config.model,
          prompt: withFeedback(prompt, feedback),
          ...(system ? { system } : {}),
          ...(config.temperature !== undefined ? { temperature: config.temperature } : {}),
          ...(config.maxTokens !== undefined ? { maxTokens: config.maxTokens } : {}),
          ...(schema ? { jsonSchema: schema } : {}),
          ...(config.cache ? { cache: config.cache } : {}),
          ...(config.cache && config.cacheTtlMs !== undefined ? { cacheTtlMs: config.cacheTtlMs } : {}),
        },
        policy,
      );
      const output: z.output<typeof llmOutputSchema> = {
        text: result.text,
        model: result.model,
        usage: result.usage,
        latencyMs: result.latencyMs,
        costUsd: result.costUsd,
        cached: result.cached,
      };
      if (!schema) return output;
      const structured = readStructuredOutput(result.text, schema);
      if (structured.ok) {
        // Mixin fields are the model's notes: kept in the output (and the trace) beside `json`, not inside it.
        const { json, notes } = separateMixinFields(structured.json, config.mixins ?? []);
        return { ...output, json, ...notes };
      }
      if (outputAttempt >= outputRetries) {
        // A guarded step hands the invalid answer to its validator, which sends it back with reasons or falls back.
        if (context.guarded) return output;
        throw structured.error;
      }
      context.emit('step.retrying', { reason: structured.error.message, code: 'OUTPUT_INVALID', model: result.model, delayMs: 0, fallback: false });
      feedback = [context.feedback, structured.feedback].filter(Boolean).join('\n');
    }
  },
});
