// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { analyzeExperiment, liveComparison } from './index.ts';
import { createSyntheticTrials } from './testing/synthetic-trials.ts';

describe('in a browser environment', () => {
  it('analyses an experiment and a live comparison', () => {
    expect(typeof (globalThis as { document?: unknown }).document).toBe('object');
    const trials = createSyntheticTrials({ rows: 50, arms: [{ id: 'A' }, { id: 'B', scoreShift: 1 }], seed: 1 });
    expect(analyzeExperiment({ arms: [{ id: 'A' }, { id: 'B' }], baseline: 'A', trials }).winner).toBe('B');
    const observations = trials.map((trial) => ({ variant: trial.arm, metrics: trial.metrics ?? null }));
    expect(liveComparison({ variants: [{ id: 'A' }, { id: 'B' }], control: 'A', observations }).comparisons.length).toBeGreaterThan(0);
  });
});
