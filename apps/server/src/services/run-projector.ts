import { terminalRunStatuses, type RunEvent } from '@tandem/shared';
import { applyRunEvent, foldRunState, runMetricsOf, type RunState } from '@tandem/engine';
import type { PersonAnswerProjection, PersonRequestProjection, RunProjection } from '@tandem/db';

/**
 * Keeps the engine's fold of every run the server is writing, and derives from it what each
 * committed batch implies for the database (the run row's status columns, person requests and
 * answers). A run's state is rebuilt from its committed log whenever the projector has not seen the
 * event before the one it gets (after a restart, or after a batch was refused).
 */
export interface RunProjector {
  /** Folds a batch about to be committed and answers its projections, one per run in the batch. */
  project(events: readonly RunEvent[]): RunProjection[];
  /** The fold of a run as far as the projector has seen it. */
  state(runId: string): RunState | undefined;
  /** Drops the state of runs that settled (ended or wait for a person): their next event rebuilds it. */
  release(events: readonly RunEvent[]): void;
  /** Drops the state of these runs (their batch was refused). */
  forget(runIds: Iterable<string>): void;
}

/** `readCommitted(runId, beforeSeq)` answers the run's committed events with `seq < beforeSeq`. */
export function createRunProjector(readCommitted: (runId: string, beforeSeq: number) => readonly RunEvent[]): RunProjector {
  const states = new Map<string, RunState>();

  function stateBefore(event: RunEvent): RunState {
    const known = states.get(event.runId);
    if (known && known.lastSeq === event.seq - 1) return known;
    return foldRunState(event.seq > 1 ? readCommitted(event.runId, event.seq) : []);
  }

  return {
    project(events) {
      const changes = new Map<string, PersonChange>();
      for (const event of events) {
        const state = applyRunEvent(stateBefore(event), event);
        states.set(event.runId, state);
        let change = changes.get(event.runId);
        if (!change) changes.set(event.runId, (change = { requests: [], answers: [] }));
        collectPersonChange(change, state, event);
      }
      return [...changes].map(([runId, change]) => toProjection(runId, states.get(runId)!, change));
    },
    state: (runId) => states.get(runId),
    release(events) {
      for (const event of events) {
        const state = states.get(event.runId);
        if (state && state.lastSeq === event.seq && (state.status === 'waiting' || terminalRunStatuses.includes(state.status))) states.delete(event.runId);
      }
    },
    forget(runIds) {
      for (const runId of runIds) states.delete(runId);
    },
  };
}

type PersonChange = { requests: PersonRequestProjection[]; answers: PersonAnswerProjection[] };

/** Adds the person request or answer `event` made (folded into `state`) to `change`. */
function collectPersonChange(change: PersonChange, state: RunState, event: RunEvent): void {
  const step = event.nodeId ? state.steps[event.nodeId] : undefined;
  if (event.type === 'user.waiting' && step?.request) {
    const { title, instructions, value, since } = step.request;
    change.requests.push({ nodeId: step.nodeId, title, value, createdAt: since, ...(instructions !== undefined ? { instructions } : {}) });
  } else if (event.type === 'user.submitted' && step?.answer) {
    change.answers.push({ nodeId: step.nodeId, ...step.answer });
  }
}

/**
 * Folds one run's batch into `before` and answers the new state with what the batch implies for the
 * database (for a writer that keeps its run's fold itself, like a cluster worker).
 */
export function projectRunBatch(before: RunState, runId: string, events: readonly RunEvent[]): { state: RunState; projection: RunProjection } {
  let state = before;
  const change: PersonChange = { requests: [], answers: [] };
  for (const event of events) {
    state = applyRunEvent(state, event);
    collectPersonChange(change, state, event);
  }
  return { state, projection: toProjection(runId, state, change) };
}

function toProjection(runId: string, state: RunState, change: PersonChange): RunProjection {
  const projection: RunProjection = { runId, status: state.status };
  if (state.status === 'completed') projection.outputs = state.outputs;
  if (state.error) projection.error = state.error;
  if (state.finishedAt !== undefined) projection.finishedAt = state.finishedAt;
  // What the run measured is written once, with its terminal event: experiments and the live view read it there.
  if (terminalRunStatuses.includes(state.status)) projection.metrics = runMetricsOf(state);
  if (change.requests.length > 0) projection.requests = change.requests;
  if (change.answers.length > 0) projection.answers = change.answers;
  return projection;
}
