/**
 * The statistics part of `pnpm bench`: analysis of experiments at the size the studio promises
 * (100,000 trials over 25,000 rows), a live comparison and the bootstrap alone. Medians of several repetitions.
 */
import { performance } from 'node:perf_hooks';
import { analyzeExperiment, createRandom, liveComparison, pairedBootstrapCi, type Trial } from '@tandem/stats';
import { createNormal, createSyntheticTrials, type SyntheticArm } from '@tandem/stats/testing';
import type { StatisticsScenario } from './report.ts';

const keep = (trials: Trial[], metrics: readonly string[]): Trial[] =>
  trials.map((trial) => ({ ...trial, metrics: Object.fromEntries(metrics.map((name) => [name, trial.metrics?.[name]])) }));

function withContinuousScore(trials: Trial[], seed: number): Trial[] {
  const normal = createNormal(createRandom(seed));
  return trials.map((trial) => ({ ...trial, metrics: { ...trial.metrics, similarity: 0.7 + 0.1 * normal() + (trial.arm === 'B' ? 0.01 : 0) } }));
}

function measure(name: string, repetitions: number, size: { trials: number; arms: number; metrics: number }, run: () => unknown): StatisticsScenario {
  let started = performance.now();
  run();
  const firstCallMs = performance.now() - started;
  const samples: number[] = [];
  for (let repetition = 0; repetition < repetitions; repetition++) {
    started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return { name, ...size, firstCallMs, ms: { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted.at(-1)! } };
}

/** Runs every statistics scenario. */
export function measureStatistics(repetitions: number): StatisticsScenario[] {
  const fourArms: SyntheticArm[] = [{ id: 'A' }, { id: 'B', scoreShift: 0.1, costUsd: 0.00045 }, { id: 'C', scoreShift: -0.05 }, { id: 'D', passRate: 0.78 }];
  const twoArms: SyntheticArm[] = [{ id: 'A' }, { id: 'B', scoreShift: 0.05 }];
  const fiveMetrics = ['judge.score', 'check.valid', 'latencyMs', 'costUsd', 'outputTokens'];
  const threeMetrics = ['judge.score', 'check.valid', 'latencyMs'];
  const fourArmTrials = keep(createSyntheticTrials({ rows: 25_000, arms: fourArms, seed: 1 }), fiveMetrics);
  const repeatedTrials = keep(createSyntheticTrials({ rows: 25_000, arms: twoArms, repeats: 2, seed: 2 }), threeMetrics);
  const continuousTrials = withContinuousScore(keep(createSyntheticTrials({ rows: 25_000, arms: fourArms, seed: 3 }), ['check.valid', 'latencyMs', 'costUsd']), 4);
  const liveObservations = createSyntheticTrials({ rows: 50_000, arms: twoArms, seed: 5 }).map((trial) => ({ variant: trial.arm, metrics: trial.metrics ?? null }));
  const normal = createNormal(createRandom(6));
  const continuousDifferences = Float64Array.from({ length: 25_000 }, () => 0.1 * normal());
  const judgeDifferences = Float64Array.from({ length: 25_000 }, () => Math.round(2 * normal()));
  const armsOf = (list: SyntheticArm[]) => list.map(({ id }) => ({ id }));
  return [
    measure('4 arms × 25,000 rows, 5 metrics (judge score, pass, latency, cost, tokens)', repetitions, { trials: fourArmTrials.length, arms: 4, metrics: 5 }, () =>
      analyzeExperiment({ arms: armsOf(fourArms), baseline: 'A', trials: fourArmTrials }),
    ),
    measure('2 arms × 25,000 rows × 2 repeats, 3 metrics', repetitions, { trials: repeatedTrials.length, arms: 2, metrics: 3 }, () =>
      analyzeExperiment({ arms: armsOf(twoArms), baseline: 'A', trials: repeatedTrials }),
    ),
    measure('4 arms × 25,000 rows, a continuous score (bootstrap resamples rows), 4 metrics', repetitions, { trials: continuousTrials.length, arms: 4, metrics: 4 }, () =>
      analyzeExperiment({ arms: armsOf(fourArms), baseline: 'A', trials: continuousTrials }),
    ),
    measure('live comparison, 2 variants, 100,000 observations, 6 metrics', repetitions, { trials: liveObservations.length, arms: 2, metrics: 6 }, () =>
      liveComparison({ variants: armsOf(twoArms), control: 'A', observations: liveObservations }),
    ),
    measure('bootstrap alone: 25,000 continuous differences (800 resamples: the 20-million-draw budget)', repetitions, { trials: 25_000, arms: 2, metrics: 1 }, () => pairedBootstrapCi(continuousDifferences, { seed: 1 })),
    measure('bootstrap alone: 2,000 resamples of 25,000 judge-score differences (category counts)', repetitions, { trials: 25_000, arms: 2, metrics: 1 }, () =>
      pairedBootstrapCi(judgeDifferences, { seed: 1 }),
    ),
  ];
}
