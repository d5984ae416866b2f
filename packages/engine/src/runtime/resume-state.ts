import type { RunEvent } from '@tandem/shared';
import type { UserSubmission } from './step-context.ts';

/** What a run's log says about work already done, so a resumed run does not do it again. */
export interface ResumeState {
  lastSeq: number;
  /** The latest completed output of each node. */
  outputs: Map<string, unknown>;
  skipped: Set<string>;
  /** The highest attempt started for each node. */
  attempts: Map<string, number>;
  /** `user` steps that asked a person and have no answer yet. */
  waiting: Set<string>;
  submissions: Map<string, UserSubmission>;
  /** True when the log already ends the run. */
  finished: boolean;
}

/** Folds a run's event log into the state a resumed executor starts from. */
export function readResumeState(history: readonly RunEvent[]): ResumeState {
  const state: ResumeState = {
    lastSeq: 0,
    outputs: new Map(),
    skipped: new Set(),
    attempts: new Map(),
    waiting: new Set(),
    submissions: new Map(),
    finished: false,
  };
  for (const event of history) {
    state.lastSeq = Math.max(state.lastSeq, event.seq);
    const nodeId = event.nodeId;
    switch (event.type) {
      case 'step.started':
        if (nodeId) state.attempts.set(nodeId, Math.max(state.attempts.get(nodeId) ?? 0, event.attempt ?? 1));
        break;
      case 'step.completed':
        if (nodeId) state.outputs.set(nodeId, event.data.output);
        break;
      case 'step.skipped':
        if (nodeId) state.skipped.add(nodeId);
        break;
      case 'user.waiting':
        if (nodeId) state.waiting.add(nodeId);
        break;
      case 'user.submitted':
        if (nodeId) {
          state.waiting.delete(nodeId);
          state.submissions.set(nodeId, event.data as unknown as UserSubmission);
        }
        break;
      case 'run.completed':
      case 'run.failed':
      case 'run.cancelled':
        state.finished = true;
        break;
      default:
        break;
    }
  }
  return state;
}
