import { StudioError } from '@tandem/shared';
import { differenceConfidenceSequence, meanConfidenceSequence, type StreamSummary } from '../confidence-sequence.ts';
import { finiteOrNull, type Interval } from '../finite.ts';
import { replaceNonFinite } from '../json-safe.ts';
import { checkAnalysisOptions, pickPrimaryMetric } from './analyze-experiment.ts';
import { describeMetric } from './collect-trials.ts';
import { formatAmount, formatInterval } from './format.ts';
import { improvement } from './verdict.ts';
import type { ArmInput, MetricDescription, MetricInfo, MetricValue, Verdict } from './types.ts';

/** One result of live traffic: the variant that served it and its metrics (score, feedback, pass, latency, cost…). */
export interface LiveObservation {
  variant: string;
  metrics?: Readonly<Record<string, MetricValue>> | null;
}

/** Input of {@link liveComparison}. */
export interface LiveComparisonInput {
  variants: readonly ArmInput[];
  /** The variant the others are compared with. */
  control: string;
  observations: readonly LiveObservation[];
  metricInfo?: Readonly<Record<string, MetricInfo>>;
  /** Error rate over the whole, continuously watched experiment (default 0.05). */
  alpha?: number;
  /** Observations per variant at which the intervals are tightest (default 1,000); they stay valid before and after. */
  plannedSampleSize?: number;
  /** Observations each side needs before a verdict other than "not enough data" (default 10). */
  minimumPerVariant?: number;
}

/** One variant's always-valid summary of one metric. */
export interface LiveMetricSummary {
  n: number;
  mean: number | null;
  sd: number | null;
  /** Always-valid (1 − alpha) interval of the mean. */
  interval: Interval | null;
}

/** One variant compared with the control on one metric. */
export interface LiveComparison {
  variant: string;
  control: string;
  metric: string;
  kind: MetricDescription['kind'];
  direction: MetricDescription['direction'];
  nVariant: number;
  nControl: number;
  /** variant mean − control mean. */
  difference: number | null;
  /** Always-valid interval of the difference at level 1 − `alpha`. */
  interval: Interval | null;
  /** The error rate this comparison spends: alpha split (Bonferroni) over the score and pass comparisons, alpha otherwise. */
  alpha: number;
  verdict: Verdict;
}

/** Result of {@link liveComparison}. */
export interface LiveComparisonResult {
  alpha: number;
  plannedSampleSize: number;
  primaryMetric: string | null;
  metrics: MetricDescription[];
  variants: { id: string; label?: string; n: number; metrics: Record<string, LiveMetricSummary> }[];
  comparisons: LiveComparison[];
  winner: string | null;
  recommendation: string;
  /** Values that could not be given as numbers, and why. */
  notes: string[];
}

interface Accumulator extends StreamSummary {
  squares: number;
}

/**
 * Compares variants of live traffic with always-valid (anytime) confidence intervals, so the page can be watched
 * continuously without inflating false winners: a variant is "better" or "worse" only once the always-valid interval of
 * its difference from the control excludes 0.
 */
export function liveComparison(input: LiveComparisonInput): LiveComparisonResult {
  checkAnalysisOptions({ arms: input.variants, baseline: input.control, alpha: input.alpha }, { arms: 'variants', baseline: 'control' });
  if (!Array.isArray(input.observations)) throw new StudioError('VALIDATION_FAILED', 'observations: must be an array', { details: { field: 'observations' } });
  const planned = input.plannedSampleSize ?? 1000;
  if (!(planned >= 1 && Number.isFinite(planned))) throw new StudioError('VALIDATION_FAILED', 'plannedSampleSize: must be at least 1', { details: { field: 'plannedSampleSize' } });
  const alpha = input.alpha ?? 0.05;
  const minimum = Math.max(2, input.minimumPerVariant ?? 10);
  const { metrics, streams, counts } = accumulate(input);
  const familySize = metrics.filter((metric) => metric.inAdjustedFamily).length * (input.variants.length - 1);
  const comparisons: LiveComparison[] = [];
  for (const metric of metrics) {
    const control = streams.get(metric.name)!.get(input.control)!;
    for (const variant of input.variants) {
      if (variant.id === input.control) continue;
      const stream = streams.get(metric.name)!.get(variant.id)!;
      const comparisonAlpha = metric.inAdjustedFamily ? alpha / Math.max(1, familySize) : alpha;
      const { difference, interval } = differenceConfidenceSequence(control, stream, { alpha: comparisonAlpha, plannedSampleSize: 2 * planned });
      let verdict: Verdict = 'not enough data';
      if (stream.n >= minimum && control.n >= minimum && interval !== null && difference !== null) {
        const excludesZero = interval[0] > 0 || interval[1] < 0;
        verdict = !excludesZero ? 'no detectable difference' : improvement(difference, metric.direction) > 0 ? 'better' : 'worse';
      }
      comparisons.push({ variant: variant.id, control: input.control, metric: metric.name, kind: metric.kind, direction: metric.direction, nVariant: stream.n, nControl: control.n, difference, interval, alpha: comparisonAlpha, verdict });
    }
  }
  const variants = input.variants.map((variant) => ({
    id: variant.id,
    ...(variant.label === undefined ? {} : { label: variant.label }),
    n: counts.get(variant.id)!,
    metrics: Object.fromEntries(metrics.map((metric) => [metric.name, summarize(streams.get(metric.name)!.get(variant.id)!, alpha, planned)])),
  }));
  const primaryMetric = pickPrimaryMetric(metrics);
  const { winner, recommendation } = recommend(comparisons, primaryMetric, input.control, minimum);
  const notes: string[] = [];
  replaceNonFinite({ variants, comparisons }, notes);
  return { alpha, plannedSampleSize: planned, primaryMetric, metrics, variants, comparisons, winner, recommendation, notes };
}

