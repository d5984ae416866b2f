import { terminalRunStatuses, type RunEvent } from '@tandem/shared';
import { addToRunSummary, foldRunSummary, runSummaryMetrics, stepKindOf, type RunSummary } from '@tandem/engine';
import type { PersonAnswerProjection, PersonRequestProjection, RunProjection } from '@tandem/db';

/**
 * Keeps a summary of every run the server is writing (status, outputs, error, times, metric totals:
 * the engine's `RunSummary`, not the full trace fold the studio shows), and derives from it what each
 * committed batch implies for the database (the run row's status columns, person requests and
 * answers). A run's summary is rebuilt from its committed log whenever the projector has not seen the
 * event before the one it gets (after a restart, or after a batch was refused).
 */
export interface RunProjector {
  /** Folds a batch about to be committed and answers its projections, one per run in the batch. */
  project(events: readonly RunEvent[]): RunProjection[];
  /** The kind of a step of a run the projector holds (`undefined` once the run settled and was released). */
  stepKind(runId: string, nodeId: string): string | undefined;
  /** Drops the state of runs that settled (ended or wait for a person): their next event rebuilds it. */
  release(events: readonly RunEvent[]): void;
  /** Drops the state of these runs (their batch was refused). */
  forget(runIds: Iterable<string>): void;
}

/** `readCommitted(runId, beforeSeq)` answers the run's committed events with `seq < beforeSeq`. */
export function createRunProjector(readCommitted: (runId: string, beforeSeq: number) => readonly RunEvent[]): RunProjector {
  const summaries = new Map<string, RunSummary>();

  function summaryBefore(event: RunEvent): RunSummary {
    const known = summaries.get(event.runId);
    if (known && known.lastSeq === event.seq - 1) return known;
    const rebuilt = foldRunSummary(event.seq > 1 ? readCommitted(event.runId, event.seq) : []);
    summaries.set(event.runId, rebuilt);
    return rebuilt;
  }

  return {
    project(events) {
      const changes = new Map<string, PersonChange>();
      for (const event of events) {
        let change = changes.get(event.runId);
        if (!change) changes.set(event.runId, (change = { requests: [], answers: [] }));
        addEvent(summaryBefore(event), change, event);
      }
      const projections: RunProjection[] = [];
      for (const [runId, change] of changes) projections.push(toProjection(runId, summaries.get(runId)!, change));
      return projections;
    },
    stepKind: (runId, nodeId) => {
      const summary = summaries.get(runId);
      return summary ? stepKindOf(summary, nodeId) : undefined;
    },
    release(events) {
      for (const event of events) {
        const summary = summaries.get(event.runId);
        if (summary && summary.lastSeq === event.seq && (summary.status === 'waiting' || terminalRunStatuses.includes(summary.status))) summaries.delete(event.runId);
      }
    },
    forget(runIds) {
      for (const runId of runIds) summaries.delete(runId);
    },
  };
}

type PersonChange = { requests: PersonRequestProjection[]; answers: PersonAnswerProjection[] };

/** Folds `event` into `summary` and adds the person request or answer it made to `change`. */
function addEvent(summary: RunSummary, change: PersonChange, event: RunEvent): void {
  const person = addToRunSummary(summary, event);
  if (person?.type === 'request') {
    const { title, instructions, value, since } = person.request;
    change.requests.push({ nodeId: person.nodeId, title, value, createdAt: since, ...(instructions !== undefined ? { instructions } : {}) });
  } else if (person?.type === 'answer') {
    change.answers.push({ nodeId: person.nodeId, ...person.answer });
  }
}

/**
 * Folds one run's batch into `summary` (IN PLACE) and answers what the batch implies for the database
 * (for a writer that keeps its run's summary itself, like a cluster worker).
 */
export function projectRunBatch(summary: RunSummary, runId: string, events: readonly RunEvent[]): RunProjection {
  const change: PersonChange = { requests: [], answers: [] };
  for (const event of events) addEvent(summary, change, event);
  return toProjection(runId, summary, change);
}

function toProjection(runId: string, summary: RunSummary, change: PersonChange): RunProjection {
  const projection: RunProjection = { runId, status: summary.status };
  if (summary.status === 'completed') projection.outputs = summary.outputs;
  if (summary.error) projection.error = summary.error;
  if (summary.finishedAt !== undefined) projection.finishedAt = summary.finishedAt;
  // What the run measured is written once, with its terminal event: experiments and the live view read it there.
  if (terminalRunStatuses.includes(summary.status)) projection.metrics = runSummaryMetrics(summary);
  if (change.requests.length > 0) projection.requests = change.requests;
  if (change.answers.length > 0) projection.answers = change.answers;
  return projection;
}
