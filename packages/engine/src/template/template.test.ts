import { describe, expect, it } from 'vitest';
import { evaluateTemplate, extractReferences, renderTemplate } from './template.ts';

describe('templates', () => {
  const scope = { input: { prompt: 'hi', user: { id: 7 } }, answer: { text: 'done', list: ['a', 'b'] } };

  it('renders references and leaves plain text alone', () => {
    expect(renderTemplate('Q: {{input.prompt}} / {{ answer.text }}', scope)).toBe('Q: hi / done');
    expect(renderTemplate('no refs', scope)).toBe('no refs');
  });

  it('inserts objects as JSON and missing values as empty text', () => {
    expect(renderTemplate('{{input.user}}|{{input.nope}}|{{ghost.x}}', scope)).toBe('{"id":7}||');
  });

  it('reads array indices', () => {
    expect(renderTemplate('{{answer.list[1]}}', scope)).toBe('b');
  });

  it('evaluates a lone reference to the raw value', () => {
    expect(evaluateTemplate('{{input.user}}', scope)).toEqual({ id: 7 });
    expect(evaluateTemplate(' x {{input.user.id}}', scope)).toBe(' x 7');
  });

  it('lists references with node id and path', () => {
    expect(extractReferences('{{a.b.c}} and {{d}}')).toEqual([
      { expression: 'a.b.c', nodeId: 'a', path: ['b', 'c'] },
      { expression: 'd', nodeId: 'd', path: [] },
    ]);
  });

  it('rejects malformed references', () => {
    expect(() => extractReferences('{{1abc}}')).toThrow(/must start with a node id/);
    expect(() => extractReferences('{{a..b}}')).toThrow(/Malformed/);
  });

  it('does not read inherited properties', () => {
    expect(renderTemplate('{{input.constructor}}', scope)).toBe('');
  });
});
