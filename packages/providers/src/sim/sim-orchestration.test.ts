import { describe, expect, it } from 'vitest';
import { buildJudgePrompt, defaultCritiqueGoal, refinePrompt, secondaryPrompt, withFeedback } from '@tandem/engine';
import { userPrompt } from './__fixtures__/sim-test-helpers.ts';
import { tokenizeSimText } from './generate-sim-text.ts';
import { createSimProvider } from './sim-provider.ts';

const sim = createSimProvider();

async function ask(modelName: string, prompt: string, system?: string): Promise<string> {
  const result = await sim.languageModel(modelName).doGenerate({ prompt: userPrompt(prompt, system) });
  return result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

describe('the simulator inside the engine\'s orchestration prompts', () => {
  const task = 'Explain why the sky looks blue during the day and red at sunset.';

  it('plays a two-round critique loop: guidance lists, then longer refined drafts', async () => {
    let draft = await ask('writer?tps=0', task);
    for (let round = 1; round <= 2; round++) {
      const guidance = await ask('critic?tps=0', secondaryPrompt(task, draft), defaultCritiqueGoal);
      expect(guidance).toMatch(/^1\. .+\n2\. .+/);
      expect(guidance.split('\n').length).toBeLessThanOrEqual(4);
      expect(guidance).toMatch(/sunset/);

      const refined = await ask('writer?tps=0', refinePrompt(task, draft, guidance));
      expect(refined).not.toBe(draft);
      expect(tokenizeSimText(refined).length).toBeGreaterThan(tokenizeSimText(draft).length);
      expect(refined.startsWith(draft.split('. ')[0] ?? '')).toBe(true);
      draft = refined;
    }
  });

  it('answers the judge prompt in the "Score: N / Reason:" form on the given scale', async () => {
    const scores: number[] = [];
    for (let index = 0; index < 30; index++) {
      const answer = await ask('judge?tps=0', buildJudgePrompt(`Answer number ${index} about the blue sky.`, 'Accuracy and clarity.', { min: 1, max: 10 }));
      const match = /^Score: (\d+)\nReason: (.+)$/.exec(answer);
      expect(match, answer).not.toBeNull();
      scores.push(Number(match![1]));
    }
    expect(Math.min(...scores)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...scores)).toBeLessThanOrEqual(10);
    expect(new Set(scores).size).toBeGreaterThan(2);
  });

  it('gives a different answer when a validator sends feedback', async () => {
    const first = await ask('writer?tps=0', task);
    const retried = await ask('writer?tps=0', withFeedback(task, '- the answer must mention "Rayleigh"'));
    expect(retried).not.toBe(first);
  });
});
