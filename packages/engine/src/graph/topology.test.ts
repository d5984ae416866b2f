import { describe, expect, it } from 'vitest';
import { findCycles, topologicalOrder } from './topology.ts';

const deps = (entries: Record<string, string[]>) => new Map(Object.entries(entries));

describe('findCycles', () => {
  it('finds each loop and only its members', () => {
    const graph = deps({ a: [], b: ['a', 'd'], c: ['b'], d: ['c'], e: ['d'], f: ['f'], g: ['e'] });
    expect(findCycles(['a', 'b', 'c', 'd', 'e', 'f', 'g'], graph)).toEqual([['b', 'c', 'd'], ['f']]);
    // Kahn's algorithm leaves everything downstream of the loop unordered too; that is why the checks do not use it to blame.
    expect(topologicalOrder(['a', 'b', 'c', 'd', 'e', 'f', 'g'], graph).cyclic).toEqual(['b', 'c', 'd', 'e', 'f', 'g']);
  });

  it('copes with a long chain without recursion', () => {
    const ids = Array.from({ length: 20_000 }, (_, index) => `n${index}`);
    const graph = new Map(ids.map((id, index) => [id, index === 0 ? [ids.at(-1)!] : [ids[index - 1]!]]));
    expect(findCycles(ids, graph)[0]).toHaveLength(20_000);
  });
});
