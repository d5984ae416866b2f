import { z } from 'zod';
import { tokenUsageSchema, type TokenUsage } from '@tandem/shared';
import { defineNode } from '../define-node.ts';
import { estimateCall, sumEstimates, typicalOutputTokens } from './estimate.ts';
import { withFeedback } from './llm.node.ts';

/** The secondary model's goal when a node sets none (the two-model orchestration's default). */
export const defaultCritiqueGoal =
  'You are a reviewing assistant. Analyse the answer and propose clarifying questions or instructions that would improve it. Return only the list.';

const modelSettingsSchema = z.object({
  model: z.string().min(1, 'pick a model'),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().positive().max(200_000).optional(),
});
type ModelSettings = z.infer<typeof modelSettingsSchema>;

export const critiqueConfigSchema = z.object({
  prompt: z.string().min(1, 'write a prompt'),
  system: z.string().optional(),
  primary: modelSettingsSchema,
  secondary: modelSettingsSchema,
  goal: z.string().min(1).default(defaultCritiqueGoal),
  rounds: z.number().int().min(0).max(10).default(2),
  enabled: z.boolean().default(true),
  timeoutMs: z.number().int().min(0).optional(),
});

/** One communication round, as the output lists it (DESIGN.md §3). */
export interface CritiqueRound {
  round: number;
  /** The primary's answer the secondary reviewed (round 1: the first answer, `primary_response`). */
  draft: string;
  /** The secondary's guidance (`secondary_guidance`). */
  guidance: string;
}

/** What the secondary model reads: the task and the answer to review. */
export function secondaryPrompt(task: string, draft: string): string {
  return `Task:\n${task}\n\nAnswer to review:\n${draft}`;
}

/** What the primary model reads to refine: the task, its previous answer and the guidance. */
export function refinePrompt(task: string, draft: string, guidance: string): string {
  return `Task:\n${task}\n\nPrevious answer:\n${draft}\n\nImprove your answer using this guidance:\n${guidance}`;
}

/**
 * Two-model orchestration: the primary answers, the secondary returns guidance
 * toward a goal, the primary refines; `rounds` times. Switched off (or 0
 * rounds) it is a single primary call.
 */
export const critiqueNode = defineNode({
  kind: 'critique',
  displayName: 'Critique',
  description: 'A primary model answers, a secondary model returns guidance toward a goal, the primary refines; N rounds.',
  context: 'llm',
  icon: 'messages',
  version: 1,
  config: critiqueConfigSchema,
  defaultConfig: () => ({
    prompt: '{{input.prompt}}',
    primary: { model: 'sim:writer' },
    secondary: { model: 'sim:critic' },
    goal: defaultCritiqueGoal,
    rounds: 2,
    enabled: true,
  }),
  output: z.object({
    text: z.string(),
    rounds: z.array(z.object({ round: z.number(), draft: z.string(), guidance: z.string() })),
    usage: tokenUsageSchema,
    model: z.string(),
  }),
  rerunnable: true,
  fields: { prompt: 'template', system: 'template', goal: 'template', 'primary.model': 'model', 'secondary.model': 'model' },
  summary: (config) => ({ model: config.primary.model, preview: config.prompt }),
  estimate(config, facts) {
    const rounds = config.enabled ? config.rounds : 0;
    const primaryFacts = facts(config.primary.model);
    const answerTokens = typicalOutputTokens(primaryFacts, 'answer');
    const growth = typicalOutputTokens(primaryFacts, 'refinement');
    const guidance = ' '.repeat(typicalOutputTokens(facts(config.secondary.model), 'guidance') * 4);
    const calls = [estimateCall(config.primary.model, config.system, config.prompt, config.primary.maxTokens, facts)];
    // Each refinement keeps the draft and adds to it, so drafts grow round by round.
    for (let round = 1; round <= rounds; round++) {
      const draftTokens = answerTokens + (round - 1) * growth;
      const draft = ' '.repeat(draftTokens * 4);
      calls.push(estimateCall(config.secondary.model, config.goal, secondaryPrompt(config.prompt, draft), config.secondary.maxTokens, facts, 'guidance'));
      calls.push(estimateCall(config.primary.model, config.system, refinePrompt(config.prompt, draft, guidance), config.primary.maxTokens, facts, { tokens: draftTokens + growth }));
    }
    return sumEstimates(calls);
  },
  async run({ config, context }) {
    const task = withFeedback(context.render(config.prompt), context.feedback);
    const system = config.system ? context.render(config.system) : undefined;
    const goal = context.render(config.goal);
    const primary: ModelSettings = { ...config.primary, model: context.modelOverride ?? config.primary.model };
    const usage: TokenUsage = { inputTokens: 0, outputTokens: 0 };

    const call = async (role: 'primary' | 'secondary', settings: ModelSettings, prompt: string, systemPrompt: string | undefined) => {
      const result = await context.callModel({
        role,
        model: settings.model,
        prompt,
        ...(systemPrompt ? { system: systemPrompt } : {}),
        ...(settings.temperature !== undefined ? { temperature: settings.temperature } : {}),
        ...(settings.maxTokens !== undefined ? { maxTokens: settings.maxTokens } : {}),
      });
      usage.inputTokens += result.usage.inputTokens;
      usage.outputTokens += result.usage.outputTokens;
      return result.text;
    };

    let text = await call('primary', primary, task, system);
    const rounds: CritiqueRound[] = [];
    const roundCount = config.enabled ? config.rounds : 0;
    for (let round = 1; round <= roundCount; round++) {
      const guidance = await call('secondary', config.secondary, secondaryPrompt(task, text), goal);
      const refined = await call('primary', primary, refinePrompt(task, text, guidance), system);
      const entry: CritiqueRound = { round, draft: text, guidance };
      rounds.push(entry);
      // The event also carries the refined answer, so a person sees each round complete while the run goes on.
      // The output does not repeat it: it is the next round's draft, or the output's `text`.
      context.emit('critique.round', { ...entry, refined });
      text = refined;
    }
    return { text, rounds, usage, model: primary.model };
  },
});
