import { buildJudgePrompt, isReferenceScorer, parseJudgeScore, scoreReference, scorerName, textOf, type ModelResolver, type Sandbox } from '@tandem/engine';
import type { Scorer } from '@tandem/shared';

/** What a trial gives its scorers. */
export interface ScorerSubject {
  output: unknown;
  expected: unknown;
  inputs: Record<string, unknown>;
  row: Record<string, unknown>;
}

/** The scores of one trial, what scoring cost, and why a scorer gave no value. */
export interface ScorerResults {
  metrics: Record<string, number | boolean>;
  costUsd: number;
  notes: string[];
}

const jsScorerTimeoutMs = 2000;

/**
 * Runs an experiment's scorers on one trial: the reference scorers in the engine, the rubric judge
 * through the model layer (its cost is the trial's), the JavaScript scorer in the QuickJS sandbox.
 * A scorer that fails gives no value and a note; it never fails the trial.
 */
export function createTrialScorers(deps: { models: ModelResolver; sandbox?: Sandbox }) {
  async function rubric(scorer: Extract<Scorer, { type: 'rubric' }>, subject: ScorerSubject, signal?: AbortSignal): Promise<{ score?: number; costUsd: number; note?: string }> {
    const expected = textOf(subject.expected);
    const criteria = expected ? `${scorer.rubric}\n\nA reference answer to compare with:\n${expected}` : scorer.rubric;
    const prompt = buildJudgePrompt(textOf(subject.output), criteria, scorer.scale);
    const result = await deps.models.languageModel(scorer.model).doGenerate({
      prompt: [{ role: 'user', content: [{ type: 'text', text: prompt }] }],
      ...(signal ? { abortSignal: signal } : {}),
    });
    const text = result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
    const price = deps.models.describe(scorer.model)?.price;
    const inputTokens = result.usage.inputTokens.total ?? 0;
    const outputTokens = result.usage.outputTokens.total ?? 0;
    const costUsd = price ? (inputTokens * price.input + outputTokens * price.output) / 1e6 : 0;
    const verdict = parseJudgeScore(text, scorer.scale);
    return verdict ? { score: verdict.score, costUsd } : { costUsd, note: `the rubric judge's answer had no score: "${text.slice(0, 120)}"` };
  }

  async function script(scorer: Extract<Scorer, { type: 'js' }>, subject: ScorerSubject, signal?: AbortSignal): Promise<number | boolean | string> {
    if (!deps.sandbox) return 'no sandbox is available for JavaScript scorers';
    // The body sees the trial's fields by name, as the scorer's documentation shows them.
    const code = `const { output, expected, inputs, row } = input;\n${scorer.code}`;
    const value = await deps.sandbox.run(code, subject, { timeoutMs: jsScorerTimeoutMs, ...(signal ? { signal } : {}) });
    if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return value;
    return `the JavaScript scorer returned ${JSON.stringify(value)?.slice(0, 80) ?? 'nothing'}, not a number or a boolean`;
  }

  return {
    async score(scorers: readonly Scorer[], subjectOf: (scorer: Scorer) => ScorerSubject, signal?: AbortSignal): Promise<ScorerResults> {
      const results: ScorerResults = { metrics: {}, costUsd: 0, notes: [] };
      for (const scorer of scorers) {
        const name = scorerName(scorer);
        const subject = subjectOf(scorer);
        try {
          if (isReferenceScorer(scorer)) {
            const pass = scoreReference(scorer, subject);
            if (pass !== undefined) results.metrics[name] = pass;
          } else if (scorer.type === 'rubric') {
            const outcome = await rubric(scorer, subject, signal);
            results.costUsd += outcome.costUsd;
            if (outcome.score !== undefined) results.metrics[name] = outcome.score;
            if (outcome.note) results.notes.push(`${name}: ${outcome.note}`);
          } else {
            const value = await script(scorer, subject, signal);
            if (typeof value === 'string') results.notes.push(`${name}: ${value}`);
            else results.metrics[name] = value;
          }
        } catch (error) {
          results.notes.push(`${name}: ${(error as Error).message}`);
        }
      }
      return results;
    },
  };
}

export type TrialScorers = ReturnType<typeof createTrialScorers>;
