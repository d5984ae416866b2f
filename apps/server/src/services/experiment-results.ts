import { StudioError, type TrialResult } from '@tandem/shared';
import { analyzeExperiment, compareExperiments, type ExperimentAnalysis, type MetricInfo, type Trial } from '@tandem/stats';
import type { ExperimentRecord, ExperimentStore, LatestFeedback, TrialRecord } from '@tandem/db';
import { stableHash } from '@tandem/engine';

/** Feedback as trial metrics: the latest score, and thumbs up as a pass. */
export function feedbackMetrics(feedback: LatestFeedback | undefined): Record<string, number | boolean> {
  const metrics: Record<string, number | boolean> = {};
  if (feedback?.score !== undefined) metrics['feedback.score'] = feedback.score;
  if (feedback?.thumbs !== undefined) metrics['feedback.thumbsUp'] = feedback.thumbs === 'up';
  return metrics;
}

/**
 * Keeps finite numbers and booleans only: nothing else reaches a page or an export. Names come in
 * {@link metricOrder}, whatever order the database kept them in (Postgres's jsonb does not keep it).
 */
function cleanMetrics(metrics: Record<string, unknown> | undefined): Record<string, number | boolean> {
  const clean: Record<string, number | boolean> = {};
  for (const name of metricOrder(Object.keys(metrics ?? {}))) {
    const value = metrics![name];
    if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) clean[name] = value;
  }
  return clean;
}

/** The metric names of an experiment in a stable order: judge scores, validators, scorers, feedback, then cost and speed. */
export function metricOrder(names: Iterable<string>): string[] {
  const own = ['latencyMs', 'costUsd', 'inputTokens', 'outputTokens'];
  const rank = (name: string) => (name.endsWith('.score') && !name.startsWith('feedback.') ? 0 : name.endsWith('.valid') ? 1 : name.startsWith('feedback.') ? 3 : own.includes(name) ? 4 + own.indexOf(name) : 2);
  return [...new Set(names)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Reads an experiment's trials as results, analyses and exports them (from either database, through the experiment store). */
export function createExperimentResults(deps: { store: ExperimentStore }) {
  const { store } = deps;
  const analysisCache = new Map<string, { key: string; analysis: ExperimentAnalysis }>();

  async function results(record: ExperimentRecord, given?: readonly TrialRecord[]): Promise<TrialResult[]> {
    const trials = given ?? (await store.trials.list(record.id));
    const feedback = await store.reads.latestFeedback(record.id);
    return trials.map((trial) => ({
      row: trial.row,
      arm: trial.arm,
      repeat: trial.repeat,
      runId: trial.runId,
      status: trial.status,
      metrics: { ...cleanMetrics(trial.metrics), ...(trial.runId ? feedbackMetrics(feedback.get(trial.runId)) : {}) },
    }));
  }

  function statsTrials(list: readonly TrialResult[], arm?: string): Trial[] {
    return list
      .filter((trial) => (trial.status === 'completed' || trial.status === 'failed') && (arm === undefined || trial.arm === arm))
      .map((trial) => ({ row: trial.row, arm: trial.arm, repeat: trial.repeat, status: trial.status as 'completed' | 'failed', metrics: trial.metrics }));
  }

  /** Kinds the names do not tell; only for metrics present (a metric named here is compared even without values). */
  function metricInfo(record: ExperimentRecord, list: readonly TrialResult[]): Record<string, MetricInfo> {
    const info: Record<string, MetricInfo> = {};
    if (list.some((trial) => trial.metrics['feedback.score'] !== undefined)) info['feedback.score'] = { kind: 'score', direction: 'higher' };
    for (const scorer of record.scorers) {
      const name = scorer.name ?? scorer.type;
      if (scorer.type === 'rubric' && list.some((trial) => trial.metrics[name] !== undefined)) info[name] = { kind: 'score', direction: 'higher' };
    }
    return info;
  }

  function primaryMetric(list: readonly TrialResult[]): string | undefined {
    const names = metricOrder(list.flatMap((trial) => Object.keys(trial.metrics)));
    return names.find((name) => name.endsWith('.score') && !name.startsWith('feedback.')) ?? names.find((name) => list.some((trial) => typeof trial.metrics[name] === 'boolean'));
  }

  return {
    results,
    /** The statistics of an experiment (DESIGN.md §7), cached until another trial ends or feedback arrives. */
    async analysis(record: ExperimentRecord): Promise<ExperimentAnalysis> {
      const list = await results(record);
      const key = `${record.lastSeq}/${list.reduce((count, trial) => count + Object.keys(trial.metrics).length, 0)}`;
      const cached = analysisCache.get(record.id);
      if (cached?.key === key) return cached.analysis;
      const primary = primaryMetric(list);
      const analysis = analyzeExperiment({
        arms: record.arms.map((arm) => ({ id: arm.id, label: arm.label })),
        baseline: record.baseline,
        trials: statsTrials(list),
        metricInfo: metricInfo(record, list),
        seed: Number.parseInt(stableHash(record.id).slice(0, 8), 16) || 1,
        ...(primary ? { primaryMetric: primary } : {}),
      });
      analysisCache.set(record.id, { key, analysis });
      return analysis;
    },
    /** Compares an experiment with an earlier one on the same dataset: improved, regressed and unchanged rows. */
    async compare(current: ExperimentRecord, previous: ExperimentRecord, arms: { arm?: string; withArm?: string } = {}) {
      if (current.datasetId !== previous.datasetId) {
        throw new StudioError('EXPERIMENT_INVALID', `with: experiment "${previous.id}" ran dataset "${previous.datasetId}", not "${current.datasetId}"; compare experiments on the same dataset`, { details: { field: 'with' } });
      }
      const currentResults = await results(current);
      const comparison = compareExperiments(
        { trials: statsTrials(currentResults), ...(arms.arm ? { arm: arms.arm } : {}) },
        { trials: statsTrials(await results(previous)), ...(arms.withArm ? { arm: arms.withArm } : {}) },
        { metricInfo: metricInfo(current, currentResults) },
      );
      return { current: current.id, previous: previous.id, sameDatasetVersion: current.datasetVersion === previous.datasetVersion, ...comparison };
    },
    statsTrials,
  };
}

export type ExperimentResults = ReturnType<typeof createExperimentResults>;
