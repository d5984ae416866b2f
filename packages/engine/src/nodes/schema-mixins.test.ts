import { describe, expect, it } from 'vitest';
import { validateJson } from './json-output.ts';
import { applyMixins, separateMixinFields } from './schema-mixins.ts';

const answerSchema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] };

describe('when the introspect mixin wraps an output schema', () => {
  const wrapped = applyMixins(answerSchema, ['introspect']);
  const allOf = wrapped.allOf as Record<string, unknown>[];

  it('puts _considerations first, the wrapped schema in the middle and _feedback last', () => {
    expect(allOf).toHaveLength(3);
    expect(allOf[0]).toMatchObject({ required: ['_considerations'], properties: { _considerations: { type: 'string' } } });
    expect(allOf[1]).toBe(answerSchema);
    expect(allOf[2]).toMatchObject({ required: ['_feedback'], properties: { _feedback: { type: 'string' } } });
  });

  it('accepts an object with considerations, the answer and feedback', () => {
    expect(validateJson(wrapped, { _considerations: 'weigh X', answer: '42', _feedback: 'clear task' })).toEqual([]);
  });

  it('rejects an object missing _considerations', () => {
    const errors = validateJson(wrapped, { answer: '42', _feedback: 'clear task' });
    expect(errors.join(' ')).toContain('_considerations');
  });

  it('still enforces the wrapped schema', () => {
    expect(validateJson(wrapped, { _considerations: 'x', _feedback: 'y' }).join(' ')).toContain('answer');
  });
});

describe('when no mixin is asked for', () => {
  it('returns the schema unchanged', () => {
    expect(applyMixins(answerSchema, [])).toBe(answerSchema);
  });
});

describe('when an introspect answer is separated', () => {
  it('moves _considerations and _feedback to introspection and leaves the value clean', () => {
    const answer = { _considerations: 'weigh X', start: '2026-12-03T14:00:00Z', attendees: ['Ana'], _feedback: 'clear task' };
    expect(separateMixinFields(answer, ['introspect'])).toEqual({
      json: { start: '2026-12-03T14:00:00Z', attendees: ['Ana'] },
      notes: { introspection: { considerations: 'weigh X', feedback: 'clear task' } },
    });
    expect(answer).toHaveProperty('_considerations');
  });

  it('leaves values alone without mixins, or when they are not objects', () => {
    const answer = { _considerations: 'kept', n: 1 };
    expect(separateMixinFields(answer, [])).toEqual({ json: answer, notes: {} });
    expect(separateMixinFields([1, 2], ['introspect'])).toEqual({ json: [1, 2], notes: {} });
    expect(separateMixinFields('text', ['introspect'])).toEqual({ json: 'text', notes: {} });
  });
});
