import { eventsOfType, type EventError, type LlmCallRecord, type RunError, type RunEvent, type RunEventOf, type RunStatus, type StepStatus } from '@tandem/shared';

/** One attempt of a step, as the trace shows it. */
export interface StepAttemptView {
  attempt: number;
  /** The seq of the attempt's `step.started`: attempts of a run in start order. */
  seq: number;
  status: StepStatus;
  startedAt: number;
  finishedAt?: number;
  output?: unknown;
  error?: EventError;
  /** Why a validator sent the step back before this attempt, if it did. */
  feedback?: string;
  model?: string;
}

type StepRecordType = 'critique.round' | 'validate.result' | 'variant.assigned' | 'step.retrying' | 'user.waiting' | 'user.submitted';

/** The kind-specific trace events a step keeps (its `records`). */
export type StepRecord = { [Type in StepRecordType]: RunEventOf<Type> }[StepRecordType];

/** One model call of a step, as its `llm.call` event recorded it. */
export type StepCall = LlmCallRecord & { attempt: number; seq: number; ts: number };

/** What a waiting `user` step asks a person. */
export interface PersonRequest {
  title: string;
  instructions?: string;
  value: unknown;
  /** When the step began to wait. */
  since: number;
}

/** A person's answer to a `user` step. */
export interface PersonAnswer {
  decision: 'approved' | 'rejected';
  value: unknown;
  at: number;
}

/** A step's state folded from the log. */
export interface StepView {
  nodeId: string;
  /** The node kind, from the step's first `step.started`. */
  kind?: string;
  status: StepStatus;
  /** The attempt running or last run. */
  attempt: number;
  startedAt?: number;
  finishedAt?: number;
  /** The output of the latest attempt that succeeded. */
  output?: unknown;
  /** True once an attempt succeeded: its output is what downstream steps read. */
  completed: boolean;
  error?: EventError;
  /** The model calls streaming now, oldest first: each keeps its own text until its `llm.call` record arrives. */
  streams: readonly { role: string; text: string }[];
  /** The text of the oldest call still streaming (what a card shows), or ''. */
  streamingText: string;
  /** The role of that call (`main`, `primary`, `secondary`, `variant:a`…). */
  streamingRole?: string;
  attempts: StepAttemptView[];
  calls: StepCall[];
  /** Kind-specific trace events: `critique.round`, `validate.result`, `variant.assigned`, `step.retrying`, `user.*`. */
  records: StepRecord[];
  /** While a `user` step waits: what it asks. */
  request?: PersonRequest;
  /** Once a person answered a `user` step. */
  answer?: PersonAnswer;
  /** The seq of the `step.completed` event that recorded `output`. */
  completedSeq?: number;
  /** For a step a fork did not run: the run and event its output was reused from. */
  reusedFrom?: { runId: string; seq: number };
}

/** A run's state: one fold over its log, used by the executor's resume, the server and the studio. */
export interface RunState {
  status: RunStatus;
  steps: Record<string, StepView>;
  outputs: Record<string, unknown>;
  error?: RunError;
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

/** The records of one type a step keeps, typed by that type. */
export function recordsOf<Type extends StepRecord['type']>(step: StepView, type: Type): RunEventOf<Type>[] {
  return eventsOfType(step.records, type);
}

/**
 * Applies one event; returns a new state object (and new objects for what changed), so React sees
 * changes. Replays of an old seq are ignored.
 */
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
      next.outputs = event.data.outputs;
      next.finishedAt = event.ts;
      return next;
    case 'run.failed':
      next.status = 'failed';
      next.error = event.data.error;
      next.finishedAt = event.ts;
      return next;
    case 'run.cancelled':
      next.status = 'cancelled';
      next.finishedAt = event.ts;
      next.steps = mapSteps(state.steps, (step) => (step.status === 'running' || step.status === 'waiting' ? withStreams({ ...step, status: 'cancelled' }, []) : step));
      return next;
    default:
      break;
  }
  if (!event.nodeId) return next;
  const previous = state.steps[event.nodeId] ?? newStep(event.nodeId);
  next.steps = { ...state.steps, [event.nodeId]: applyStepEvent(previous, event) };
  return next;
}

