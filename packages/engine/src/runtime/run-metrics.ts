import { recordsOf, type RunState } from './run-state.ts';

/** What a run measured, as experiments and the live A/B view read it. Every number is finite. */
export interface RunMetrics {
  /**
   * Metric values by name: `latencyMs`, `costUsd`, `inputTokens`, `outputTokens`, each `judge` step's
   * `<nodeId>.score` and each `validate` step's `<nodeId>.valid`.
   */
  values: Record<string, number | boolean>;
  /** The variant each split `variants` step served, by node id. */
  variants: Record<string, string>;
}

/**
 * The metrics of a run, from its folded state (the same fold the server projects and the studio
 * shows). Latency is the run's wall time (start to end, or to the last event while unfinished); cost
 * and tokens add every model call, failed ones included. Steps that did not complete give no score.
 *
 * @example
 * runMetricsOf(foldRunState(events)).values['judge.score']; // 7
 */
export function runMetricsOf(state: RunState): RunMetrics {
  const values: Record<string, number | boolean> = {};
  const variants: Record<string, string> = {};
  let costUsd = 0;
  let inputTokens = 0;
  let outputTokens = 0;
  let lastTs = state.startedAt;
  for (const step of Object.values(state.steps)) {
    for (const call of step.calls) {
      costUsd += finite(call.costUsd);
      inputTokens += finite(call.usage.inputTokens);
      outputTokens += finite(call.usage.outputTokens);
      if (lastTs === undefined || call.ts > lastTs) lastTs = call.ts;
    }
    if (step.finishedAt !== undefined && (lastTs === undefined || step.finishedAt > lastTs)) lastTs = step.finishedAt;
    const output = step.completed ? step.output : undefined;
    if (step.kind === 'judge' && isRecord(output) && typeof output.score === 'number' && Number.isFinite(output.score)) {
      values[`${step.nodeId}.score`] = output.score;
    }
    if (step.kind === 'validate' && isRecord(output) && typeof output.valid === 'boolean') values[`${step.nodeId}.valid`] = output.valid;
    if (step.kind === 'variants') {
      const split = recordsOf(step, 'variant.assigned').filter((record) => record.data.mode === 'split').at(-1);
      if (split) variants[step.nodeId] = split.data.variant;
    }
  }
  const end = state.finishedAt ?? lastTs;
  if (state.startedAt !== undefined && end !== undefined) values.latencyMs = Math.max(0, end - state.startedAt);
  values.costUsd = costUsd;
  values.inputTokens = inputTokens;
  values.outputTokens = outputTokens;
  return { values, variants };
}

function finite(value: number): number {
  return Number.isFinite(value) ? value : 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
