import { StudioError } from '@tandem/shared';
import { describe, expect, it } from 'vitest';
import { createSyntheticTrials } from '../testing/synthetic-trials.ts';
import { compareExperiments } from './compare-experiments.ts';
import type { Trial } from './types.ts';

const scores = (arm: string, values: (number | undefined)[], metric = 'judge.score'): Trial[] =>
  values.map((value, row) => ({ row, arm, status: 'completed', metrics: value === undefined ? {} : { [metric]: value } }));

describe('compareExperiments', () => {
  it('sorts shared rows into improved, regressed and unchanged, by row id', () => {
    const previous = scores('A', [5, 6, 7, 8, 5, undefined]);
    const current = scores('A', [6, 6, 5, 9, 5, 7, 8]);
    const result = compareExperiments({ trials: current }, { trials: previous });
    const change = result.pairs[0]!.metrics[0]!;
    expect(change).toMatchObject({ metric: 'judge.score', sharedRows: 5, onlyInCurrent: 2, onlyInPrevious: 0, improved: 2, regressed: 1, unchanged: 2 });
    expect(change.rows).toEqual({ improved: [0, 3], regressed: [2], unchanged: [1, 4] });
    expect(change.comparison).toMatchObject({ arm: 'A', baseline: 'A', paired: true, n: 5, test: 'paired-t' });
  });

  it('reads direction: a latency that went down is an improvement', () => {
    const previous = scores('A', [900, 800, 700], 'latencyMs');
    const current = scores('A', [850, 800, 900], 'latencyMs');
    const change = compareExperiments({ trials: current }, { trials: previous }).pairs[0]!.metrics[0]!;
    expect(change.rows).toEqual({ improved: [0], regressed: [2], unchanged: [1] });
  });

  it('treats changes within the tolerance as unchanged', () => {
    const change = compareExperiments({ trials: scores('A', [5.05, 6.5]) }, { trials: scores('A', [5, 6]) }, { tolerance: 0.1 }).pairs[0]!.metrics[0]!;
    expect(change.rows).toEqual({ improved: [1], regressed: [], unchanged: [0] });
  });

  it('runs the same paired tests on the shared rows and finds a real improvement', () => {
    const previous = createSyntheticTrials({ rows: 80, arms: [{ id: 'B' }], seed: 3 });
    const current = createSyntheticTrials({ rows: 80, arms: [{ id: 'B', scoreShift: 1.2 }], seed: 3 });
    const result = compareExperiments({ trials: current }, { trials: previous });
    const score = result.pairs[0]!.metrics.find((change) => change.metric === 'judge.score')!;
    expect(score.comparison.verdict).toBe('better');
    expect(score.improved).toBeGreaterThan(score.regressed);
    expect(result.summary).toMatch(/^B — judge\.score: \d+ rows improved, \d+ regressed, \d+ unchanged \(better by [\d.]+ points\)/);
  });

  it('compares every arm the two experiments share, or the arms named', () => {
    const two = [...scores('A', [5, 6, 7]), ...scores('B', [6, 7, 8])];
    expect(compareExperiments({ trials: two }, { trials: two }).pairs.map((pair) => pair.currentArm)).toEqual(['A', 'B']);
    expect(compareExperiments({ trials: two, arm: 'B' }, { trials: two, arm: 'A' }).pairs).toHaveLength(1);
  });

  it('refuses trials without a dataset row, naming the field', () => {
    const noRow: Trial[] = [{ arm: 'A', status: 'completed', metrics: { s: 1 } }];
    expect(() => compareExperiments({ trials: noRow }, { trials: scores('A', [1]) })).toThrow(StudioError);
    try {
      compareExperiments({ trials: noRow }, { trials: scores('A', [1]) });
    } catch (error) {
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'current.trials[0].row' } });
    }
  });

  it('refuses experiments with several arms and none in common unless the arms are named', () => {
    const left = [...scores('A', [1]), ...scores('B', [1])];
    const right = [...scores('C', [1]), ...scores('D', [1])];
    expect(() => compareExperiments({ trials: left }, { trials: right })).toThrow(/current\.arm/);
  });
});
