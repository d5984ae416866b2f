import type { PersonAnswer, PersonRequest } from './run-state.ts';
import type { RunMetrics } from './run-metrics.ts';
import type { RunError, RunEvent, RunStatus } from '@tandem/shared';

/** What a run's summary keeps of one step: only what its metrics read. */
interface StepSummary {
  /** The node kind, from the step's first `step.started`. */
  kind?: string;
  /** True once an attempt succeeded. */
  completed: boolean;
  /** The output of the latest attempt that succeeded. */
  output?: unknown;
  /** The variant of the step's latest split `variant.assigned`. */
  splitVariant?: string;
  /** The cost of each of its model calls, in order (added up step by step, as the full fold's metrics do). */
  callCosts: number[];
}

/**
 * A run's status, outputs, error, times and metric totals: the part of the full fold (`RunState`) a writer
 * stores in the run row, folded without the trace views (attempts, calls, records, streams) the
 * studio shows. Folding it costs a small fraction of `applyRunEvent`; {@link runSummaryMetrics}
 * of an ended run equals `runMetricsOf(foldRunState(log))`.
 */
export interface RunSummary {
  status: RunStatus;
  /** The run's outputs, from its `run.completed`. */
  outputs: Record<string, unknown>;
  error?: RunError;
  startedAt?: number;
  finishedAt?: number;
  lastSeq: number;
  /** Every model call's tokens, failed ones included. */
  inputTokens: number;
  outputTokens: number;
  /** The steps that have an event, in the order of their first event. */
  steps: Map<string, StepSummary>;
}

/** What one event changed for a person: the request a `user.waiting` opened or the answer a `user.submitted` recorded. */
export type PersonChange =
  | { type: 'request'; nodeId: string; request: PersonRequest }
  | { type: 'answer'; nodeId: string; answer: PersonAnswer };

/** The summary before any event. */
export function emptyRunSummary(): RunSummary {
  return { status: 'queued', outputs: {}, lastSeq: 0, inputTokens: 0, outputTokens: 0, steps: new Map() };
}

/** Folds a whole log into a new summary. */
export function foldRunSummary(events: readonly RunEvent[]): RunSummary {
  const summary = emptyRunSummary();
  for (const event of events) addToRunSummary(summary, event);
  return summary;
}

/**
 * Applies one event to `summary` IN PLACE (the summary is a writer's private bookkeeping, not a view
 * state: nothing watches it for changes). Replays of an old seq are ignored. Answers the person
 * request or answer the event made, if any, as `applyRunEvent` records it on the step.
 */
export function addToRunSummary(summary: RunSummary, event: RunEvent): PersonChange | undefined {
  if (event.seq <= summary.lastSeq) return undefined;
  summary.lastSeq = event.seq;
  switch (event.type) {
    case 'run.started':
    case 'run.resumed':
      summary.status = 'running';
      summary.startedAt ??= event.ts;
      return undefined;
    case 'run.waiting':
      summary.status = 'waiting';
      return undefined;
    case 'run.completed':
      summary.status = 'completed';
      summary.outputs = event.data.outputs;
      summary.finishedAt = event.ts;
      return undefined;
    case 'run.failed':
      summary.status = 'failed';
      summary.error = event.data.error;
      summary.finishedAt = event.ts;
      return undefined;
    case 'run.cancelled':
      summary.status = 'cancelled';
      summary.finishedAt = event.ts;
      return undefined;
    default:
      break;
  }
  if (!event.nodeId) return undefined;
  let step = summary.steps.get(event.nodeId);
  if (step === undefined) summary.steps.set(event.nodeId, (step = { completed: false, callCosts: [] }));
  switch (event.type) {
    case 'step.started':
      step.kind ??= event.data.kind;
      return undefined;
    case 'step.completed':
      step.completed = true;
      step.output = event.data.output;
      return undefined;
    case 'llm.call':
      step.callCosts.push(finite(event.data.costUsd));
      summary.inputTokens += finite(event.data.usage.inputTokens);
      summary.outputTokens += finite(event.data.usage.outputTokens);
      return undefined;
    case 'variant.assigned':
      if (event.data.mode === 'split') step.splitVariant = event.data.variant;
      return undefined;
    case 'user.waiting': {
      const { title, value, instructions } = event.data;
      return { type: 'request', nodeId: event.nodeId, request: { title, value, since: event.ts, ...(instructions !== undefined ? { instructions } : {}) } };
    }
    case 'user.submitted':
      return { type: 'answer', nodeId: event.nodeId, answer: { decision: event.data.decision, value: event.data.value, at: event.ts } };
    default:
      return undefined;
  }
}

/**
 * The metrics of a run that ended (its summary has `finishedAt`), as `runMetricsOf` reads them
 * from the full fold: latency is start to end; cost and tokens add every model call.
 */
export function runSummaryMetrics(summary: RunSummary): RunMetrics {
  const values: Record<string, number | boolean> = {};
  const variants: Record<string, string> = {};
  let costUsd = 0;
  for (const [nodeId, step] of summary.steps) {
    for (const cost of step.callCosts) costUsd += cost;
    const output = step.completed ? step.output : undefined;
    if (step.kind === 'judge' && isRecord(output) && typeof output.score === 'number' && Number.isFinite(output.score)) {
      values[`${nodeId}.score`] = output.score;
    }
    if (step.kind === 'validate' && isRecord(output) && typeof output.valid === 'boolean') values[`${nodeId}.valid`] = output.valid;
    if (step.kind === 'variants' && step.splitVariant !== undefined) variants[nodeId] = step.splitVariant;
  }
  if (summary.startedAt !== undefined && summary.finishedAt !== undefined) values.latencyMs = Math.max(0, summary.finishedAt - summary.startedAt);
  values.costUsd = costUsd;
  values.inputTokens = summary.inputTokens;
  values.outputTokens = summary.outputTokens;
  return { values, variants };
}

/** The kind of a step the summary has seen start. */
export function stepKindOf(summary: RunSummary, nodeId: string): string | undefined {
  return summary.steps.get(nodeId)?.kind;
}

function finite(value: number): number {
  return Number.isFinite(value) ? value : 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
