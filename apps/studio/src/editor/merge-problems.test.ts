import { describe, expect, it } from 'vitest';
import { mergeProblems } from './merge-problems.ts';

describe('mergeProblems', () => {
  it('keeps order and drops exact repeats', () => {
    const a = { code: 'A', message: 'one', nodeId: 'x' };
    const b = { code: 'B', message: 'two' };
    expect(mergeProblems([a, b], [{ ...a }, { code: 'A', message: 'one', nodeId: 'y' }])).toEqual([a, b, { code: 'A', message: 'one', nodeId: 'y' }]);
  });
});