function accumulate(input: LiveComparisonInput) {
  const counts = new Map(input.variants.map((variant) => [variant.id, 0]));
  const seen = new Map<string, boolean>(Object.keys(input.metricInfo ?? {}).map((name) => [name, false]));
  const raw = new Map<string, Map<string, Accumulator>>();
  const streamOf = (metric: string, variant: string) => {
    let byVariant = raw.get(metric);
    if (!byVariant) raw.set(metric, (byVariant = new Map(input.variants.map((v) => [v.id, { n: 0, mean: 0, variance: 0, squares: 0 }]))));
    return byVariant.get(variant)!;
  };
  input.observations.forEach((observation, index) => {
    const count = counts.get(observation?.variant);
    if (count === undefined) throw new StudioError('VALIDATION_FAILED', `observations[${index}].variant: unknown variant ${JSON.stringify(observation?.variant)}`, { details: { field: `observations[${index}].variant` } });
    counts.set(observation.variant, count + 1);
    for (const name in observation.metrics) {
      const value = observation.metrics[name];
      if (value !== null && value !== undefined && typeof value !== 'number' && typeof value !== 'boolean') {
        throw new StudioError('VALIDATION_FAILED', `observations[${index}].metrics.${name}: must be a number, a boolean or null`, { details: { field: `observations[${index}].metrics.${name}` } });
      }
      if (typeof value === 'boolean') seen.set(name, true);
      else if (!seen.has(name)) seen.set(name, false);
      const numeric = typeof value === 'boolean' ? Number(value) : value;
      if (typeof numeric !== 'number' || !Number.isFinite(numeric)) continue;
      // Welford's update keeps the variance exact for large offsets (latencies) over long streams.
      const stream = streamOf(name, observation.variant);
      stream.n++;
      const delta = numeric - stream.mean;
      stream.mean += delta / stream.n;
      stream.squares += delta * (numeric - stream.mean);
    }
  });
  const metrics = [...seen].map(([name, sawBoolean]) => describeMetric(name, input.metricInfo?.[name], sawBoolean));
  const streams = new Map(metrics.map((metric) => [metric.name, new Map(input.variants.map((variant) => [variant.id, finishStream(streamOf(metric.name, variant.id))]))]));
  return { metrics, streams, counts };
}

function finishStream(stream: Accumulator): StreamSummary {
  return { n: stream.n, mean: stream.n > 0 ? stream.mean : Number.NaN, variance: stream.n > 1 ? stream.squares / (stream.n - 1) : Number.NaN };
}

function summarize(stream: StreamSummary, alpha: number, planned: number): LiveMetricSummary {
  return { n: stream.n, mean: finiteOrNull(stream.mean), sd: finiteOrNull(Math.sqrt(stream.variance)), interval: meanConfidenceSequence(stream, { alpha, plannedSampleSize: planned }) };
}

function recommend(comparisons: readonly LiveComparison[], primaryMetric: string | null, control: string, minimum: number): { winner: string | null; recommendation: string } {
  const primary = comparisons.filter((c) => c.metric === primaryMetric);
  if (primaryMetric === null || primary.length === 0) return { winner: null, recommendation: 'There is nothing to compare yet.' };
  const gain = (c: LiveComparison) => improvement(c.difference ?? 0, c.direction);
  const worseElsewhere = (variant: string) => comparisons.some((c) => c.variant === variant && c.metric !== primaryMetric && c.verdict === 'worse' && (c.kind === 'score' || c.kind === 'pass'));
  const winner = primary.filter((c) => c.verdict === 'better' && !worseElsewhere(c.variant)).sort((a, b) => gain(b) - gain(a))[0];
  const interval = (c: LiveComparison) => (c.interval ? ` (always-valid ${formatNumberPercent(1 - c.alpha)} interval ${formatInterval(c.interval, c.kind)})` : '');
  if (winner) {
    return { winner: winner.variant, recommendation: `${winner.variant} beats ${control} on ${primaryMetric} by ${formatAmount(winner.difference ?? 0, winner.kind)}${interval(winner)}; this holds however often the results were looked at — switch to ${winner.variant}.` };
  }
  if (primary.every((c) => c.verdict === 'worse')) return { winner: control, recommendation: `${control} stays ahead on ${primaryMetric}: every other variant is worse — keep ${control}.` };
  if (primary.some((c) => c.verdict === 'not enough data')) {
    return { winner: null, recommendation: `Keep collecting: each variant needs at least ${minimum} results on ${primaryMetric} before the live comparison can say anything.` };
  }
  return { winner: null, recommendation: `No detectable difference from ${control} on ${primaryMetric} yet; keep collecting — looking again later is safe with these intervals.` };
}

const formatNumberPercent = (level: number) => `${Number((level * 100).toPrecision(4))} %`;
