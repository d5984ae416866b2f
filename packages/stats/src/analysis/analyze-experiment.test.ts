import { StudioError } from '@tandem/shared';
import { describe, expect, it } from 'vitest';
import { createSyntheticTrials } from '../testing/synthetic-trials.ts';
import { analyzeExperiment } from './analyze-experiment.ts';
import type { AnalyzeExperimentInput, Comparison, ExperimentAnalysis, MetricValue, Trial } from './types.ts';

const arms = [{ id: 'A' }, { id: 'B' }];

/** Trials of one metric: `values[arm][row]` (undefined = no value for that row). */
function trialsOf(metric: string, values: Record<string, readonly MetricValue[]>): Trial[] {
  return Object.entries(values).flatMap(([arm, rows]) => rows.map((value, row) => ({ row, arm, status: 'completed' as const, metrics: value === undefined ? {} : { [metric]: value } })));
}

function analyze(trials: Trial[], extra: Partial<AnalyzeExperimentInput> = {}): ExperimentAnalysis {
  return analyzeExperiment({ arms, baseline: 'A', trials, ...extra });
}

const comparisonOf = (analysis: ExperimentAnalysis, metric: string, arm = 'B'): Comparison => analysis.comparisons.find((c) => c.metric === metric && c.arm === arm)!;

/** Every number anywhere in the value is finite. */
function expectJsonSafe(value: unknown): void {
  const walk = (node: unknown, path: string): void => {
    if (typeof node === 'number') expect(Number.isFinite(node), `${path} = ${node}`).toBe(true);
    else if (Array.isArray(node)) node.forEach((child, index) => walk(child, `${path}[${index}]`));
    else if (node && typeof node === 'object') for (const [key, child] of Object.entries(node)) walk(child, `${path}.${key}`);
  };
  walk(value, '$');
  expect(JSON.parse(JSON.stringify(value))).toEqual(value);
}