function applyStepEvent(previous: StepView, event: RunEvent): StepView {
  const step: StepView = { ...previous };
  const attempt = event.attempt ?? step.attempt;
  switch (event.type) {
    case 'step.started': {
      step.kind ??= event.data.kind;
      if (continuesAnsweredAttempt(previous)) {
        // Logs written before a person's answer continued the waiting attempt start a new attempt here:
        // it is the same attempt, resumed, so it keeps its start time.
        step.status = 'running';
        step.attempt = attempt;
        step.attempts = step.attempts.map((entry, index) => (index === step.attempts.length - 1 ? { ...entry, attempt, status: 'running' } : entry));
        return step;
      }
      step.status = 'running';
      step.attempt = attempt;
      step.startedAt = event.ts;
      delete step.finishedAt;
      delete step.error;
      delete step.request;
      delete step.answer;
      step.attempts = [
        ...step.attempts,
        {
          attempt,
          seq: event.seq,
          status: 'running',
          startedAt: event.ts,
          ...(event.data.feedback ? { feedback: event.data.feedback } : {}),
          ...(event.data.model ? { model: event.data.model } : {}),
        },
      ];
      return withStreams(step, []);
    }
    case 'step.delta': {
      const role = event.data.role ?? 'main';
      const existing = step.streams.find((stream) => stream.role === role);
      const streams = existing
        ? step.streams.map((stream) => (stream === existing ? { role, text: stream.text + event.data.text } : stream))
        : [...step.streams, { role, text: event.data.text }];
      return withStreams(step, streams);
    }
    case 'llm.call':
      step.calls = [...step.calls, { ...event.data, attempt, seq: event.seq, ts: event.ts }];
      // That call's stream is over: the step's next call (a critique's guidance, say) streams afresh.
      return withStreams(step, step.streams.filter((stream) => stream.role !== event.data.role));
    case 'step.completed':
      step.status = 'succeeded';
      step.output = event.data.output;
      step.completedSeq = event.seq;
      if (event.data.reusedFrom) step.reusedFrom = { runId: event.data.reusedFrom.runId, seq: event.data.reusedFrom.seq };
      step.completed = true;
      step.finishedAt = event.ts;
      step.attempts = updateAttempt(step.attempts, attempt, { status: 'succeeded', finishedAt: event.ts, output: event.data.output });
      return withStreams(step, []);
    case 'step.failed': {
      const error = event.data.error;
      // A step stopped by a cancel (or by another step's failure) did not fail on its own.
      step.status = error.code === 'RUN_ABORTED' ? 'cancelled' : 'failed';
      step.error = error;
      step.finishedAt = event.ts;
      step.attempts = updateAttempt(step.attempts, attempt, { status: step.status, finishedAt: event.ts, error });
      return withStreams(step, []);
    }
    case 'step.skipped':
      step.status = 'skipped';
      return step;
    case 'user.waiting':
      step.status = 'waiting';
      step.request = { title: event.data.title, value: event.data.value, since: event.ts, ...(event.data.instructions !== undefined ? { instructions: event.data.instructions } : {}) };
      step.attempts = updateAttempt(step.attempts, step.attempt, { status: 'waiting' });
      step.records = [...step.records, event];
      return step;
    case 'user.submitted':
      // The person answered: the waiting attempt goes on (and ends with this step's `step.completed`).
      step.status = 'running';
      step.answer = { decision: event.data.decision, value: event.data.value, at: event.ts };
      delete step.request;
      step.attempts = updateAttempt(step.attempts, step.attempt, { status: 'running' });
      step.records = [...step.records, event];
      return step;
    case 'critique.round':
    case 'validate.result':
    case 'variant.assigned':
    case 'step.retrying':
      step.records = [...step.records, event];
      return step;
    default:
      return step;
  }
}

function newStep(nodeId: string): StepView {
  return { nodeId, status: 'queued', attempt: 0, completed: false, streams: [], streamingText: '', attempts: [], calls: [], records: [] };
}

/** True when a person answered the step's waiting attempt and it has not ended yet. */
function continuesAnsweredAttempt(step: StepView): boolean {
  return step.answer !== undefined && step.status === 'running' && step.attempts.at(-1)?.status === 'running';
}

function withStreams(step: StepView, streams: StepView['streams']): StepView {
  step.streams = streams;
  const current = streams[0];
  step.streamingText = current?.text ?? '';
  if (current) step.streamingRole = current.role;
  else delete step.streamingRole;
  return step;
}

function mapSteps(steps: Record<string, StepView>, map: (step: StepView) => StepView): Record<string, StepView> {
  return Object.fromEntries(Object.entries(steps).map(([id, step]) => [id, map(step)]));
}

function updateAttempt(attempts: StepAttemptView[], attempt: number, patch: Partial<StepAttemptView>): StepAttemptView[] {
  return attempts.map((entry) => (entry.attempt === attempt ? { ...entry, ...patch } : entry));
}

/** Every model call of a run, in the order they were recorded. */
export function callsOf(state: RunState): StepCall[] {
  return Object.values(state.steps)
    .flatMap((step) => step.calls)
    .sort((a, b) => a.seq - b.seq);
}
