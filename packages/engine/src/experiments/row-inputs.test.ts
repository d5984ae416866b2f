import { describe, expect, it } from 'vitest';
import { checkMapping, resolveMapping, rowInputs } from './row-inputs.ts';

const schema = {
  type: 'object',
  properties: { question: { type: 'string' }, limit: { type: 'integer' }, strict: { type: 'boolean' }, tags: { type: 'array' } },
  required: ['question'],
};

describe('mapping dataset columns to pipeline inputs', () => {
  it('maps by name, then by name in another case, and finds the expected column', () => {
    expect(resolveMapping(schema, ['Question', 'limit', 'Expected', 'other'])).toEqual({ inputs: { question: 'Question', limit: 'limit' }, expected: 'Expected' });
  });

  it('lets the caller change any input and the expected column', () => {
    expect(resolveMapping(schema, ['q', 'answer'], { inputs: { question: 'q' }, expected: 'answer' })).toEqual({ inputs: { question: 'q' }, expected: 'answer' });
  });

  it('names the required input no column covers, an unknown column and an unknown input', () => {
    const problems = checkMapping(schema, ['text'], { inputs: { limit: 'nope', ghost: 'text' }, expected: 'gold' });
    expect(problems.map((problem) => problem.field)).toEqual(['mapping.inputs.limit', 'mapping.inputs.ghost', 'mapping.inputs.question', 'mapping.expected']);
    expect(problems[2]!.message).toContain('"text"');
  });

  it('reads text cells as the declared type when they parse, and leaves empty cells out', () => {
    const mapping = { inputs: { question: 'q', limit: 'n', strict: 's', tags: 't' } };
    expect(rowInputs(schema, mapping, { q: 'Why?', n: ' 12 ', s: 'TRUE', t: '["a"]' })).toEqual({ question: 'Why?', limit: 12, strict: true, tags: ['a'] });
    expect(rowInputs(schema, mapping, { q: '', n: 'many', s: 'maybe' })).toEqual({ limit: 'many', strict: 'maybe' });
  });
});
