import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { benjaminiHochbergAdjust, holmAdjust } from './adjust.ts';
import { percentileOfSorted, sortedCopy } from './descriptive.ts';
import { normalCdf, normalQuantile, tCdf, tQuantile } from './distributions.ts';
import { cohensDz } from './effect-size.ts';
import { mcnemarChiSquare, mcnemarExact, signTest } from './paired-proportions.ts';
import { twoProportionZTest, wilsonInterval } from './proportions.ts';
import { mannWhitneyU, wilcoxonSignedRank } from './rank-tests.ts';
import { pairedSampleSize, twoProportionSampleSize } from './sample-size.ts';
import { pairedTTest, twoSampleTTest } from './t-tests.ts';

// Read from the repository's sibling `shared/` folder, as the fixture's README asks.
const reference = JSON.parse(readFileSync(new URL('../../../../shared/fixtures/statistics/reference.json', import.meta.url), 'utf8'));
const extra = JSON.parse(readFileSync(new URL('./__fixtures__/extra-reference.json', import.meta.url), 'utf8'));

const exact = 1e-9;
// Where SciPy itself approximates (normal approximations of rank statistics), agreement to 1e-6 is asked for.
const approximate = 1e-6;

/** Relative agreement; an expected 0 must come out within 1e-15 absolute. */
function agrees(actual: number | null | undefined, expected: number, tolerance = exact): void {
  expect(actual, `expected ${expected}`).toBeTypeOf('number');
  const error = expected === 0 ? Math.abs(actual!) : Math.abs(actual! - expected) / Math.abs(expected);
  expect(error, `${actual} vs ${expected}`).toBeLessThanOrEqual(expected === 0 ? 1e-15 : tolerance);
}

const difference = (a: number[], b: number[]) => a.map((value, index) => value - b[index]!);
const casesOf = (key: string): Record<string, any>[] => reference[key];

describe('agreement with SciPy (shared/fixtures/statistics/reference.json)', () => {
  it('covers every case group in the file', () => {
    const checked = ['t_cdf', 'norm', 'welch', 'student', 'paired_t', 'wilcoxon', 'mann_whitney', 'wilson', 'two_proportion_z', 'mcnemar', 'holm', 'benjamini_hochberg', 'sample_size', 'cohens_dz'];
    expect(Object.keys(reference).filter((key) => key !== 'scipy').sort()).toEqual([...checked].sort());
  });

  it.each(casesOf('t_cdf'))('t cdf at t = $t, df = $df', (c) => agrees(tCdf(c.t, c.df), c.cdf));

  it.each(casesOf('norm'))('normal cdf / quantile %#', (c) => {
    if ('z' in c) agrees(normalCdf(c.z), c.cdf);
    else agrees(normalQuantile(c.p), c.ppf);
  });

  it.each(casesOf('welch'))("Welch's t-test on $name", (c) => {
    const result = twoSampleTTest(c.a, c.b);
    agrees(result.t, c.t);
    agrees(result.df, c.df);
    agrees(result.p, c.p);
    agrees(result.difference, c.mean_diff);
    agrees(result.ci95?.[0], c.ci95[0]);
    agrees(result.ci95?.[1], c.ci95[1]);
  });

  it.each(casesOf('student'))("Student's t-test on $name", (c) => {
    const result = twoSampleTTest(c.a, c.b, { equalVariance: true });
    agrees(result.t, c.t);
    agrees(result.df, c.df);
    agrees(result.p, c.p);
  });

  it.each(casesOf('paired_t'))('paired t-test on $name', (c) => {
    const result = pairedTTest(difference(c.a, c.b));
    agrees(result.t, c.t);
    agrees(result.df, c.df);
    agrees(result.p, c.p);
    agrees(result.difference, c.mean_diff);
    agrees(result.ci95?.[0], c.ci95[0]);
    agrees(result.ci95?.[1], c.ci95[1]);
  });

  it.each(casesOf('wilcoxon'))('Wilcoxon signed-rank (normal approximation) on $name', (c) => {
    const result = wilcoxonSignedRank(difference(c.a, c.b), { method: 'approx' });
    agrees(result.statistic, c.statistic);
    agrees(result.p, c.p, approximate);
  });

  it.each(casesOf('mann_whitney'))('Mann–Whitney U on $name', (c) => {
    const result = mannWhitneyU(c.a, c.b);
    agrees(result.statistic, c.U);
    agrees(result.p, c.p, approximate);
  });

  it.each(casesOf('wilson'))('Wilson interval for $successes / $n', (c) => {
    const interval = wilsonInterval(c.successes, c.n);
    agrees(interval?.[0], c.low);
    agrees(interval?.[1], c.high);
  });

  it.each(casesOf('two_proportion_z'))('two-proportion z-test $k1/$n1 vs $k2/$n2', (c) => {
    const result = twoProportionZTest(c.k1, c.n1, c.k2, c.n2);
    agrees(result.z, c.z);
    agrees(result.p, c.p);
  });

  it.each(casesOf('mcnemar'))('McNemar with $only_a / $only_b discordant pairs', (c) => {
    agrees(mcnemarExact(c.only_a, c.only_b).p, c.exact_p);
    const chiSquare = mcnemarChiSquare(c.only_a, c.only_b);
    agrees(chiSquare?.chiSquare, c.chi2_corrected);
    agrees(chiSquare?.p, c.chi2_p);
  });

  it.each(casesOf('holm'))('Holm adjustment of $p', (c) => c.adjusted.forEach((value: number, index: number) => agrees(holmAdjust(c.p)[index], value)));

  it.each(casesOf('benjamini_hochberg'))('Benjamini–Hochberg adjustment of $p', (c) =>
    c.adjusted.forEach((value: number, index: number) => agrees(benjaminiHochbergAdjust(c.p)[index], value)),
  );

  it.each(casesOf('sample_size'))('two-proportion sample size $p1 vs $p2', (c) => {
    expect(c.kind).toBe('two_proportion');
    expect(twoProportionSampleSize(c.p1, c.p2, { alpha: c.alpha, power: c.power })).toBe(c.n_per_arm);
  });

  it.each(casesOf('cohens_dz'))("Cohen's d_z on $name", (c) => agrees(cohensDz(difference(c.a, c.b)), c.dz));
});

