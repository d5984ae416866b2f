import { describe, expect, it } from 'vitest';
import { pairedBootstrapCi } from './bootstrap.ts';
import { mean, percentileOfSorted, sampleVariance } from './descriptive.ts';
import { createRandom } from './random.ts';
import { createNormal } from './testing/synthetic-trials.ts';

const judgeDifferences = (n: number, seed: number) => {
  const random = createRandom(seed);
  return Float64Array.from({ length: n }, () => Math.floor(random() * 7) - 2);
};

describe('pairedBootstrapCi', () => {
  it('gives the same interval for the same seed and data, and a different one for another seed', () => {
    const differences = judgeDifferences(60, 1);
    const first = pairedBootstrapCi(differences, { seed: 11 });
    expect(pairedBootstrapCi(differences, { seed: 11 })).toEqual(first);
    expect(pairedBootstrapCi(differences, { seed: 12 }).ci).not.toEqual(first.ci);
  });

  it('resamples rows with the seeded generator: the same means as drawing indices with createRandom(seed)', () => {
    const normal = createNormal(createRandom(20));
    const differences = Float64Array.from({ length: 50 }, normal);
    const sorted = Float64Array.from(differences).sort();
    const random = createRandom(21);
    const means = Float64Array.from({ length: 200 }, () => {
      let sum = 0;
      for (let draw = 0; draw < sorted.length; draw++) sum += sorted[(random() * sorted.length) | 0]!;
      return sum / sorted.length;
    }).sort();
    const expected = [percentileOfSorted(means, (1 - 0.95) / 2), percentileOfSorted(means, (1 + 0.95) / 2)];
    expect(pairedBootstrapCi(differences, { seed: 21, resamples: 200, method: 'resample' }).ci).toEqual(expected);
  });

  it('brackets the mean difference', () => {
    const differences = judgeDifferences(60, 2);
    const { ci } = pairedBootstrapCi(differences, { seed: 3 });
    expect(ci![0]).toBeLessThan(mean(differences));
    expect(ci![1]).toBeGreaterThan(mean(differences));
  });

  it('draws the same distribution whether it resamples rows or draws category counts', () => {
    const differences = judgeDifferences(2000, 4);
    const resampled = pairedBootstrapCi(differences, { seed: 5, method: 'resample', resamples: 4000 });
    const multinomial = pairedBootstrapCi(differences, { seed: 5, method: 'multinomial', resamples: 4000 });
    expect(multinomial.method).toBe('multinomial');
    const width = resampled.ci![1] - resampled.ci![0];
    // Monte Carlo error of a 2.5 % quantile over 4,000 resamples is about 3 % of the width.
    expect(Math.abs(multinomial.ci![0] - resampled.ci![0])).toBeLessThan(0.1 * width);
    expect(Math.abs(multinomial.ci![1] - resampled.ci![1])).toBeLessThan(0.1 * width);
  });

  it('picks category counts for discrete scores and row resampling for continuous values', () => {
    expect(pairedBootstrapCi(judgeDifferences(1000, 6)).method).toBe('multinomial');
    const normal = createNormal(createRandom(7));
    expect(pairedBootstrapCi(Float64Array.from({ length: 1000 }, normal)).method).toBe('resample');
  });

  it('matches the normal-theory interval for a large sample', () => {
    const normal = createNormal(createRandom(8));
    const differences = Float64Array.from({ length: 5000 }, () => 0.3 + normal());
    const { ci } = pairedBootstrapCi(differences, { seed: 9 });
    const centre = mean(differences);
    const half = 1.959964 * Math.sqrt(sampleVariance(differences) / differences.length);
    expect(ci![0]).toBeCloseTo(centre - half, 2);
    expect(ci![1]).toBeCloseTo(centre + half, 2);
  });

  it('covers the true mean difference in about 95 % of repeated experiments', () => {
    const normal = createNormal(createRandom(10));
    let covered = 0;
    const experiments = 300;
    for (let experiment = 0; experiment < experiments; experiment++) {
      const differences = Float64Array.from({ length: 40 }, () => 0.5 + normal());
      const { ci } = pairedBootstrapCi(differences, { seed: experiment, resamples: 1000 });
      if (ci![0] <= 0.5 && 0.5 <= ci![1]) covered++;
    }
    // The percentile bootstrap runs a little narrow at n = 40 (≈ 93–94 %); 300 experiments give ±2.5 points of noise.
    expect(covered / experiments).toBeGreaterThan(0.88);
    expect(covered / experiments).toBeLessThan(0.99);
  });

  it('keeps the work bounded for many continuous rows, saying how many resamples it drew', () => {
    const normal = createNormal(createRandom(30));
    const differences = Float64Array.from({ length: 25_000 }, normal);
    expect(pairedBootstrapCi(differences).resamples).toBe(800);
    expect(pairedBootstrapCi(differences, { maxDraws: 1e6 }).resamples).toBe(500);
    expect(pairedBootstrapCi(judgeDifferences(25_000, 31)).resamples).toBe(2000);
  });

  it('gives no interval below two values and a point for constant differences', () => {
    expect(pairedBootstrapCi([1.5]).ci).toBeNull();
    expect(pairedBootstrapCi([]).ci).toBeNull();
    expect(pairedBootstrapCi([2, 2, 2, 2]).ci).toEqual([2, 2]);
  });
});
