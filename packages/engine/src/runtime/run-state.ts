import type { LlmCallRecord, RunEvent, RunStatus, StepStatus } from '@tandem/shared';

/** One attempt of a step, as the trace shows it. */
export interface StepAttemptView {
  attempt: number;
  status: StepStatus;
  startedAt: number;
  finishedAt?: number;
  output?: unknown;
  error?: { code: string; message: string };
  /** Why a validator sent the step back before this attempt, if it did. */
  feedback?: string;
  model?: string;
}

/** A step's state folded from the log. */
export interface StepView {
  nodeId: string;
  status: StepStatus;
  attempt: number;
  startedAt?: number;
  finishedAt?: number;
  output?: unknown;
  error?: { code: string; message: string };
  /** Tokens streamed so far in the current attempt (cleared when the attempt ends). */
  streamingText: string;
  attempts: StepAttemptView[];
  calls: (LlmCallRecord & { attempt: number; seq: number })[];
  /** Kind-specific trace events: `critique.round`, `validate.result`, `variant.assigned`, `step.retrying`, `user.*`. */
  records: RunEvent[];
}

/** A run's state: the same fold in the server and the studio. */
export interface RunState {
  status: RunStatus;
  steps: Record<string, StepView>;
  outputs: Record<string, unknown>;
  error?: { code: string; message: string; nodeId?: string };
  startedAt?: number;
  finishedAt?: number;
  lastSeq: number;
}

/** The state before any event. */
export function emptyRunState(): RunState {
  return { status: 'queued', steps: {}, outputs: {}, lastSeq: 0 };
}

/** Folds a whole log. */
export function foldRunState(events: readonly RunEvent[], initial: RunState = emptyRunState()): RunState {
  return events.reduce(applyRunEvent, initial);
}

const recordTypes = new Set(['critique.round', 'validate.result', 'variant.assigned', 'step.retrying', 'user.waiting', 'user.submitted', 'step.cached']);

/** Applies one event; returns a new state object (and new objects for what changed), so React sees changes. Replays of an old seq are ignored. */
export function applyRunEvent(state: RunState, event: RunEvent): RunState {
  if (event.seq <= state.lastSeq) return state;
  const next: RunState = { ...state, lastSeq: event.seq };
  switch (event.type) {
    case 'run.started':
    case 'run.resumed':
      next.status = 'running';
      next.startedAt ??= event.ts;
      return next;
    case 'run.waiting':
      next.status = 'waiting';
      return next;
    case 'run.completed':
      next.status = 'completed';
      next.outputs = (event.data.outputs as Record<string, unknown>) ?? {};
      next.finishedAt = event.ts;
      return next;
    case 'run.failed':
      next.status = 'failed';
      next.error = event.data.error as RunState['error'];
      next.finishedAt = event.ts;
      return next;
    case 'run.cancelled':
      next.status = 'cancelled';
      next.finishedAt = event.ts;
      next.steps = Object.fromEntries(
        Object.entries(state.steps).map(([id, step]) => [id, step.status === 'running' || step.status === 'waiting' ? { ...step, status: 'cancelled' as const, streamingText: '' } : step]),
      );
      return next;
    default:
      break;
  }
  if (!event.nodeId) return next;
  const previous = state.steps[event.nodeId] ?? { nodeId: event.nodeId, status: 'queued' as StepStatus, attempt: 0, streamingText: '', attempts: [], calls: [], records: [] };
  const step: StepView = { ...previous };
  const attempt = event.attempt ?? step.attempt;
  switch (event.type) {
    case 'step.started':
      step.status = 'running';
      step.attempt = attempt;
      step.startedAt = event.ts;
      step.streamingText = '';
      delete step.finishedAt;
      delete step.error;
      step.attempts = [
        ...step.attempts,
        {
          attempt,
          status: 'running',
          startedAt: event.ts,
          ...(typeof event.data.feedback === 'string' ? { feedback: event.data.feedback } : {}),
          ...(typeof event.data.model === 'string' ? { model: event.data.model } : {}),
        },
      ];
      break;
    case 'step.delta':
      step.streamingText = step.streamingText + String(event.data.text ?? '');
      break;
    case 'llm.call':
      step.calls = [...step.calls, { ...(event.data as unknown as LlmCallRecord), attempt, seq: event.seq }];
      // That call's stream is over: the next call of the step (a critique's guidance, say) starts afresh.
      step.streamingText = '';
      break;
    case 'step.completed':
      step.status = 'succeeded';
      step.output = event.data.output;
      step.finishedAt = event.ts;
      step.streamingText = '';
      step.attempts = updateAttempt(step.attempts, attempt, { status: 'succeeded', finishedAt: event.ts, output: event.data.output });
      break;
    case 'step.failed': {
      const error = event.data.error as StepView['error'];
      // A step stopped by a cancel (or by another step's failure) did not fail on its own.
      step.status = error?.code === 'RUN_ABORTED' ? 'cancelled' : 'failed';
      step.error = error;
      step.finishedAt = event.ts;
      step.streamingText = '';
      step.attempts = updateAttempt(step.attempts, attempt, { status: step.status, finishedAt: event.ts, ...(error ? { error } : {}) });
      break;
    }
    case 'step.skipped':
      step.status = 'skipped';
      break;
    case 'user.waiting':
      step.status = 'waiting';
      step.records = [...step.records, event];
      break;
    default:
      if (recordTypes.has(event.type)) step.records = [...step.records, event];
      break;
  }
  next.steps = { ...state.steps, [event.nodeId]: step };
  return next;
}

function updateAttempt(attempts: StepAttemptView[], attempt: number, patch: Partial<StepAttemptView>): StepAttemptView[] {
  return attempts.map((entry) => (entry.attempt === attempt ? { ...entry, ...patch } : entry));
}
