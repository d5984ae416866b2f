import { performance } from 'node:perf_hooks';
import { buildJudgePrompt, defaultCritiqueGoal, refinePrompt, secondaryPrompt } from '@tandem/engine';
import { SimLanguageModel } from '@tandem/providers';
import type { Stat } from './report.ts';

type CallOptions = Parameters<SimLanguageModel['doGenerate']>[0];

/** Cost of one simulated answer by kind: fresh (a new prompt each call), and served again (the same call repeated). */
export interface SimAnswerCost {
  kind: string;
  freshUs: Stat;
  repeatedUs: Stat;
}

const user = (text: string, system?: string): CallOptions['prompt'] => [
  ...(system ? [{ role: 'system' as const, content: system }] : []),
  { role: 'user', content: [{ type: 'text', text }] },
];

function stat(values: number[]): Stat {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted.at(-1)! };
}

async function text(model: SimLanguageModel, options: CallOptions): Promise<string> {
  const result = await model.doGenerate(options);
  return result.content[0]?.type === 'text' ? result.content[0].text : '';
}

/**
 * Times `sim:instant` answering each kind of prompt. "Fresh" changes the
 * prompt on every call (nothing cached: the prompt is read and the answer
 * written); "repeated" sends the same call again, as benchmarks and retries do.
 */
export async function measureSimAnswers(repetitions: number, callsPerRepetition: number): Promise<SimAnswerCost[]> {
  const model = new SimLanguageModel('instant');
  const task = 'Explain how a database index speeds up queries.';
  const draft = await text(model, { prompt: user(task) });
  const guidance = await text(model, { prompt: user(secondaryPrompt(task, draft), defaultCritiqueGoal) });
  const schema = {
    type: 'object',
    properties: { title: { type: 'string' }, participants: { type: 'array', items: { type: 'string' } }, durationMinutes: { type: 'integer', minimum: 5, maximum: 240 } },
    required: ['title', 'participants', 'durationMinutes'],
  };
  const kinds: { kind: string; call: (index: number) => CallOptions }[] = [
    { kind: 'prose answer', call: (index) => ({ prompt: user(`${task} (${index})`) }) },
    { kind: 'critique', call: (index) => ({ prompt: user(secondaryPrompt(`${task} (${index})`, draft), defaultCritiqueGoal) }) },
    { kind: 'refinement', call: (index) => ({ prompt: user(refinePrompt(`${task} (${index})`, draft, guidance)) }) },
    { kind: 'judgement', call: (index) => ({ prompt: user(buildJudgePrompt(`${draft} (${index})`, 'Clear and correct.', { min: 1, max: 10 })) }) },
    { kind: 'JSON for a schema', call: (index) => ({ prompt: user(`Can Ana Lopez and Ben Okafor meet for 45 minutes to review plan ${index}?`), responseFormat: { type: 'json', schema } }) },
  ];
  const costs: SimAnswerCost[] = [];
  for (const { kind, call } of kinds) {
    for (let index = 0; index < 500; index++) await model.doGenerate(call(-index));
    const fresh: number[] = [];
    const repeated: number[] = [];
    for (let rep = 0; rep < repetitions; rep++) {
      let started = performance.now();
      for (let index = 0; index < callsPerRepetition; index++) await model.doGenerate(call(rep * callsPerRepetition + index));
      fresh.push(((performance.now() - started) * 1000) / callsPerRepetition);
      const same = call(0);
      started = performance.now();
      for (let index = 0; index < callsPerRepetition; index++) await model.doGenerate(same);
      repeated.push(((performance.now() - started) * 1000) / callsPerRepetition);
    }
    costs.push({ kind, freshUs: stat(fresh), repeatedUs: stat(repeated) });
  }
  return costs;
}
