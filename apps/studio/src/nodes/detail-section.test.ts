import { describe, expect, it } from 'vitest';
import { looksLikeCode } from './detail-section.tsx';

describe('looksLikeCode', () => {
  it('sets JSON and code in mono and prose in the sans font', () => {
    expect(looksLikeCode('{\n  "title": "Sync",\n  "participants": ["Ana"]\n}')).toBe(true);
    expect(looksLikeCode('[1, 2, 3]')).toBe(true);
    expect(looksLikeCode('{{input.prompt}}')).toBe(true);
    expect(looksLikeCode('There are two main reasons why tandem bicycles need a strong captain. The first is balance.')).toBe(false);
    expect(looksLikeCode('{ not json, just a brace in a sentence. It reads as prose.')).toBe(false);
  });
});
