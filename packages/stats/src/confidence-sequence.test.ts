import { describe, expect, it } from 'vitest';
import { differenceConfidenceSequence, meanConfidenceSequence, normalMixtureRadius, type StreamSummary } from './confidence-sequence.ts';
import { normalQuantile } from './distributions.ts';
import { createRandom } from './random.ts';
import { createNormal } from './testing/synthetic-trials.ts';

/** A running mean and variance (Welford), the state a live view keeps. */
function createStream(): StreamSummary & { push(value: number): void } {
  let squares = 0;
  const stream = {
    n: 0,
    mean: 0,
    variance: Number.NaN,
    push(value: number) {
      stream.n++;
      const delta = value - stream.mean;
      stream.mean += delta / stream.n;
      squares += delta * (value - stream.mean);
      stream.variance = stream.n > 1 ? squares / (stream.n - 1) : Number.NaN;
    },
  };
  return stream;
}

/** Runs A/A streams, looking after every 10 observations per arm, and counts streams whose interval ever excluded 0. */
function falseAlarmRate(interval: (a: StreamSummary, b: StreamSummary) => [number, number] | null, streams: number, length: number, seed: number): number {
  const normal = createNormal(createRandom(seed));
  let alarms = 0;
  for (let stream = 0; stream < streams; stream++) {
    const a = createStream();
    const b = createStream();
    for (let step = 1; step <= length; step++) {
      a.push(5 + 2 * normal());
      b.push(5 + 2 * normal());
      if (step % 10 !== 0 || step < 20) continue;
      const bounds = interval(a, b);
      if (bounds && (bounds[0] > 0 || bounds[1] < 0)) {
        alarms++;
        break;
      }
    }
  }
  return alarms / streams;
}

describe('the normal-mixture confidence sequence', () => {
  it('is tightest near the planned sample size', () => {
    const radiusTimesRootN = (n: number) => normalMixtureRadius(n, { plannedSampleSize: 500 }) * Math.sqrt(n);
    expect(radiusTimesRootN(500)).toBeLessThan(radiusTimesRootN(50));
    expect(radiusTimesRootN(500)).toBeLessThan(radiusTimesRootN(50_000));
  });

  it('is wider than the fixed-sample interval, which is the price of looking at any time', () => {
    for (const n of [20, 1000, 100_000]) expect(normalMixtureRadius(n) * Math.sqrt(n)).toBeGreaterThan(normalQuantile(0.975));
  });

  it('keeps the chance of ever seeing a false difference below alpha when A/A traffic is watched continuously', () => {
    const rate = falseAlarmRate((a, b) => differenceConfidenceSequence(a, b, { alpha: 0.05, plannedSampleSize: 1000 }).interval, 400, 1000, 1);
    expect(rate).toBeLessThan(0.05);
  });

  it('where a fixed-sample 95 % interval checked at every look raises false alarms far more often than 5 %', () => {
    const naive = (a: StreamSummary, b: StreamSummary): [number, number] => {
      const half = 1.959964 * Math.sqrt(a.variance / a.n + b.variance / b.n);
      return [b.mean - a.mean - half, b.mean - a.mean + half];
    };
    expect(falseAlarmRate(naive, 400, 1000, 1)).toBeGreaterThan(0.15);
  });

  it('finds a real difference once enough traffic has come', () => {
    const normal = createNormal(createRandom(2));
    const a = createStream();
    const b = createStream();
    let detectedAt: number | null = null;
    for (let step = 1; step <= 5000 && detectedAt === null; step++) {
      a.push(5 + 2 * normal());
      b.push(5.5 + 2 * normal());
      const { interval } = differenceConfidenceSequence(a, b);
      if (step >= 10 && interval && interval[0] > 0) detectedAt = step;
    }
    expect(detectedAt).not.toBeNull();
  });

  it('gives no interval below two observations on either side', () => {
    expect(meanConfidenceSequence({ n: 1, mean: 3, variance: Number.NaN })).toBeNull();
    expect(differenceConfidenceSequence({ n: 1, mean: 3, variance: Number.NaN }, { n: 5, mean: 4, variance: 1 }).interval).toBeNull();
  });
});
