import type { Trial } from '../analysis/types.ts';
import { createRandom } from '../random.ts';

/** How one synthetic arm behaves. */
export interface SyntheticArm {
  id: string;
  /** Added to every judge score (1–10 scale) before rounding (default 0). */
  scoreShift?: number;
  /** Chance that `check.valid` passes (default 0.8). */
  passRate?: number;
  /** Median latency in ms (default 800). */
  latencyMs?: number;
  /** Mean cost per trial in USD (default 0.0004). */
  costUsd?: number;
  /** Chance that a trial fails and reports no metrics (default 0). */
  failureRate?: number;
}

/** Options of {@link createSyntheticTrials}. */
export interface SyntheticTrialsOptions {
  rows: number;
  arms: readonly SyntheticArm[];
  repeats?: number;
  seed?: number;
  /** Spread of the per-trial judge noise on top of each row's difficulty (default 1.2). */
  scoreNoise?: number;
}

/** A standard normal draw (Box–Muller) from a uniform generator. */
export function createNormal(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/**
 * Deterministic trials of an experiment in the shape the server stores them: every row runs on every arm, rows differ in
 * difficulty (shared by the arms, so pairing pays off), and each trial reports `judge.score` (1–10), `check.valid`,
 * `latencyMs`, `costUsd`, `inputTokens` and `outputTokens`. For tests and benchmarks.
 * @example
 * const trials = createSyntheticTrials({ rows: 40, arms: [{ id: 'A' }, { id: 'B', scoreShift: 0.8 }] });
 */
export function createSyntheticTrials(options: SyntheticTrialsOptions): Trial[] {
  const random = createRandom(options.seed ?? 1);
  const normal = createNormal(random);
  const repeats = options.repeats ?? 1;
  const noise = options.scoreNoise ?? 1.2;
  const trials: Trial[] = [];
  for (let row = 0; row < options.rows; row++) {
    const difficulty = normal() * 1.5;
    const length = 60 + Math.floor(random() * 400);
    for (const arm of options.arms) {
      for (let repeat = 0; repeat < repeats; repeat++) {
        if (random() < (arm.failureRate ?? 0)) {
          trials.push({ row, arm: arm.id, repeat, status: 'failed', metrics: {} });
          continue;
        }
        const score = Math.min(10, Math.max(1, Math.round(6.5 + difficulty + (arm.scoreShift ?? 0) + normal() * noise)));
        const outputTokens = Math.round(80 * Math.exp(normal() * 0.3));
        trials.push({
          row,
          arm: arm.id,
          repeat,
          status: 'completed',
          metrics: {
            'judge.score': score,
            'check.valid': random() < (arm.passRate ?? 0.8),
            latencyMs: Math.round((arm.latencyMs ?? 800) * Math.exp(normal() * 0.3)),
            costUsd: (arm.costUsd ?? 0.0004) * (outputTokens / 80),
            inputTokens: length,
            outputTokens,
          },
        });
      }
    }
  }
  return trials;
}
