import { describe, expect, it } from 'vitest';
import { mcnemarExact } from './paired-proportions.ts';
import { createRandom } from './random.ts';
import { minimumUnitsForSignificance, pairedProportionSampleSize, pairedSampleSize, twoSampleSize } from './sample-size.ts';
import { pairedTTest, twoSampleTTest } from './t-tests.ts';
import { createNormal } from './testing/synthetic-trials.ts';

/** Share of simulated experiments whose test rejects at alpha. */
function simulatedPower(experiments: number, run: () => number | null, alpha = 0.05): number {
  let rejected = 0;
  for (let experiment = 0; experiment < experiments; experiment++) if ((run() ?? 1) < alpha) rejected++;
  return rejected / experiments;
}

describe('sample sizes give the promised 80 % power', () => {
  it('for a paired t-test (d_z = 0.5)', () => {
    const n = pairedSampleSize(0.5)!;
    const normal = createNormal(createRandom(1));
    const power = simulatedPower(2000, () => pairedTTest(Float64Array.from({ length: n }, () => 0.5 + normal())).p);
    // 2,000 experiments: ±1.8 points of noise around 0.80.
    expect(power).toBeGreaterThan(0.76);
    expect(power).toBeLessThan(0.85);
  });

  it('for a two-sample t-test (d = 0.5)', () => {
    const n = twoSampleSize(0.5)!;
    const normal = createNormal(createRandom(2));
    const power = simulatedPower(1500, () => twoSampleTTest(Float64Array.from({ length: n }, () => 0.5 + normal()), Float64Array.from({ length: n }, normal)).p);
    expect(power).toBeGreaterThan(0.75);
    expect(power).toBeLessThan(0.86);
  });

  it("for McNemar's test (20 % discordant pairs, 10 points apart)", () => {
    const n = pairedProportionSampleSize(0.2, 0.1)!;
    const random = createRandom(3);
    // Discordant pairs: 15 % only the new arm passes, 5 % only the baseline.
    const power = simulatedPower(1500, () => {
      let onlyBaseline = 0;
      let onlyArm = 0;
      for (let row = 0; row < n; row++) {
        const u = random();
        if (u < 0.05) onlyBaseline++;
        else if (u < 0.2) onlyArm++;
      }
      return mcnemarExact(onlyBaseline, onlyArm).p;
    });
    // The exact test is a little conservative against the normal formula.
    expect(power).toBeGreaterThan(0.72);
    expect(power).toBeLessThan(0.86);
  });

  it('needs more rows for smaller effects and stricter levels', () => {
    expect(pairedSampleSize(0.2)!).toBeGreaterThan(pairedSampleSize(0.5)!);
    expect(pairedSampleSize(0.5, { alpha: 0.01 })!).toBeGreaterThan(pairedSampleSize(0.5)!);
  });

  it('has no answer for a zero effect', () => {
    expect(pairedSampleSize(0)).toBeNull();
    expect(pairedProportionSampleSize(0.2, 0)).toBeNull();
  });
});

describe('minimumUnitsForSignificance', () => {
  it('is the fewest units with which a unanimous sign could be significant', () => {
    expect(minimumUnitsForSignificance(0.05)).toBe(6);
    expect(mcnemarExact(0, 6).p).toBeLessThan(0.05);
    expect(mcnemarExact(0, 5).p).toBeGreaterThanOrEqual(0.05);
    expect(minimumUnitsForSignificance(0.01)).toBe(8);
  });
});
