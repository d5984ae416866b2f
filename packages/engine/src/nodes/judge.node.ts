import { z } from 'zod';
import { StudioError, tokenUsageSchema } from '@tandem/shared';
import { defineNode } from '../define-node.ts';
import { estimateCall } from './estimate.ts';
import { withFeedback } from './llm.node.ts';
import { buildJudgePrompt, parseJudgeScore } from './judge-score.ts';

export const judgeConfigSchema = z
  .object({
    model: z.string().min(1, 'pick a model').default('sim:judge'),
    subject: z.string().min(1, 'say what to score, e.g. {{answer.text}}'),
    criteria: z.string().min(1, 'write the criteria'),
    scale: z.object({ min: z.number().default(1), max: z.number().default(10) }).prefault({}),
    system: z.string().optional(),
    timeoutMs: z.number().int().min(0).optional(),
  })
  .refine((config) => config.scale.max > config.scale.min, { path: ['scale', 'max'], message: 'max must be above min' });

/** Scores a subject against criteria with a model ("Score: n", "Reason: …"); the scores feed experiments. */
export const judgeNode = defineNode({
  kind: 'judge',
  displayName: 'Judge',
  description: 'Scores an output against criteria (e.g. 1–10) with a model.',
  context: 'llm',
  icon: 'gavel',
  version: 1,
  config: judgeConfigSchema,
  defaultConfig: () => ({ model: 'sim:judge', subject: '', criteria: 'Accuracy, completeness and clarity.', scale: { min: 1, max: 10 } }),
  output: z.object({ score: z.number(), reason: z.string(), model: z.string(), usage: tokenUsageSchema }),
  rerunnable: true,
  fields: { model: 'model', subject: 'template', criteria: 'template', system: 'template' },
  summary: (config) => ({ model: config.model, preview: config.criteria }),
  estimate: (config, facts) => estimateCall(config.model, config.system, buildJudgePrompt(config.subject, config.criteria, config.scale), undefined, facts, 'judgement'),
  async run({ config, context }) {
    const prompt = buildJudgePrompt(context.render(config.subject), context.render(config.criteria), config.scale);
    const system = config.system ? context.render(config.system) : undefined;
    const result = await context.callModel({
      role: 'judge',
      model: context.modelOverride ?? config.model,
      prompt: withFeedback(prompt, context.feedback),
      ...(system ? { system } : {}),
    });
    const verdict = parseJudgeScore(result.text, config.scale);
    if (!verdict) {
      throw new StudioError('OUTPUT_INVALID', `The judge's answer has no score: "${result.text.slice(0, 200)}"`, { details: { text: result.text.slice(0, 2000) } });
    }
    return { score: verdict.score, reason: verdict.reason, model: result.model, usage: result.usage };
  },
});
