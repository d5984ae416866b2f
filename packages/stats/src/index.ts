export { analyzeExperiment } from './analysis/analyze-experiment.ts';
export type {
  AnalyzeExperimentInput,
  ArmInput,
  ArmSummary,
  Comparison,
  ExperimentAnalysis,
  MetricDescription,
  MetricDirection,
  MetricInfo,
  MetricKind,
  MetricSummary,
  MetricValue,
  PowerBasis,
  TestName,
  Trial,
  Verdict,
} from './analysis/types.ts';
export { benjaminiHochbergAdjust, holmAdjust } from './adjust.ts';
export { pairedBootstrapCi } from './bootstrap.ts';
export type { BootstrapInterval, BootstrapOptions } from './bootstrap.ts';
export { differenceConfidenceSequence, meanConfidenceSequence, normalMixtureRadius } from './confidence-sequence.ts';
export type { ConfidenceSequenceOptions, StreamSummary } from './confidence-sequence.ts';
export { describeSample, mean, percentileOfSorted, sampleVariance } from './descriptive.ts';
export type { SampleSummary } from './descriptive.ts';
export { normalCdf, normalQuantile, tCdf, tQuantile, twoSidedNormalP, twoSidedTP } from './distributions.ts';
export { cohensD, cohensDz } from './effect-size.ts';
export type { Interval } from './finite.ts';
export { exactBinomialHalfP, mcnemarChiSquare, mcnemarExact, pairedProportionInterval, signTest } from './paired-proportions.ts';
export { agrestiCaffoInterval, cohensH, twoProportionZTest, wilsonInterval } from './proportions.ts';
export type { TwoProportionTest } from './proportions.ts';
export { createRandom } from './random.ts';
export { mannWhitneyU, wilcoxonSignedRank } from './rank-tests.ts';
export type { RankTestResult } from './rank-tests.ts';
export { minimumUnitsForSignificance, pairedProportionSampleSize, pairedSampleSize, twoProportionSampleSize, twoSampleSize } from './sample-size.ts';
export type { PowerSettings } from './sample-size.ts';
export { pairedTTest, twoSampleTTest } from './t-tests.ts';
export type { TTestResult } from './t-tests.ts';
export { compareExperiments } from './analysis/compare-experiments.ts';
export type { CompareExperimentsOptions, ExperimentComparison, ExperimentSide, MetricChange } from './analysis/compare-experiments.ts';
export { findRegressions } from './analysis/find-regressions.ts';
export type { Regression, RegressionOptions, RegressionReport } from './analysis/find-regressions.ts';
export { liveComparison } from './analysis/live-comparison.ts';
export type { LiveComparison, LiveComparisonInput, LiveComparisonResult, LiveMetricSummary, LiveObservation } from './analysis/live-comparison.ts';
