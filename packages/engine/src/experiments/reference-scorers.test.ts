import { describe, expect, it } from 'vitest';
import { scorerSchema } from '@tandem/shared';
import { checkScorers, scoreReference, type ReferenceScorer } from './reference-scorers.ts';

const scorer = (value: unknown) => scorerSchema.parse(value) as ReferenceScorer;

describe('reference scorers', () => {
  it('exact compares trimmed text, ignoring case unless asked', () => {
    expect(scoreReference(scorer({ type: 'exact' }), { output: ' Paris ', expected: 'paris' })).toBe(true);
    expect(scoreReference(scorer({ type: 'exact', caseSensitive: true }), { output: 'Paris', expected: 'paris' })).toBe(false);
    expect(scoreReference(scorer({ type: 'exact' }), { output: { a: 1 }, expected: '{"a":1}' })).toBe(true);
  });

  it('contains looks for the expected text in the output', () => {
    expect(scoreReference(scorer({ type: 'contains' }), { output: 'The capital is Paris.', expected: 'PARIS' })).toBe(true);
    expect(scoreReference(scorer({ type: 'contains' }), { output: 'Lyon', expected: 'Paris' })).toBe(false);
  });

  it('regex uses its own pattern, or the expected value as the pattern', () => {
    expect(scoreReference(scorer({ type: 'regex', pattern: '^\\d+$' }), { output: '42', expected: undefined })).toBe(true);
    expect(scoreReference(scorer({ type: 'regex' }), { output: 'order 1234', expected: '\\d{4}' })).toBe(true);
    expect(scoreReference(scorer({ type: 'regex' }), { output: 'order', expected: '(' })).toBe(false);
  });

  it('jsonSchema parses JSON from the output and validates it', () => {
    const schema = { type: 'object', properties: { n: { type: 'number' } }, required: ['n'] };
    expect(scoreReference(scorer({ type: 'jsonSchema', schema }), { output: 'Here: {"n": 3}', expected: undefined })).toBe(true);
    expect(scoreReference(scorer({ type: 'jsonSchema', schema }), { output: '{"n": "3"}', expected: undefined })).toBe(false);
    expect(scoreReference(scorer({ type: 'jsonSchema' }), { output: '{"n": 3}', expected: JSON.stringify(schema) })).toBe(true);
  });

  it('regex runs on the linear-time engine: a catastrophic pattern answers at once', () => {
    expect(scoreReference(scorer({ type: 'regex', pattern: '^(a+)+$' }), { output: `${'a'.repeat(5000)}b`, expected: undefined })).toBe(false);
  });

  it('give no value when the row has no expected answer', () => {
    expect(scoreReference(scorer({ type: 'exact' }), { output: 'x', expected: '' })).toBeUndefined();
  });

  it('checks name every bad field', () => {
    const problems = checkScorers(
      [scorerSchema.parse({ type: 'exact' }), scorerSchema.parse({ type: 'exact' }), scorerSchema.parse({ type: 'regex', name: 'latencyMs', pattern: '(' }), scorerSchema.parse({ type: 'js', code: 'return 1', output: 'nope' })],
      { outputNodeIds: ['out'], hasExpected: false },
    );
    expect(problems.map((problem) => problem.field)).toEqual(['scorers.0', 'scorers.1.name', 'scorers.1', 'scorers.2.name', 'scorers.2.pattern', 'scorers.3.output']);
  });
});
