import { describe, expect, it } from 'vitest';
import { buildTimeScale } from './time-scale.ts';

describe('buildTimeScale', () => {
  it('is linear when the run kept busy', () => {
    const scale = buildTimeScale(0, 1000, [{ start: 0, end: 400 }, { start: 350, end: 1000 }]);
    expect(scale.breaks).toEqual([]);
    expect(scale.at(500)).toBe(0.5);
  });

  it('compresses a two-hour wait for a person so the model steps stay wide', () => {
    const hours = 2 * 60 * 60 * 1000;
    const busy = [{ start: 0, end: 3000 }, { start: 3000 + hours, end: 5000 + hours }];
    const scale = buildTimeScale(0, 5000 + hours, busy);
    expect(scale.breaks).toHaveLength(1);
    expect(scale.breaks[0]).toMatchObject({ start: 3000, end: 3000 + hours });
    // The first step takes 3 of the 5 busy seconds: about 3/5 of what the break leaves.
    expect(scale.at(3000)).toBeCloseTo(0.94 * 0.6, 5);
    expect(scale.at(3000 + hours)).toBeCloseTo(0.94 * 0.6 + 0.06, 5);
    expect(scale.at(5000 + hours)).toBeCloseTo(1, 9);
    expect(scale.labels).toEqual([0, 3000 + hours]);
  });

  it('keeps positions in order across the break', () => {
    const scale = buildTimeScale(0, 100_000, [{ start: 0, end: 1000 }]);
    const positions = [0, 500, 1000, 50_000, 100_000].map(scale.at);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});
