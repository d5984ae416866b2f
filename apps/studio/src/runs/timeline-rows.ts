import type { RunState } from '@tandem/engine';
import type { StepStatus } from '@tandem/shared';
import { attemptOutcomes } from './attempt-outcomes.ts';

export interface TimelineCall {
  seq: number;
  role: string;
  startedAt: number;
  finishedAt: number;
  cached: boolean;
}

/** One attempt of one step on the timeline. */
export interface TimelineRow {
  key: string;
  nodeId: string;
  /** The step's node kind, when the log says. */
  kind?: string;
  attempt: number;
  status: StepStatus;
  startedAt: number;
  finishedAt?: number;
  feedback?: string;
  /** A validator rejected this attempt's output and sent the step back. */
  rejected?: boolean;
  /** The fallback model a validator switched this attempt to. */
  fallbackModel?: string;
  calls: TimelineCall[];
}

/** One row per step attempt, in start order, with each attempt's model calls as sub-bars. */
export function buildTimelineRows(run: RunState): TimelineRow[] {
  const rows: (TimelineRow & { order: number })[] = [];
  for (const step of Object.values(run.steps)) {
    for (const attempt of attemptOutcomes(step)) {
      const key = `${step.nodeId}#${attempt.attempt}`;
      const current = attempt.attempt === step.attempt;
      const calls = step.calls
        .filter((call) => call.attempt === attempt.attempt)
        .map((call): TimelineCall => ({ seq: call.seq, role: call.role, startedAt: call.ts - call.latencyMs, finishedAt: call.ts, cached: call.cached }));
      rows.push({
        key,
        // Start order is log order: timestamps of steps started in the same millisecond tie.
        order: attempt.seq,
        nodeId: step.nodeId,
        ...(step.kind ? { kind: step.kind } : {}),
        attempt: attempt.attempt,
        // A waiting user step keeps its attempt "running" in the fold; show the step's own status.
        status: current && step.status === 'waiting' ? 'waiting' : attempt.status,
        startedAt: attempt.startedAt,
        ...(attempt.finishedAt !== undefined ? { finishedAt: attempt.finishedAt } : {}),
        ...(attempt.feedback ? { feedback: attempt.feedback } : {}),
        ...(attempt.rejection ? { rejected: true } : {}),
        ...(attempt.fallbackModel ? { fallbackModel: attempt.fallbackModel } : {}),
        calls,
      });
    }
  }
  return rows
    .sort((a, b) => a.order - b.order || a.startedAt - b.startedAt || a.nodeId.localeCompare(b.nodeId))
    .map(({ order: _order, ...row }) => row);
}

/** When the run was busy: every attempt of a step that does not wait for a person, and every model call. */
export function busySpans(rows: readonly TimelineRow[], endAt: number, isPersonStep: (kind: string | undefined) => boolean): { start: number; end: number }[] {
  return rows.flatMap((row) => [
    ...(isPersonStep(row.kind) ? [] : [{ start: row.startedAt, end: row.finishedAt ?? endAt }]),
    ...row.calls.map((call) => ({ start: call.startedAt, end: call.finishedAt })),
  ]);
}

/** Evenly spaced tick times (ms from the start) for an axis of `durationMs`. */
export function axisTicks(durationMs: number, count = 5): number[] {
  if (durationMs <= 0) return [0];
  const rough = durationMs / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough) ?? rough;
  const ticks: number[] = [];
  for (let tick = 0; tick <= durationMs + 1e-9; tick += step) ticks.push(tick);
  return ticks;
}