describe('analyzeExperiment', () => {
  describe('when B clearly scores higher on the same rows', () => {
    const trials = createSyntheticTrials({ rows: 60, arms: [{ id: 'A' }, { id: 'B', scoreShift: 1, costUsd: 0.00048 }], seed: 2 });
    const analysis = analyze(trials);
    const score = comparisonOf(analysis, 'judge.score');

    it('pairs the rows and runs the paired t-test with Wilcoxon and the bootstrap', () => {
      expect(score).toMatchObject({ paired: true, n: 60, test: 'paired-t', adjustment: 'holm', inAdjustedFamily: true, verdict: 'better', robustness: { test: 'wilcoxon' } });
      expect(score.bootstrapCi95![0]).toBeGreaterThan(0);
      expect(score.effectSizeKind).toBe('cohens-dz');
      expect(score.rowsNeededFor80Power).toBeUndefined();
    });

    it('names B the winner in a plain sentence with the evidence and the cost', () => {
      expect(analysis.winner).toBe('B');
      expect(analysis.recommendation).toMatch(/^B beats A on judge\.score by [\d.]+ points \(95 % CI [\d.]+ to [\d.]+, paired t-test, Holm-adjusted p [<=] [\d.]+\) at [\d.]+ % higher cost — switch to B\.$/);
    });

    it('keeps latency and cost out of the adjusted family and says so', () => {
      for (const metric of ['latencyMs', 'costUsd', 'inputTokens', 'outputTokens']) {
        expect(comparisonOf(analysis, metric)).toMatchObject({ inAdjustedFamily: false, adjustment: 'none' });
        expect(comparisonOf(analysis, metric).pAdjusted).toBe(comparisonOf(analysis, metric).p);
      }
      expect(analysis.metrics.find((m) => m.name === 'latencyMs')).toMatchObject({ kind: 'latency', direction: 'lower', inAdjustedFamily: false, inferred: true });
      expect(analysis.metrics.find((m) => m.name === 'check.valid')).toMatchObject({ kind: 'pass', direction: 'higher', inAdjustedFamily: true });
    });

    it('describes each arm', () => {
      const a = analysis.arms.find((arm) => arm.id === 'A')!;
      expect(a).toMatchObject({ n: 60, completed: 60, failed: 0, failureRate: 0, rows: 60 });
      expect(a.metrics['check.valid']!.passRate).toBeGreaterThan(0);
      expect(a.metrics['check.valid']!.wilson95).toHaveLength(2);
      expect(a.metrics['latencyMs']!.p95!).toBeGreaterThan(a.metrics['latencyMs']!.p50!);
    });

    it('gives the same analysis for the same seed', () => {
      expect(analyze(trials)).toEqual(analysis);
      expect(comparisonOf(analyze(trials, { seed: 99 }), 'judge.score').bootstrapCi95).not.toEqual(score.bootstrapCi95);
    });

    it('is JSON-safe', () => expectJsonSafe(analysis));
  });

  it('Holm-adjusts over every non-baseline arm × quality metric', () => {
    const trials = createSyntheticTrials({ rows: 30, arms: [{ id: 'A' }, { id: 'B', scoreShift: 0.4 }, { id: 'C' }], seed: 4 });
    const analysis = analyzeExperiment({ arms: [{ id: 'A' }, { id: 'B' }, { id: 'C' }], baseline: 'A', trials });
    const family = analysis.comparisons.filter((c) => c.inAdjustedFamily);
    expect(family.map((c) => `${c.arm}:${c.metric}`).sort()).toEqual(['B:check.valid', 'B:judge.score', 'C:check.valid', 'C:judge.score']);
    const smallest = family.reduce((best, c) => (c.p! < best.p! ? c : best));
    expect(smallest.pAdjusted).toBeCloseTo(Math.min(1, smallest.p! * family.length), 12);
    for (const c of family) expect(c.pAdjusted!).toBeGreaterThanOrEqual(c.p!);
  });

  it('reads direction: lower latency is better', () => {
    const trials = trialsOf('latencyMs', { A: [900, 950, 1000, 870, 990, 1020, 940, 980], B: [700, 760, 790, 690, 800, 810, 720, 770] });
    const latency = comparisonOf(analyze(trials), 'latencyMs');
    expect(latency.difference!).toBeLessThan(0);
    expect(latency.verdict).toBe('better');
  });

  it('honours a given direction over the inferred one', () => {
    const trials = trialsOf('errors', { A: [3, 4, 5, 3, 4, 5, 4, 3], B: [6, 7, 8, 6, 7, 8, 7, 6.5] });
    expect(comparisonOf(analyze(trials), 'errors').verdict).toBe('better');
    expect(comparisonOf(analyze(trials, { metricInfo: { errors: { direction: 'lower' } } }), 'errors').verdict).toBe('worse');
  });

  describe('edge cases give a clear verdict, never NaN', () => {
    it('n = 1: not enough data, with the rows needed', () => {
      const analysis = analyze(trialsOf('judge.score', { A: [5], B: [7] }));
      const score = comparisonOf(analysis, 'judge.score');
      expect(score).toMatchObject({ n: 1, verdict: 'not enough data', p: null, statistic: null, ci95: null });
      expect(score.rowsNeededFor80Power).toBeGreaterThanOrEqual(6);
      expect(score.powerBasis).toMatchObject({ source: 'assumed', standardizedEffect: 0.2 });
      expect(analysis.recommendation).toMatch(/^Not enough data yet to compare B with A on judge\.score \(1 paired row\); about [\d,]+ rows would detect a small difference/);
      expectJsonSafe(analysis);
    });

    it('identical arms: no detectable difference with enough rows, not enough data with few', () => {
      const same = [6, 7, 5, 8, 6, 9, 7, 4];
      const many = comparisonOf(analyze(trialsOf('judge.score', { A: same, B: same })), 'judge.score');
      expect(many).toMatchObject({ verdict: 'no detectable difference', p: 1, statistic: null, difference: 0 });
      expect(many.notes).toContain('Both arms gave the same value on every paired row.');
      expect(many.powerBasis?.source).toBe('assumed');
      const few = comparisonOf(analyze(trialsOf('judge.score', { A: same.slice(0, 3), B: same.slice(0, 3) })), 'judge.score');
      expect(few.verdict).toBe('not enough data');
    });

    it('constant non-zero differences: the sign test decides, and needs at least 6 rows', () => {
      const base = [5, 6, 7, 5, 6, 7, 5, 6];
      const plusOne = base.map((value) => value + 1);
      const eight = comparisonOf(analyze(trialsOf('judge.score', { A: base, B: plusOne })), 'judge.score');
      expect(eight).toMatchObject({ test: 'sign-test', verdict: 'better', difference: 1, statistic: null });
      expect(eight.p).toBeCloseTo(2 / 256, 15);
      const four = comparisonOf(analyze(trialsOf('judge.score', { A: base.slice(0, 4), B: plusOne.slice(0, 4) })), 'judge.score');
      expect(four).toMatchObject({ test: 'sign-test', verdict: 'not enough data', rowsNeededFor80Power: 6 });
    });

    it('all pass in both arms: no detectable difference, p = 1', () => {
      const pass = comparisonOf(analyze(trialsOf('check.valid', { A: Array(20).fill(true), B: Array(20).fill(true) })), 'check.valid');
      expect(pass).toMatchObject({ test: 'mcnemar-exact', p: 1, verdict: 'no detectable difference', discordant: { onlyArm: 0, onlyBaseline: 0 }, difference: 0 });
      expect(pass.rowsNeededFor80Power).toBeGreaterThan(0);
    });

    it('all fail in one arm and pass in the other: exact McNemar says worse', () => {
      const analysis = analyze(trialsOf('check.valid', { A: Array(12).fill(true), B: Array(12).fill(false) }));
      const pass = comparisonOf(analysis, 'check.valid');
      expect(pass).toMatchObject({ test: 'mcnemar-exact', verdict: 'worse', difference: -1, discordant: { onlyArm: 0, onlyBaseline: 12 } });
      expect(pass.p).toBeCloseTo(2 / 4096, 15);
      expect(analysis.winner).toBe('A');
      expect(analysis.recommendation).toMatch(/^A \(the baseline\) stays ahead: B is worse on check\.valid by 100 percentage points/);
    });

    it('pass/fail with fewer than 6 pairs: not enough data even if every pair disagrees', () => {
      expect(comparisonOf(analyze(trialsOf('check.valid', { A: [false, false, false, false, false], B: [true, true, true, true, true] })), 'check.valid').verdict).toBe('not enough data');
    });

    it('ties everywhere still give finite rank statistics', () => {
      const pass = analyze(trialsOf('judge.score', { A: [5, 5, 5, 5, 6, 6, 6, 6, 5, 6], B: [6, 6, 6, 6, 6, 6, 6, 6, 6, 5] }));
      const score = comparisonOf(pass, 'judge.score');
      expect(score.robustness?.p).toBeGreaterThan(0);
      expectJsonSafe(pass);
    });

    it('missing scores: rows without a value in either arm leave the pairs, and the count says so', () => {
      const trials = trialsOf('judge.score', { A: [5, 6, undefined, 7, 5, 6, 8, 7], B: [6, 7, 8, undefined, 6, 7, 9, 8] });
      const analysis = analyze(trials);
      const score = comparisonOf(analysis, 'judge.score');
      expect(score).toMatchObject({ n: 6, nArm: 7, nBaseline: 7, droppedRows: 2 });
      expect(score.notes).toContain('2 row(s) had a value in only one of the two arms and were left out of the pairs.');
      expect(analysis.arms[0]!.metrics['judge.score']).toMatchObject({ n: 7, missing: 1 });
    });

    it('NaN and Infinity in the input are left out and noted', () => {
      const analysis = analyze(trialsOf('judge.score', { A: [5, Number.NaN, 6, 7, 5, 6, 8], B: [6, 7, Number.POSITIVE_INFINITY, 8, 6, 7, 9] }));
      expect(comparisonOf(analysis, 'judge.score').n).toBe(5);
      expect(analysis.notes).toContain('2 value(s) of judge.score were NaN or infinite and were left out.');
      expect(analysis.arms[1]!.metrics['judge.score']!.missing).toBe(1);
      expectJsonSafe(analysis);
    });

    it('an arm without trials gives not enough data and a note', () => {
      const analysis = analyzeExperiment({ arms: [{ id: 'A' }, { id: 'B' }, { id: 'C' }], baseline: 'A', trials: trialsOf('judge.score', { A: [5, 6, 7], B: [6, 7, 8] }) });
      expect(comparisonOf(analysis, 'judge.score', 'C').verdict).toBe('not enough data');
      expect(analysis.notes).toContain('Arm C has no trials.');
      expectJsonSafe(analysis);
    });

    it('failed trials count against the arm but give no metric values', () => {
      const trials = createSyntheticTrials({ rows: 40, arms: [{ id: 'A' }, { id: 'B', scoreShift: 1.5, failureRate: 0.3 }], seed: 6 });
      const analysis = analyze(trials);
      const b = analysis.arms.find((arm) => arm.id === 'B')!;
      expect(b.failed).toBeGreaterThan(0);
      expect(b.metrics['judge.score']!.n).toBe(b.completed);
      expect(b.metrics['judge.score']!.missing).toBe(0);
      expect(analysis.recommendation).toMatch(/Note that B failed [\d.]+ % of its trials \(A: 0 %\)\./);
    });

    it('an experiment with no trials at all says there is nothing to compare', () => {
      const analysis = analyze([]);
      expect(analysis).toMatchObject({ comparisons: [], winner: null, primaryMetric: null, recommendation: 'There are no metrics to compare yet.' });
    });
  });

  describe('repeats', () => {
    it('are averaged per (row, arm) before pairing', () => {
      const trials: Trial[] = [];
      for (let row = 0; row < 8; row++) {
        for (const [arm, values] of [['A', [4, 6]], ['B', [6, 8, 7]]] as const) {
          values.forEach((value, repeat) => trials.push({ row, arm, repeat, status: 'completed', metrics: { 'judge.score': value + (row % 3) } }));
        }
      }
      const score = comparisonOf(analyze(trials), 'judge.score');
      expect(score).toMatchObject({ n: 8, difference: 2, test: 'sign-test' });
      expect(analyze(trials).arms[1]!.metrics['judge.score']).toMatchObject({ n: 8, trials: 24 });
    });

    it('turn pass/fail into per-row pass rates, compared with the paired t-test', () => {
      const trials: Trial[] = [];
      for (let row = 0; row < 10; row++) {
        trials.push({ row, arm: 'A', repeat: 0, status: 'completed', metrics: { ok: row % 2 === 0 } }, { row, arm: 'A', repeat: 1, status: 'completed', metrics: { ok: false } });
        trials.push({ row, arm: 'B', repeat: 0, status: 'completed', metrics: { ok: true } }, { row, arm: 'B', repeat: 1, status: 'completed', metrics: { ok: row % 3 !== 0 } });
      }
      const ok = comparisonOf(analyze(trials), 'ok');
      expect(ok.test).toBe('paired-t');
      expect(ok.notes[0]).toMatch(/fractional pass rates/);
    });
  });

  describe('unpaired data (no shared rows)', () => {
    const live = (arm: string, values: MetricValue[]): Trial[] => values.map((value) => ({ arm, status: 'completed', metrics: { 'judge.score': value, ok: typeof value === 'number' && value > 6 } }));

    it("uses Welch's t-test with Mann–Whitney, and the two-proportion z-test for pass/fail", () => {
      const analysis = analyze([...live('A', [5, 6, 7, 5, 6, 6, 7, 5, 4, 6]), ...live('B', [7, 8, 7, 9, 8, 7, 8, 9, 6, 8, 7])]);
      expect(comparisonOf(analysis, 'judge.score')).toMatchObject({ paired: false, test: 'welch-t', n: 21, nArm: 11, nBaseline: 10, robustness: { test: 'mann-whitney' }, effectSizeKind: 'cohens-d' });
      expect(comparisonOf(analysis, 'ok')).toMatchObject({ paired: false, test: 'two-proportion-z', effectSizeKind: 'cohens-h' });
    });

    it('falls back to Mann–Whitney when neither arm varies', () => {
      const score = comparisonOf(analyze([...live('A', [5, 5, 5, 5, 5, 5, 5, 5]), ...live('B', [7, 7, 7, 7, 7, 7, 7, 7])]), 'judge.score');
      expect(score).toMatchObject({ test: 'mann-whitney', verdict: 'better' });
    });

    it('can be forced on paired rows', () => {
      const trials = createSyntheticTrials({ rows: 30, arms: [{ id: 'A' }, { id: 'B' }], seed: 8 });
      expect(comparisonOf(analyze(trials, { pairing: 'unpaired' }), 'judge.score').test).toBe('welch-t');
    });
  });

  describe('bad input is refused with the field named', () => {
    const cases: [string, Partial<AnalyzeExperimentInput>, string][] = [
      ['unknown baseline', { baseline: 'Z' }, 'baseline'],
      ['duplicate arm', { arms: [{ id: 'A' }, { id: 'A' }] }, 'arms[1].id'],
      ['no arms', { arms: [] }, 'arms'],
      ['alpha out of range', { alpha: 1.5 }, 'alpha'],
      ['unknown arm in a trial', { trials: [{ row: 0, arm: 'Q', status: 'completed' }] }, 'trials[0].arm'],
      ['bad status', { trials: [{ row: 0, arm: 'A', status: 'done' as 'completed' }] }, 'trials[0].status'],
      ['a string metric', { trials: [{ row: 0, arm: 'A', status: 'completed', metrics: { score: 'high' as unknown as number } }] }, 'trials[0].metrics.score'],
      ['an object row', { trials: [{ row: {} as unknown as number, arm: 'A', status: 'completed' }] }, 'trials[0].row'],
      ['an unknown primary metric', { primaryMetric: 'nope' }, 'primaryMetric'],
      ['an unknown metric kind', { metricInfo: { score: { kind: 'vibes' as 'score' } } }, 'metricInfo.score.kind'],
      ['an unknown direction', { metricInfo: { score: { direction: 'up' as 'higher' } } }, 'metricInfo.score.direction'],
    ];
    it.each(cases)('%s', (_name, override, field) => {
      const attempt = () => analyzeExperiment({ arms, baseline: 'A', trials: [], ...override });
      expect(attempt).toThrow(StudioError);
      try {
        attempt();
      } catch (error) {
        expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field } });
        expect((error as Error).message).toContain(field);
      }
    });
  });
});

describe('whatever the input, the result is JSON-safe', () => {
  const awkward: MetricValue[] = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e308, -1e308, 5e-324, -0, 0, 1, true, false, null, undefined, 7.5];
  it.each([1, 2, 3, 4, 5])('seed %i', (seed) => {
    let state = seed;
    const pick = () => awkward[(state = (state * 48271) % 2147483647) % awkward.length];
    const trials: Trial[] = Array.from({ length: 60 }, (_, index) => ({
      row: index % 9,
      arm: ['A', 'B', 'C'][index % 3]!,
      status: index % 11 === 0 ? 'failed' : 'completed',
      metrics: { 'judge.score': pick() as number, latencyMs: pick() as number, 'check.valid': index % 2 === 0 },
    }));
    const analysis = analyzeExperiment({ arms: [{ id: 'A' }, { id: 'B' }, { id: 'C' }], baseline: 'A', trials, metricInfo: { 'judge.score': { kind: 'score' } } });
    expectJsonSafe(analysis);
    expect(analysis.recommendation.length).toBeGreaterThan(0);
  });
});
