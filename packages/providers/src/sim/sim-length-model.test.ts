import { describe, expect, it } from 'vitest';
import { buildJudgePrompt, defaultCritiqueGoal, refinePrompt, secondaryPrompt } from '@tandem/engine';
import { userPrompt } from './__fixtures__/sim-test-helpers.ts';
import { simOutputTokens } from './sim-length-model.ts';
import { SimLanguageModel } from './sim-language-model.ts';

const tasks = [
  'What is a lighthouse and how does it work?',
  'Explain how a database index speeds up queries.',
  'Explain photosynthesis to a child.',
  'How do I reset my password?',
  'Explain why the sky looks blue during the day and red at sunset.',
  'Compare PostgreSQL and SQLite for a small web app.',
  'My order arrived broken.',
  'Can I change my delivery address?',
  'Give me three tips for better sleep.',
  'Tell me about the history of the printing press.',
];

async function answer(model: SimLanguageModel, text: string, system?: string) {
  const result = await model.doGenerate({ prompt: userPrompt(text, system) });
  return { text: result.content[0]?.type === 'text' ? result.content[0].text : '', tokens: result.usage.outputTokens.total ?? 0 };
}

const mean = (values: number[]) => values.reduce((total, value) => total + value, 0) / values.length;

describe('the simulator\'s length model', () => {
  it('states the typical length of each kind of answer within 20% of what it writes', async () => {
    const lengths: Record<keyof typeof simOutputTokens, number[]> = { answer: [], guidance: [], refinement: [], judgement: [] };
    for (const task of tasks) {
      for (let seed = 0; seed < 8; seed++) {
        const writer = new SimLanguageModel(`writer?tps=0&seed=${seed}`);
        const critic = new SimLanguageModel(`critic?tps=0&seed=${seed}`);
        let draft = await answer(writer, task);
        lengths.answer.push(draft.tokens);
        for (let round = 0; round < 2; round++) {
          const guidance = await answer(critic, secondaryPrompt(task, draft.text), defaultCritiqueGoal);
          lengths.guidance.push(guidance.tokens);
          const refined = await answer(writer, refinePrompt(task, draft.text, guidance.text));
          lengths.refinement.push(refined.tokens - draft.tokens);
          draft = refined;
        }
        const judge = new SimLanguageModel(`judge?tps=0&seed=${seed}`);
        lengths.judgement.push((await answer(judge, buildJudgePrompt(draft.text, 'Clear and correct.', { min: 1, max: 10 }))).tokens);
      }
    }
    for (const [kind, values] of Object.entries(lengths)) {
      const stated = simOutputTokens[kind as keyof typeof simOutputTokens];
      expect(Math.abs(mean(values) - stated) / stated, `${kind}: stated ${stated}, measured ${mean(values).toFixed(1)}`).toBeLessThan(0.2);
    }
  });
});
