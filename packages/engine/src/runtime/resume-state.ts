import { terminalRunStatuses, type RunEvent } from '@tandem/shared';
import { foldRunState } from './run-state.ts';
import type { UserSubmission } from './step-context.ts';

/** A `user` step a person answered whose attempt has not ended: it goes on, not again. */
export interface AnsweredStep {
  attempt: number;
  startedAt: number;
  submission: UserSubmission;
}

/** What a run's log says about work already done, so a resumed run does not do it again. */
export interface ResumeState {
  lastSeq: number;
  /** The latest completed output of each node that completed. */
  outputs: Map<string, unknown>;
  skipped: Set<string>;
  /** The highest attempt started for each node. */
  attempts: Map<string, number>;
  /** `user` steps that asked a person and have no answer yet. */
  waiting: Set<string>;
  answered: Map<string, AnsweredStep>;
  /** True when the log already ends the run. */
  finished: boolean;
}

/** Reads the state a resumed executor starts from, from the run's fold. */
export function readResumeState(history: readonly RunEvent[]): ResumeState {
  const run = foldRunState(history);
  const state: ResumeState = {
    lastSeq: run.lastSeq,
    outputs: new Map(),
    skipped: new Set(),
    attempts: new Map(),
    waiting: new Set(),
    answered: new Map(),
    finished: terminalRunStatuses.includes(run.status),
  };
  for (const step of Object.values(run.steps)) {
    if (step.attempt > 0) state.attempts.set(step.nodeId, step.attempt);
    if (step.status === 'waiting') state.waiting.add(step.nodeId);
    else if (step.status === 'skipped') state.skipped.add(step.nodeId);
    else if (step.answer && step.status === 'running') {
      const { decision, value } = step.answer;
      state.answered.set(step.nodeId, { attempt: step.attempt, startedAt: step.startedAt ?? step.answer.at, submission: { decision, value } });
    } else if (step.completed) state.outputs.set(step.nodeId, step.output);
  }
  return state;
}
