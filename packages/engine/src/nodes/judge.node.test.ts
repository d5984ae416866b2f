import { describe, expect, it } from 'vitest';
import { createFakeModels, type FakeAnswer } from '../testing/fake-models.ts';
import { pipeline, runTestPipeline } from '../testing/run-pipeline.ts';
import { buildJudgePrompt, parseJudgeScore } from './judge-score.ts';

const tenPoint = { min: 1, max: 10 };

describe('when a judge answers chattily', () => {
  it.each([
    ['Score: 8\nReason: clear and correct', 8, 'clear and correct'],
    ['**Score**: 7\n**Reason**: mostly right', 7, 'mostly right'],
    ['Overall I would give this a score of 9/10 because it is thorough.', 9, undefined],
    ['Hmm. I think it deserves 6 out of 10. Reason: lacks examples.', 6, 'lacks examples.'],
    ['Here is my verdict: ```json\n{"score": 5, "reason": "average"}\n```', 5, 'average'],
    ['{"score": "4", "reasoning": "weak"}', 4, 'weak'],
    ['Rating = 3', 3, undefined],
    ['7', 7, undefined],
    ['Score: 7.5/10', 7.5, undefined],
    ['Honestly, I would rate it 8 since it is polite.', 8, undefined],
    ['I give it an 6.', 6, undefined],
  ])('reads %j as %d', (text, score, reason) => {
    const verdict = parseJudgeScore(text, tenPoint);
    expect(verdict?.score).toBe(score);
    if (reason !== undefined) expect(verdict?.reason).toBe(reason);
  });

  it('clamps into the scale', () => {
    expect(parseJudgeScore('Score: 14', tenPoint)!.score).toBe(10);
    expect(parseJudgeScore('Score: 0', tenPoint)!.score).toBe(1);
  });

  it('rescales a fraction over another denominator', () => {
    expect(parseJudgeScore('I rate it 4/5', tenPoint)!.score).toBe(8);
    expect(parseJudgeScore('Score: 80/100', { min: 0, max: 5 })!.score).toBe(4);
  });

  it('finds nothing when there is no number', () => {
    expect(parseJudgeScore('It is pretty good, I suppose.', tenPoint)).toBeUndefined();
  });

  it('asks for Score and Reason on the scale', () => {
    const prompt = buildJudgePrompt('the text', 'accuracy', tenPoint);
    expect(prompt).toContain('on a scale from 1 to 10');
    expect(prompt).toContain('Score: <a number from 1 to 10>');
    expect(prompt).toContain('Reason:');
  });
});

function judgePipeline(answer: FakeAnswer, config: Record<string, unknown> = {}) {
  const models = createFakeModels({ grader: answer });
  const document = pipeline(
    [
      { id: 'input', kind: 'input' },
      { id: 'grade', kind: 'judge', config: { model: 'fake:grader', subject: '{{input.prompt}}', criteria: 'Is it polite?', ...config } },
      { id: 'out', kind: 'output', config: { value: '{{grade}}' } },
    ],
    [
      ['input', 'grade'],
      ['grade', 'out'],
    ],
  );
  return { models, run: () => runTestPipeline(document, { models: models.resolver, inputs: { prompt: 'Thanks a lot!' } }) };
}

describe('when the judge node runs', () => {
  it('outputs score, reason, model and usage', async () => {
    const { models, run } = judgePipeline(() => 'Well, Score: 9\nReason: very polite');
    const { outcome, events } = await run();
    expect(outcome.outputs.out).toMatchObject({ score: 9, reason: 'very polite', model: 'fake:grader', usage: { inputTokens: expect.any(Number) } });
    expect(models.calls[0]!.prompt).toContain('Thanks a lot!');
    expect(models.calls[0]!.prompt).toContain('Is it polite?');
    expect(events.find((event) => event.type === 'llm.call')!.data.role).toBe('judge');
  });

  it('uses a custom scale', async () => {
    const { models, run } = judgePipeline(() => 'Score: 4', { scale: { min: 0, max: 5 } });
    const { outcome } = await run();
    expect(outcome.outputs.out).toMatchObject({ score: 4 });
    expect(models.calls[0]!.prompt).toContain('on a scale from 0 to 5');
  });

  it('fails with OUTPUT_INVALID when the answer has no score', async () => {
    const { run } = judgePipeline(() => 'I would rather not say.');
    const { outcome } = await run();
    expect(outcome.error).toMatchObject({ code: 'OUTPUT_INVALID', nodeId: 'grade' });
  });
});
