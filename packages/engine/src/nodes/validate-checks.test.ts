import { describe, expect, it } from 'vitest';
import { StudioError } from '@tandem/shared';
import type { Sandbox } from '../ports/services.ts';
import { createFakeModels, type FakeAnswer } from '../testing/fake-models.ts';
import { pipeline, runTestPipeline } from '../testing/run-pipeline.ts';

/** Runs one validation of `text` (an llm answer) with the given checks and returns the recorded results. */
async function resultsOf(checks: unknown[], text: string, sandbox?: Sandbox, models: Record<string, FakeAnswer> = {}) {
  const document = pipeline(
    [
      { id: 'answer', kind: 'llm', config: { model: 'fake:writer', prompt: 'Write' } },
      { id: 'check', kind: 'validate', config: { target: 'answer', checks, maxRetries: 0, onFail: { type: 'default', value: null } } },
      { id: 'out', kind: 'output', config: { value: '{{check.valid}}' } },
    ],
    [['check', 'out']],
  );
  const { events } = await runTestPipeline(document, {
    models: createFakeModels({ writer: () => text, ...models }).resolver,
    services: sandbox ? { sandbox } : {},
  });
  return events.find((event) => event.type === 'validate.result')!.data.results as { type: string; passed: boolean; reason?: string }[];
}

describe('when each check type runs', () => {
  it('jsonSchema parses JSON from chatty text and validates it', async () => {
    const schema = { type: 'object', required: ['name'] };
    expect(await resultsOf([{ type: 'jsonSchema', schema }], 'Sure! {"name": "Ada"}')).toEqual([{ type: 'jsonSchema', passed: true }]);
    const [missing] = await resultsOf([{ type: 'jsonSchema', schema }], '{"age": 3}');
    expect(missing).toMatchObject({ passed: false, reason: expect.stringContaining("must have required property 'name'") });
  });

  it('regex searches the text like RegExp#test, with the i, m and s flags', async () => {
    expect(await resultsOf([{ type: 'regex', pattern: '^hello', flags: 'i' }], 'Hello there')).toEqual([{ type: 'regex', passed: true }]);
    const results = await resultsOf([{ type: 'regex', pattern: '^second$', flags: 'm' }, { type: 'regex', pattern: '^second$' }], 'first\nsecond');
    expect(results.map((result) => result.passed)).toEqual([true, false]);
    expect(results[1]!.reason).toBe('does not match /^second$/');
  });

  it('runs a catastrophic-backtracking pattern on the linear-time engine and answers', async () => {
    // `^(a+)+$` against 25 a's and a "!" takes seconds with a backtracking engine.
    const [result] = await resultsOf([{ type: 'regex', pattern: '^(a+)+$' }], `${'a'.repeat(25)}!`);
    expect(result).toEqual({ type: 'regex', passed: false, reason: 'does not match /^(a+)+$/' });
    expect(await resultsOf([{ type: 'regex', pattern: '^(a+)+$' }], 'a'.repeat(26))).toEqual([{ type: 'regex', passed: true }]);
  });

  it('length and contains (with negate) check the text', async () => {
    const results = await resultsOf(
      [
        { type: 'length', max: 5 },
        { type: 'contains', text: 'owl' },
        { type: 'contains', text: 'lorem', negate: true },
        { type: 'contains', text: 'owl', negate: true },
      ],
      'an owl',
    );
    expect(results.map((result) => result.passed)).toEqual([false, true, true, false]);
    expect(results[0]!.reason).toBe('is 6 long, longer than the maximum 5');
  });

  it('js passes on a truthy result, fails with a returned string, and fails on sandbox errors', async () => {
    const sandbox: Sandbox = {
      async run(code, input) {
        const value = (input as { value: string }).value;
        if (code === 'throw') throw new StudioError('SANDBOX_TIMEOUT', 'took longer than 1000 ms');
        if (code === 'reason') return 'needs a question mark';
        return value.includes('owl');
      },
    };
    const results = await resultsOf([{ type: 'js', code: 'truthy' }, { type: 'js', code: 'reason' }, { type: 'js', code: 'throw' }], 'an owl', sandbox);
    expect(results).toEqual([
      { type: 'js', passed: true },
      { type: 'js', passed: false, reason: 'needs a question mark' },
      { type: 'js', passed: false, reason: 'the predicate threw: took longer than 1000 ms' },
    ]);
  });

  it('js fails with a clear reason when the host has no sandbox', async () => {
    const [result] = await resultsOf([{ type: 'js', code: 'return true' }], 'x');
    expect(result).toMatchObject({ passed: false, reason: expect.stringContaining('no JavaScript sandbox') });
  });

  it('judge passes at or above the threshold and fails below it', async () => {
    const models = { grader: (prompt: string) => (prompt.includes('good') ? 'Score: 8\nReason: fine' : 'I would rate this 3/10. Reason: vague') };
    expect(await resultsOf([{ type: 'judge', model: 'fake:grader', criteria: 'clarity', threshold: 7 }], 'good text', undefined, models)).toEqual([
      { type: 'judge', passed: true },
    ]);
    const [low] = await resultsOf([{ type: 'judge', model: 'fake:grader', criteria: 'clarity', threshold: 7 }], 'meh', undefined, models);
    expect(low).toMatchObject({ passed: false, reason: 'the judge scored 3 (below 7): vague' });
  });
});

