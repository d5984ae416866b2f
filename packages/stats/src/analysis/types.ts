import type { Interval } from '../finite.ts';

/** Which way is good for a metric. */
export type MetricDirection = 'higher' | 'lower';

/** What a metric measures; decides its tests and whether it joins the adjusted family of quality comparisons. */
export type MetricKind = 'score' | 'pass' | 'latency' | 'cost' | 'tokens';

/** What the caller knows about a metric; anything left out is inferred from its name and values. */
export interface MetricInfo {
  direction?: MetricDirection;
  kind?: MetricKind;
}

/** A metric value as trials report it: numbers, pass/fail booleans; `null`/absent means "no value". */
export type MetricValue = number | boolean | null | undefined;

/** One trial: a (row × arm × repeat) run and its metrics. */
export interface Trial {
  /** Dataset row (index from 0, or any id). Trials of different arms on the same row are paired. Absent for live traffic. */
  row?: number | string | null;
  arm: string;
  repeat?: number;
  status: 'completed' | 'failed';
  metrics?: Readonly<Record<string, MetricValue>> | null;
}

/** An arm of an experiment. */
export interface ArmInput {
  id: string;
  label?: string;
}

/** The statistical tests the analysis can name. */
export type TestName = 'paired-t' | 'wilcoxon' | 'sign-test' | 'mcnemar-exact' | 'welch-t' | 'mann-whitney' | 'two-proportion-z';

/** What a comparison concludes. */
export type Verdict = 'better' | 'worse' | 'no detectable difference' | 'not enough data';

/** A metric as the analysis understood it. */
export interface MetricDescription {
  name: string;
  kind: MetricKind;
  direction: MetricDirection;
  /** True for score and pass metrics: their comparisons are Holm-adjusted together. */
  inAdjustedFamily: boolean;
  /** True when kind and direction were inferred rather than given in `metricInfo`. */
  inferred: boolean;
}

/** Summary of one metric in one arm, over rows (repeats of a row are averaged first). Every number is finite or `null`. */
export interface MetricSummary {
  /** Rows (units) with a value. */
  n: number;
  /** Trial values that went into those rows. */
  trials: number;
  /** Completed trials that reported no usable value (absent, null, NaN or ±Infinity). */
  missing: number;
  mean: number | null;
  /** 95 % t-interval of the mean. */
  ci95: Interval | null;
  median: number | null;
  sd: number | null;
  /** Percentiles by linear interpolation between closest ranks (type 7). */
  p50: number | null;
  p95: number | null;
  min: number | null;
  max: number | null;
  /** Pass metrics: the share of passes. */
  passRate?: number | null;
  /** Pass metrics: the Wilson 95 % interval of the pass rate. */
  wilson95?: Interval | null;
}

/** One arm's summary. */
export interface ArmSummary {
  id: string;
  label?: string;
  /** Trials of this arm. */
  n: number;
  completed: number;
  failed: number;
  /** failed / n, or `null` without trials. */
  failureRate: number | null;
  /** Distinct rows this arm ran. */
  rows: number;
  metrics: Record<string, MetricSummary>;
}

/** What the rows-needed figure assumed. */
export interface PowerBasis {
  /** `observed`: the effect seen in these data; `assumed`: a stated minimum detectable effect, since none was seen. */
  source: 'observed' | 'assumed';
  /** The effect in the metric's units (arm − baseline), when it can be expressed in them. */
  effect: number | null;
  /** The standardised effect used (d_z, d, or a pass-rate difference); `null` for constant differences, where the sign test sets the count. */
  standardizedEffect: number | null;
  /** Two-sided level used: alpha divided by the size of the adjusted family (a Bonferroni bound on Holm). */
  alpha: number;
}

/** One arm compared with the baseline on one metric. Every number is finite or `null`. */
export interface Comparison {
  arm: string;
  baseline: string;
  metric: string;
  kind: MetricKind;
  direction: MetricDirection;
  /** True when rows were matched across the two arms. */
  paired: boolean;
  /** Pairs (paired) or observations in both arms together (unpaired) that entered the test. */
  n: number;
  nArm: number;
  nBaseline: number;
  /** Paired only: rows that had a value in one arm but not the other, left out of the pairs. */
  droppedRows?: number;
  test: TestName;
  statistic: number | null;
  df?: number | null;
  p: number | null;
  /** Holm-adjusted p for the quality family; equal to `p` outside it (see `adjustment`). */
  pAdjusted: number | null;
  adjustment: 'holm' | 'none';
  inAdjustedFamily: boolean;
  armMean: number | null;
  baselineMean: number | null;
  /** armMean − baselineMean on the compared units (pass metrics: difference of pass rates). */
  difference: number | null;
  /** difference / |baselineMean|. */
  relativeDifference: number | null;
  /** 95 % interval of the difference (t-interval; Agresti–Min or Agresti–Caffo for pass rates). */
  ci95: Interval | null;
  effectSize: number | null;
  effectSizeKind: 'cohens-dz' | 'cohens-d' | 'cohens-h';
  /** A second test of the same question that makes fewer assumptions. */
  robustness?: { test: TestName; statistic: number | null; p: number | null };
  /** Seeded percentile bootstrap interval of the mean paired difference (score metrics). */
  bootstrapCi95?: Interval | null;
  bootstrap?: { resamples: number; seed: number };
  /** Paired pass/fail: rows where only one arm passed. */
  discordant?: { onlyArm: number; onlyBaseline: number };
  verdict: Verdict;
  rowsNeededFor80Power?: number;
  powerBasis?: PowerBasis;
  /** Plain explanations of nulls and fallbacks. */
  notes: string[];
}

/** Input of {@link analyzeExperiment}. */
export interface AnalyzeExperimentInput {
  arms: readonly ArmInput[];
  baseline: string;
  trials: readonly Trial[];
  metricInfo?: Readonly<Record<string, MetricInfo>>;
  /** Significance level (default 0.05). */
  alpha?: number;
  /** Seed of the bootstrap (default 0). */
  seed?: number;
  /** `auto` (default) pairs two arms when they share rows. */
  pairing?: 'auto' | 'paired' | 'unpaired';
  /** The metric the winner is chosen on (default: the first score metric, else the first pass metric). */
  primaryMetric?: string;
  /** Bootstrap resamples per score comparison (default 2,000). */
  bootstrapResamples?: number;
}

/** Result of {@link analyzeExperiment}: the shape of `GET /api/experiments/:id/analysis`. */
export interface ExperimentAnalysis {
  alpha: number;
  seed: number;
  baseline: string;
  primaryMetric: string | null;
  metrics: MetricDescription[];
  arms: ArmSummary[];
  comparisons: Comparison[];
  winner: string | null;
  recommendation: string;
  /** Data problems worth knowing (values left out, arms without trials). */
  notes: string[];
}