describe('agreement with SciPy on the paths reference.json does not reach (__fixtures__/extra-reference.json)', () => {
  it.each(extra.t_quantile as Record<string, number>[])('t quantile p = $p, df = $df', (c) => agrees(tQuantile(c.p!, c.df!), c.ppf!));

  it.each(extra.wilcoxon_exact as Record<string, any>[])('exact signed-rank distribution, n = %#', (c) => {
    const result = wilcoxonSignedRank(c.d);
    expect(result.method).toBe('exact');
    agrees(result.statistic, c.statistic);
    agrees(result.p, c.p);
  });

  it.each(extra.wilcoxon_approx as Record<string, any>[])('signed-rank normal approximation with ties and zeros, %#', (c) => {
    const result = wilcoxonSignedRank(c.d);
    expect(result.method).toBe('normal approximation');
    agrees(result.statistic, c.statistic);
    agrees(result.p, c.p, approximate);
  });

  it.each(extra.mann_whitney as Record<string, any>[])('Mann–Whitney U on larger, tied samples %#', (c) => {
    const result = mannWhitneyU(c.a, c.b);
    agrees(result.statistic, c.U);
    agrees(result.p, c.p, approximate);
  });

  it.each(extra.welch as Record<string, any>[])("Welch's t-test at large and tiny df %#", (c) => {
    const result = twoSampleTTest(c.a, c.b);
    agrees(result.t, c.t);
    agrees(result.df, c.df);
    agrees(result.p, c.p);
    agrees(result.ci95?.[0], c.ci95[0]);
    agrees(result.ci95?.[1], c.ci95[1]);
  });

  it.each(extra.paired_t as Record<string, any>[])('paired t-test with a small p-value %#', (c) => {
    const result = pairedTTest(c.d);
    agrees(result.t, c.t);
    agrees(result.p, c.p);
    agrees(result.ci95?.[0], c.ci95[0]);
  });

  it.each(extra.percentile as Record<string, any>[])('p50/p95 as numpy.percentile (linear) %#', (c) => {
    const sorted = sortedCopy(c.values);
    agrees(percentileOfSorted(sorted, 0.5), c.p50);
    agrees(percentileOfSorted(sorted, 0.95), c.p95);
  });

  it.each(extra.sign_test as Record<string, number>[])('exact sign test $positive+ / $negative−', (c) => {
    const differences = [...Array<number>(c.positive!).fill(1), ...Array<number>(c.negative!).fill(-2), 0, 0];
    agrees(signTest(differences).p, c.p!);
  });

  it.each(extra.paired_sample_size as Record<string, number>[])('paired sample size for d_z = $dz is within one row of the noncentral-t answer', (c) => {
    const n = pairedSampleSize(c.dz!, { alpha: c.alpha!, power: c.power! });
    expect(Math.abs(n! - c.n_exact!)).toBeLessThanOrEqual(1);
  });
});
