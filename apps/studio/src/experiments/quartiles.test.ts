import { describe, expect, it } from 'vitest';
import { boxStats } from './quartiles.ts';

describe('box statistics', () => {
  it('use type-7 quartiles and put values beyond 1.5 IQR apart as outliers', () => {
    expect(boxStats([1, 2, 3, 4, 5, 6, 7, 8, 100])).toEqual({ min: 1, firstQuartile: 3, median: 5, thirdQuartile: 7, max: 8, outliers: [100], n: 9 });
  });

  it('ignore values that are not finite and answer nothing without values', () => {
    expect(boxStats([Number.NaN, 4, Number.POSITIVE_INFINITY])).toMatchObject({ min: 4, max: 4, median: 4, n: 1 });
    expect(boxStats([])).toBeUndefined();
  });
});
