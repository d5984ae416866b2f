import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chatCompletionRequestSchema } from '@tandem/shared';
import { commonChatRequest } from './common-chat-request.ts';
import { readChatRequest } from './chat-request.ts';

/** Mostly `likely`, sometimes `other`: bodies near the common shape, valid and not. */
const mostly = <T, U>(likely: fc.Arbitrary<T>, other: fc.Arbitrary<U>) => fc.oneof({ arbitrary: likely, weight: 6 }, { arbitrary: other, weight: 1 });
const sometimes = <T>(value: fc.Arbitrary<T>) => fc.option(value, { nil: undefined, freq: 3 });
const rarely = <T>(value: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 12 }, { arbitrary: value, weight: 1 });
const withoutUndefined = (fields: Record<string, unknown>) => Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));

const message = fc
  .record({
    role: mostly(fc.constantFrom('system', 'developer', 'user', 'assistant'), fc.constantFrom('tool', 'robot', '')),
    content: mostly(fc.string(), fc.constantFrom(null, 7, [{ type: 'text', text: 'hi' }])),
    name: sometimes(mostly(fc.string(), fc.integer())),
    tool_call_id: rarely(fc.string()),
  })
  .map(withoutUndefined);
const anyValue = fc.oneof(fc.constant(null), fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -5, max: 300 }), fc.string({ maxLength: 300 }), fc.constant(2 ** 60));
const number = (min: number, max: number) => mostly(fc.double({ min, max, noNaN: true }), anyValue);
const body = fc
  .record({
    model: mostly(fc.constant('sim:instant'), fc.constantFrom('', 3)),
    messages: mostly(fc.array(message, { minLength: 1, maxLength: 4 }), fc.constantFrom([], 'hello')),
    stream: sometimes(mostly(fc.boolean(), anyValue)),
    temperature: sometimes(number(0, 2)),
    top_p: sometimes(number(0, 1)),
    max_tokens: sometimes(mostly(fc.integer({ min: 1, max: 4096 }), anyValue)),
    max_completion_tokens: sometimes(mostly(fc.integer({ min: 1, max: 4096 }), anyValue)),
    seed: sometimes(mostly(fc.integer(), anyValue)),
    user: sometimes(mostly(fc.string({ maxLength: 256 }), anyValue)),
    n: rarely(anyValue),
    unknown_parameter: rarely(anyValue),
  })
  .map(withoutUndefined);

describe('the common chat request shape', () => {
  it('accepts only bodies the request schema accepts, and answers them exactly as the schema would', () => {
    let accepted = 0;
    fc.assert(
      fc.property(body, (candidate) => {
        const common = commonChatRequest(candidate);
        if (common === undefined) return;
        accepted++;
        const parsed = chatCompletionRequestSchema.safeParse(candidate);
        expect(parsed.success).toBe(true);
        expect(common).toEqual(parsed.data);
      }),
      { numRuns: 3000 },
    );
    // The property says something only if the fast path was taken often enough.
    expect(accepted).toBeGreaterThan(20);
  });

  it('takes the body most clients send, and leaves every other shape to the schema with its named errors', () => {
    const usual = { model: 'sim:instant', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi', name: 'ada' }], temperature: 0.2, max_tokens: 64, stream: false };
    expect(commonChatRequest(usual)).toBe(usual);
    expect(commonChatRequest({ ...usual, messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] })).toBeUndefined();
    expect(commonChatRequest({ ...usual, temperature: 3 })).toBeUndefined();
    expect(commonChatRequest({ ...usual, n: 1 })).toBeUndefined();
    expect(commonChatRequest(JSON.parse('{"model":"m","messages":[{"role":"user","content":"x"}],"__proto__":{"x":1}}'))).toBeUndefined();
    expect(commonChatRequest({ model: 'm', messages: [] })).toBeUndefined();
    expect(() => readChatRequest({ ...usual, temperature: 3 })).toThrow(/Invalid value for 'temperature'/);
  });
});
