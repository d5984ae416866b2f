import { describe, expect, it } from 'vitest';
import { StudioError } from '@tandem/shared';
import { evaluateCondition, parseCondition } from './branch-expression.ts';

const scope: Record<string, unknown> = {
  'judge.score': 8,
  'check.valid': true,
  'review.decision': 'approved',
  'answer.text': 'The owl hoots',
  'answer.tags': ['night', 'bird'],
  'answer.json': { n: 1 },
  'count.text': '12',
};
const run = (condition: string) => evaluateCondition(parseCondition(condition), (reference) => scope[reference]);

describe('when a condition compares references', () => {
  it.each([
    ['{{judge.score}} >= 7 && {{check.valid}}', true],
    ['{{judge.score}} > 8 || {{check.valid}} == false', false],
    ['{{review.decision}} == "approved"', true],
    ["{{review.decision}} != 'approved'", false],
    ['!({{judge.score}} < 5)', true],
    ['{{answer.text}} contains "owl"', true],
    ['{{answer.tags}} contains "bird"', true],
    ['{{answer.json}} contains "n"', true],
    ['{{count.text}} == 12', true],
    ['{{count.text}} === 12', false],
    ['{{count.text}} > 9', true],
    ['{{missing.value}} == null', true],
    ['{{missing.value}}', null],
    ['-{{judge.score}} < 0', true],
    ['1 + 1', 'error'],
  ])('%s → %s', (condition, expected) => {
    if (expected === 'error') expect(() => run(condition)).toThrow(StudioError);
    else expect(run(condition)).toBe(expected);
  });

  it('binds && tighter than ||', () => {
    expect(run('true || false && false')).toBe(true);
    expect(run('(true || false) && false')).toBe(false);
  });

  it('compares strings alphabetically and never throws on mixed types', () => {
    expect(run('"apple" < "banana"')).toBe(true);
    expect(run('"apple" < 3')).toBe(false);
  });
});

describe('when a condition has a syntax error', () => {
  it.each([
    ['{{judge.score}} >=', 'expected a value but found "end of condition" at position 19'],
    ['{{judge.score}} = 7', 'use == to compare at position 17'],
    ['({{judge.score}} > 7', 'expected ")" but found "end of condition" at position 21'],
    ['"open', 'unterminated string at position 1'],
    ['approved == {{review.decision}}', 'unknown word "approved"'],
    ['{{a.b}} {{c.d}}', 'unexpected "c.d" at position 9'],
    ['   ', 'the condition is empty'],
  ])('reports %j with its position', (condition, message) => {
    try {
      parseCondition(condition);
      expect.unreachable();
    } catch (error) {
      expect(StudioError.is(error) && error.code).toBe('NODE_CONFIG_INVALID');
      expect((error as Error).message).toContain(message);
    }
  });

  it('never evaluates JavaScript', () => {
    expect(() => parseCondition('process.exit(1)')).toThrow(StudioError);
    expect(() => parseCondition('process')).toThrow(/unknown word "process"/);
    expect(() => parseCondition('globalThis["x"]')).toThrow(StudioError);
  });
});
