import { StudioError } from '@tandem/shared';
import { describe, expect, it } from 'vitest';
import { createSyntheticTrials } from '../testing/synthetic-trials.ts';
import { analyzeExperiment } from './analyze-experiment.ts';
import { findRegressions } from './find-regressions.ts';

const arms = [{ id: 'A' }, { id: 'B' }, { id: 'C' }];
const analysis = analyzeExperiment({
  arms,
  baseline: 'A',
  trials: createSyntheticTrials({ rows: 120, arms: [{ id: 'A' }, { id: 'B', scoreShift: -1 }, { id: 'C', scoreShift: 0.05 }], seed: 12 }),
});

describe('findRegressions', () => {
  it('fails the gate for an arm shown worse than the baseline', () => {
    const report = findRegressions(analysis, { metric: 'judge.score' });
    expect(report.passed).toBe(false);
    expect(report.regressions.map((regression) => regression.arm)).toEqual(['B']);
    expect(report.regressions[0]!.worsening).toBeGreaterThan(0.5);
    expect(report.regressions[0]!.message).toMatch(/^B is worse than A on judge\.score by [\d.]+ points \(95 % CI -[\d.]+ to -[\d.]+, p [<=] [\d.]+\), beyond the allowed 0 points\.$/);
  });

  it('lets a worsening within the threshold pass', () => {
    const worsening = findRegressions(analysis, { metric: 'judge.score' }).regressions[0]!.worsening;
    expect(findRegressions(analysis, { metric: 'judge.score', threshold: worsening + 0.01 }).passed).toBe(true);
  });

  it('applies a relative threshold against the baseline mean', () => {
    expect(findRegressions(analysis, { metric: 'judge.score', relativeThreshold: 0.5 }).passed).toBe(true);
  });

  it('checks the score and pass metrics when no metric is named', () => {
    const report = findRegressions(analysis);
    expect(report.checked).toBe(4);
    expect(report.passed).toBe(false);
  });

  it('counts only shown worsening unless told otherwise', () => {
    const tiny = analyzeExperiment({
      arms: [{ id: 'A' }, { id: 'B' }],
      baseline: 'A',
      trials: createSyntheticTrials({ rows: 8, arms: [{ id: 'A' }, { id: 'B', scoreShift: -0.5 }], seed: 2 }),
    });
    const lenient = findRegressions(tiny, { metric: 'judge.score' });
    expect(lenient.passed).toBe(true);
    const strict = findRegressions(tiny, { metric: 'judge.score', requireSignificance: false });
    expect(strict.passed).toBe(tiny.comparisons.find((c) => c.metric === 'judge.score')!.difference! >= 0);
  });

  it('lists comparisons that had too little data', () => {
    const single = analyzeExperiment({ arms: [{ id: 'A' }, { id: 'B' }], baseline: 'A', trials: createSyntheticTrials({ rows: 1, arms: [{ id: 'A' }, { id: 'B' }], seed: 1 }) });
    const report = findRegressions(single);
    expect(report.passed).toBe(true);
    expect(report.inconclusive).toEqual([
      { arm: 'B', metric: 'judge.score', n: 1 },
      { arm: 'B', metric: 'check.valid', n: 1 },
    ]);
    expect(report.summary).toMatch(/2 had too little data to tell/);
  });

  it('refuses an unknown metric and a negative threshold, naming the field', () => {
    expect(() => findRegressions(analysis, { metric: 'nope' })).toThrow(StudioError);
    expect(() => findRegressions(analysis, { threshold: -1 })).toThrow(/threshold/);
  });
});
