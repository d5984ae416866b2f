import { StudioError } from '@tandem/shared';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.ts';
import { createNormal } from '../testing/synthetic-trials.ts';
import { liveComparison, type LiveObservation } from './live-comparison.ts';

const variants = [{ id: 'A' }, { id: 'B' }];

function traffic(count: number, means: Record<string, number>, seed: number): LiveObservation[] {
  const random = createRandom(seed);
  const normal = createNormal(random);
  const ids = Object.keys(means);
  return Array.from({ length: count }, (_, index) => {
    const variant = ids[index % ids.length]!;
    return { variant, metrics: { 'feedback.score': means[variant]! + 2 * normal(), thumbsUp: random() < 0.5, latencyMs: 700 + 100 * normal() } };
  });
}

describe('liveComparison', () => {
  it('says better only once the always-valid interval of the difference excludes 0', () => {
    const result = liveComparison({ variants, control: 'A', observations: traffic(4000, { A: 6, B: 6.6 }, 1) });
    const score = result.comparisons.find((c) => c.metric === 'feedback.score')!;
    expect(score.interval![0]).toBeGreaterThan(0);
    expect(score.verdict).toBe('better');
    expect(result.winner).toBe('B');
    expect(result.recommendation).toMatch(/^B beats A on feedback\.score by [\d.]+ points \(always-valid 97\.5 % interval [\d.]+ to [\d.]+\)/);
  });

  it('is wider than a fixed-sample interval at the same count', () => {
    const result = liveComparison({ variants, control: 'A', observations: traffic(400, { A: 6, B: 6 }, 2) });
    const a = result.variants[0]!.metrics['feedback.score']!;
    const fixedHalfWidth = (1.96 * a.sd!) / Math.sqrt(a.n);
    expect((a.interval![1] - a.interval![0]) / 2).toBeGreaterThan(fixedHalfWidth);
  });

  it('says no detectable difference for A/A traffic', () => {
    const result = liveComparison({ variants, control: 'A', observations: traffic(2000, { A: 6, B: 6 }, 3) });
    expect(result.comparisons.find((c) => c.metric === 'feedback.score')!.verdict).toBe('no detectable difference');
    expect(result.winner).toBeNull();
  });

  it('says not enough data below the minimum per variant', () => {
    const result = liveComparison({ variants, control: 'A', observations: traffic(12, { A: 1, B: 9 }, 4) });
    expect(result.comparisons.every((c) => c.verdict === 'not enough data')).toBe(true);
    expect(result.recommendation).toMatch(/^Keep collecting/);
  });

  it('splits alpha over the score and pass comparisons (Bonferroni) but not latency', () => {
    const result = liveComparison({ variants: [...variants, { id: 'C' }], control: 'A', observations: traffic(300, { A: 6, B: 6, C: 6 }, 5) });
    const alphaOf = (metric: string) => result.comparisons.find((c) => c.metric === metric)!.alpha;
    expect(alphaOf('feedback.score')).toBeCloseTo(0.05 / 4, 15);
    expect(alphaOf('thumbsUp')).toBeCloseTo(0.05 / 4, 15);
    expect(alphaOf('latencyMs')).toBe(0.05);
  });

  it('ignores NaN and missing values and stays JSON-safe', () => {
    const observations: LiveObservation[] = [
      { variant: 'A', metrics: { s: Number.NaN } },
      { variant: 'A', metrics: null },
      { variant: 'B', metrics: { s: 3 } },
    ];
    const result = liveComparison({ variants, control: 'A', observations });
    expect(result.variants[0]).toMatchObject({ n: 2, metrics: { s: { n: 0, mean: null, sd: null, interval: null } } });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('refuses an unknown variant, naming the field', () => {
    expect(() => liveComparison({ variants, control: 'A', observations: [{ variant: 'Z' }] })).toThrow(StudioError);
    expect(() => liveComparison({ variants, control: 'Z', observations: [] })).toThrow(/^control: must be one of A, B$/);
  });
});
