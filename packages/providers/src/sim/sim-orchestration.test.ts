import { describe, expect, it } from 'vitest';
import { buildJudgePrompt, defaultCritiqueGoal, parseJudgeScore, refinePrompt, secondaryPrompt, withFeedback } from '@tandem/engine';
import { userPrompt } from './__fixtures__/sim-test-helpers.ts';
import { createSimProvider } from './sim-provider.ts';
import { tokenizeSimText } from './sim-tokens.ts';
import { splitSentences } from './write-critique.ts';

const sim = createSimProvider();

async function ask(modelName: string, prompt: string, system?: string): Promise<string> {
  const result = await sim.languageModel(modelName).doGenerate({ prompt: userPrompt(prompt, system) });
  return result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

const guidanceItems = (guidance: string) => guidance.split('\n').map((line) => line.replace(/^\d+\.\s+/, ''));

describe('the simulator inside the engine\'s orchestration prompts', () => {
  const tasks = [
    'Explain why the sky looks blue during the day and red at sunset.',
    'Explain how a database index speeds up queries.',
    'How do I reset my password?',
    'What is a lighthouse and how does it work?',
  ];

  it.each(tasks)('plays a two-round critique loop on "%s": concrete guidance, then drafts that take it in', async (task) => {
    const functionWords = new Set(['the', 'and', 'how', 'why', 'what', 'does', 'during', 'explain', 'with']);
    const taskWords = new Set((task.toLowerCase().match(/[a-z]{3,}/g) ?? []).filter((word) => !functionWords.has(word)));
    let draft = await ask('writer?tps=0', task);
    const seen: string[] = [];
    for (let round = 1; round <= 2; round++) {
      const guidance = await ask('critic?tps=0', secondaryPrompt(task, draft), defaultCritiqueGoal);
      expect(guidance).toMatch(/^1\. .+\n2\. .+/);
      expect(guidance.split('\n').length).toBeLessThanOrEqual(4);
      for (const item of guidanceItems(guidance)) {
        // Each item names something concrete: a word of the task, or a quoted piece of the draft.
        const quoted = /"([^"]+?)…?"/.exec(item)?.[1];
        const namesTask = (item.toLowerCase().match(/[a-z]{3,}/g) ?? []).some((word) => taskWords.has(word));
        expect(namesTask || (quoted !== undefined && draft.includes(quoted)), item).toBe(true);
        // The critic does not ask twice for what the refinement already took in.
        expect(seen).not.toContain(item);
        seen.push(item);
      }

      const refined = await ask('writer?tps=0', refinePrompt(task, draft, guidance));
      const before = splitSentences(draft);
      const after = splitSentences(refined);
      expect(tokenizeSimText(refined).length).toBeGreaterThan(tokenizeSimText(draft).length);
      // The draft is kept (a sentence may be made more concrete), so the difference between rounds is the guidance.
      const kept = before.filter((sentence) => after.some((line) => line.startsWith(sentence.replace(/[.:]$/, '').replace(/^\d+\.\s+/, '')) || line.includes(sentence)));
      expect(kept.length).toBeGreaterThanOrEqual(before.length - 1);
      expect(after.length).toBeGreaterThan(before.length - 1);
      for (const item of guidanceItems(guidance)) {
        if (/concrete example/i.test(item)) expect(refined).toMatch(/For example/);
        if (/one-sentence summary/i.test(item)) expect(refined).toMatch(/In short/);
        if (/limitation or caveat/i.test(item)) expect(refined).toMatch(/limits|caveat|trade-off/);
        if (/stays vague/i.test(item)) expect(refined).toMatch(/concretely:/);
      }
      draft = refined;
    }
  });

  it('says it knows no facts when asked one, and its critique loop keeps the answer short and points to a source', async () => {
    const task = 'Who wrote Pride and Prejudice?';
    let draft = await ask('writer?tps=0', task);
    expect(draft).toContain('“Who wrote Pride and Prejudice?”');
    expect(draft).toMatch(/simulator/);
    for (let round = 1; round <= 2; round++) {
      const guidance = await ask('critic?tps=0', secondaryPrompt(task, draft), defaultCritiqueGoal);
      expect(guidance).toMatch(/^1\. .+\n2\. .+$/);
      draft = await ask('writer?tps=0', refinePrompt(task, draft, guidance));
    }
    expect(draft).toMatch(/encyclopedia/);
    expect(splitSentences(draft).length).toBeLessThanOrEqual(4);
  });

  it.each([
    ['Hi', /^(?:Hello|Hi there)!/],
    ['Tell me a joke', /\?|\./],
    ["Translate 'good morning' into French", /^I can't translate “good morning” into French/],
    ['What is the capital of France?', /“What is the capital of France\?”/],
  ])('keeps a short reply short through the critique loop on "%s"', async (task, reply) => {
    let draft = await ask('writer?tps=0', task);
    for (let round = 1; round <= 2; round++) {
      const guidance = await ask('critic?tps=0', secondaryPrompt(task, draft), defaultCritiqueGoal);
      expect(guidance).toMatch(/^1\. .+\n2\. .+$/);
      // The critic asks for no explanation's parts (a definition, an example, a summary) of a greeting or a refusal.
      expect(guidance).not.toMatch(/concrete example|one-sentence summary|Say in one sentence what|limitation or caveat/);
      draft = await ask('writer?tps=0', refinePrompt(task, draft, guidance));
      expect(draft).toMatch(reply);
      expect(splitSentences(draft).length).toBeLessThanOrEqual(3);
    }
  });

  it('answers the judge prompt in the "Score: N / Reason:" form on the given scale, naming the subject', async () => {
    const scores: number[] = [];
    for (let index = 0; index < 30; index++) {
      const subject = await ask(`writer?tps=0&seed=${index}`, `Explain how a tandem bicycle number ${index} is steered.`);
      const answer = await ask('judge?tps=0', buildJudgePrompt(subject, 'Accuracy and clarity.', { min: 1, max: 10 }));
      const match = /^Score: (\d+)\nReason: (.+)$/.exec(answer);
      expect(match, answer).not.toBeNull();
      expect(match![2]).toMatch(/tandem|bicycle/);
      scores.push(Number(match![1]));
    }
    expect(Math.min(...scores)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...scores)).toBeLessThanOrEqual(10);
    expect(new Set(scores).size).toBeGreaterThan(2);
  });

  it('scores a structured answer with an example above a bare one, on average', async () => {
    const bare = 'Passwords can be reset.';
    const structured = await ask('writer?tps=0', 'Answer step by step, with an example: How do I reset my password?');
    const mean = async (subject: string) => {
      let total = 0;
      for (let seed = 0; seed < 20; seed++) {
        const verdict = parseJudgeScore(await ask(`judge?tps=0&seed=${seed}`, buildJudgePrompt(subject, 'Helpful and clear.', { min: 1, max: 10 })), { min: 1, max: 10 });
        total += verdict!.score;
      }
      return total / 20;
    };
    expect(await mean(structured)).toBeGreaterThan((await mean(bare)) + 2);
  });

  it('takes a validator\'s feedback in: the retried answer mentions what was asked for', async () => {
    const task = 'Explain why the sky looks blue.';
    const first = await ask('writer?tps=0', task);
    const retried = await ask('writer?tps=0', withFeedback(task, '- the answer must mention "Rayleigh"'));
    expect(first).not.toMatch(/Rayleigh/);
    expect(retried).toMatch(/Rayleigh/);
  });
});
