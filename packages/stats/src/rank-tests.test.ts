import { describe, expect, it } from 'vitest';
import { mannWhitneyU, wilcoxonSignedRank } from './rank-tests.ts';

describe('wilcoxonSignedRank', () => {
  it('has no p-value when every difference is zero', () => {
    expect(wilcoxonSignedRank([0, 0, 0])).toMatchObject({ statistic: null, p: null, n: 0, reason: 'every difference is zero' });
  });

  it('drops zero differences before ranking', () => {
    expect(wilcoxonSignedRank([0, 0, 1, 2, -3, 4, 5, 6, 7], { method: 'approx' }).n).toBe(7);
  });

  it('uses the exact distribution for a few untied differences: p = 2 / 2ⁿ when all agree', () => {
    expect(wilcoxonSignedRank([1, 2, 3, 4, 5, 6])).toMatchObject({ method: 'exact', statistic: 0, p: 2 / 64 });
  });

  it('switches to the normal approximation when differences tie', () => {
    expect(wilcoxonSignedRank([1, 1, 2, 3, 4, 5]).method).toBe('normal approximation');
  });

  it('does not depend on which arm came first', () => {
    const differences = [1, -2, 3, 3, 4, -1, 2, 5, 0, 6];
    const swapped = differences.map((value) => -value);
    expect(wilcoxonSignedRank(swapped).p).toBeCloseTo(wilcoxonSignedRank(differences).p!, 15);
  });
});

describe('mannWhitneyU', () => {
  it('gives p = 1 when every value is the same in both groups', () => {
    expect(mannWhitneyU([3, 3, 3], [3, 3])).toMatchObject({ p: 1, reason: 'every value is the same in both groups' });
  });

  it('has no p-value with an empty group', () => {
    expect(mannWhitneyU([], [1, 2]).p).toBeNull();
  });

  it('is symmetric: U of a plus U of b is n₁n₂ and the p-values agree', () => {
    const a = [1, 4, 4, 6, 9, 10];
    const b = [2, 3, 4, 5];
    const forward = mannWhitneyU(a, b);
    const backward = mannWhitneyU(b, a);
    expect(forward.statistic! + backward.statistic!).toBe(24);
    expect(backward.p).toBeCloseTo(forward.p!, 15);
  });
});
