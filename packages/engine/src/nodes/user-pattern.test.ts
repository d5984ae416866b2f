import { describe, expect, it } from 'vitest';
import { checkPipeline } from '../graph/check-pipeline.ts';
import { pipeline, testRegistry } from '../testing/run-pipeline.ts';
import { compileUserPattern } from './user-pattern.ts';

const test = (pattern: string, text: string, flags?: string) => {
  const compiled = compileUserPattern(pattern, flags);
  if (!compiled.ok) throw new Error(compiled.message);
  return compiled.pattern.test(text);
};

describe('compileUserPattern', () => {
  it('searches anywhere in the text, as RegExp#test does', () => {
    expect(test('\\d{4}-\\d{2}', 'due 2024-05, paid')).toBe(true);
    expect(test('^\\d{4}$', 'due 2024')).toBe(false);
    expect(test('\\bowl\\b', 'an owl flew')).toBe(true);
    expect(test('(?<year>\\d{4})', '1999')).toBe(true);
  });

  it('maps the i, m and s flags and accepts g, y and u', () => {
    expect(test('hello', 'HELLO', 'i')).toBe(true);
    expect(test('hello', 'HELLO')).toBe(false);
    expect(test('^b$', 'a\nb', 'm')).toBe(true);
    expect(test('^b$', 'a\nb')).toBe(false);
    expect(test('a.b', 'a\nb', 's')).toBe(true);
    expect(test('a.b', 'a\nb')).toBe(false);
    expect(test('b', 'abc', 'gyu')).toBe(true);
  });

  it('answers a catastrophic-backtracking pattern instead of hanging', () => {
    expect(test('^(a+)+$', `${'a'.repeat(25)}!`)).toBe(false);
    expect(test('^(a|aa)+$', `${'a'.repeat(40)}b`)).toBe(false);
    expect(test('(x+x+)+y', 'x'.repeat(5000))).toBe(false);
  });

  it('names backreferences and lookaround as unsupported, on the pattern field', () => {
    for (const pattern of ['(a)\\1', 'a(?=b)', 'a(?!b)', '(?<=a)b', '(?<!a)b']) {
      const compiled = compileUserPattern(pattern);
      expect(compiled).toMatchObject({ ok: false, field: 'pattern', message: expect.stringContaining('lookahead, lookbehind and backreferences are not supported') });
    }
    expect(compileUserPattern('([a-z')).toMatchObject({ ok: false, field: 'pattern', message: expect.stringContaining('missing closing ]') });
  });

  it('refuses unknown and repeated flags on the flags field', () => {
    expect(compileUserPattern('a', 'x')).toMatchObject({ ok: false, field: 'flags', message: expect.stringContaining('unknown flag "x"') });
    expect(compileUserPattern('a', 'ii')).toMatchObject({ ok: false, field: 'flags', message: 'flag "i" is given twice' });
  });
});

describe('when a validate node has a pattern the engine cannot run', () => {
  it('is a problem on that check\'s field before running, not a failure at run time', () => {
    const document = pipeline(
      [
        { id: 'answer', kind: 'llm', config: { model: 'fake:writer', prompt: 'Write' } },
        {
          id: 'check',
          kind: 'validate',
          config: { target: 'answer', checks: [{ type: 'length', min: 1 }, { type: 'regex', pattern: '(\\w+) \\1' }, { type: 'regex', pattern: 'ok', flags: 'q' }] },
        },
        { id: 'out', kind: 'output', config: { value: '{{check.value}}' } },
      ],
      [['check', 'out']],
    );
    const check = checkPipeline(document, testRegistry);
    expect(check.ok).toBe(false);
    expect(check.problems.map(({ code, nodeId, field }) => ({ code, nodeId, field }))).toEqual([
      { code: 'NODE_CONFIG_INVALID', nodeId: 'check', field: 'config.checks.1.pattern' },
      { code: 'NODE_CONFIG_INVALID', nodeId: 'check', field: 'config.checks.2.flags' },
    ]);
    expect(check.problems[0]!.message).toContain('config.checks.1.pattern: not a supported pattern: invalid escape sequence');
  });
});
