import { describe, expect, it } from 'vitest';
import { describeSample, percentileOfSorted, sortedCopy } from './descriptive.ts';

describe('describeSample', () => {
  it('gives nulls, not NaN, for an empty sample', () => {
    expect(describeSample([])).toEqual({ n: 0, mean: null, sd: null, ci95: null, median: null, p50: null, p95: null, min: null, max: null });
  });

  it('gives the value but no spread or interval for a single value', () => {
    const summary = describeSample([7]);
    expect(summary).toMatchObject({ n: 1, mean: 7, sd: null, ci95: null, median: 7, p50: 7, p95: 7, min: 7, max: 7 });
  });

  it('gives a zero-width interval for a constant sample', () => {
    expect(describeSample([4, 4, 4])).toMatchObject({ mean: 4, sd: 0, ci95: [4, 4] });
  });

  it('gives the t-interval of the mean', () => {
    // mean 3, sd √2.5, t(0.975, 4) = 2.7764451051977987
    const summary = describeSample([1, 2, 3, 4, 5]);
    const half = 2.7764451051977987 * Math.sqrt(2.5 / 5);
    expect(summary.ci95![0]).toBeCloseTo(3 - half, 12);
    expect(summary.ci95![1]).toBeCloseTo(3 + half, 12);
  });

  it('keeps the spread of large offsets (latencies in the millions) exact', () => {
    expect(describeSample([1e9 + 1, 1e9 + 2, 1e9 + 3]).sd).toBe(1);
  });
});

describe('percentileOfSorted (type 7, linear between closest ranks)', () => {
  it('interpolates between ranks', () => {
    const sorted = sortedCopy([10, 40, 20, 30]);
    expect(percentileOfSorted(sorted, 0)).toBe(10);
    expect(percentileOfSorted(sorted, 0.5)).toBe(25);
    expect(percentileOfSorted(sorted, 0.95)).toBeCloseTo(38.5, 12);
    expect(percentileOfSorted(sorted, 1)).toBe(40);
  });
});
