import { numberRunEvent, StudioError, terminalRunStatuses, type RunEventDraft, type RunStatus, type SubmitUserStepBody } from '@tandem/shared';
import { foldRunSummary } from '@tandem/engine';
import type { RunStore, StoredRun } from '@tandem/db';
import { projectRunBatch } from '../services/run-projector.ts';
import type { ClusterSignals } from './cluster-signals.ts';

async function requireRun(store: RunStore, runId: string): Promise<StoredRun> {
  const run = await store.getRun(runId);
  if (!run) throw new StudioError('RUN_NOT_FOUND', `No run "${runId}"`, { details: { runId } });
  return run;
}

/**
 * Appends events to a run no worker holds (a web node's write), with their projection; CONFLICT or
 * RUN_LEASE_LOST when it moved meanwhile. `status` replaces the projected status.
 */
export async function appendUnleased(store: RunStore, run: StoredRun, drafts: readonly RunEventDraft[], status?: RunStatus): Promise<void> {
  // The events continue the log exactly where it was when `run` was read and checked: if anything was
  // appended since (another node's answer or cancel), the store refuses the batch with CONFLICT.
  const history = (await store.readEvents(run.id)).filter((event) => event.seq <= run.lastSeq);
  let seq = run.lastSeq;
  const events = drafts.map((draft) => numberRunEvent(draft, { runId: run.id, seq: ++seq, ts: Date.now() }));
  const projection = projectRunBatch(foldRunSummary(history), run.id, events);
  await store.append(events, [status ? { ...projection, status } : projection], {});
}

const leaseIsLive = (run: StoredRun, now = Date.now()) => run.leaseOwner !== undefined && (run.leaseExpiresAt ?? 0) >= now;
const movedOn = (error: unknown) => StudioError.is(error) && (error.code === 'CONFLICT' || error.code === 'RUN_LEASE_LOST');

/**
 * Cancels a run from any web node. A run no worker holds (queued, paused for a person, or whose worker
 * died) is cancelled here, in a write fenced against workers; a run a worker executes is cancelled by that
 * worker, asked through a signal. Answers the run once it ended (or after `timeoutMs`, as it stands).
 */
export async function cancelRun(deps: { store: RunStore; signals: ClusterSignals }, runId: string, timeoutMs = 10_000): Promise<StoredRun> {
  const { store, signals } = deps;
  let run = await requireRun(store, runId);
  if (terminalRunStatuses.includes(run.status)) {
    throw new StudioError('RUN_ALREADY_FINISHED', `Run "${runId}" already ${run.status}`, { details: { status: run.status } });
  }
  let wake: (() => void) | undefined;
  const unsubscribe = signals.onRunCommitted(runId, () => wake?.());
  try {
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
      if (terminalRunStatuses.includes(run.status)) return run;
      if (!leaseIsLive(run)) {
        try {
          await appendUnleased(store, run, [{ type: 'run.cancelled', data: { reason: run.status === 'waiting' ? 'cancelled while paused' : 'cancelled' } }]);
          return await requireRun(store, runId);
        } catch (error) {
          if (!movedOn(error)) throw error;
        }
      } else {
        await signals.requestCancel(runId);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      run = await requireRun(store, runId);
    }
    return run;
  } finally {
    unsubscribe();
  }
}

/**
 * Records a person's answer to a waiting `user` step from any web node; the caller enqueues the run so
 * that a worker resumes it. A second answer (even a concurrent one on another node) is STEP_NOT_WAITING.
 */
export async function submitAnswer(deps: { store: RunStore }, runId: string, nodeId: string, body: SubmitUserStepBody): Promise<StoredRun> {
  const { store } = deps;
  const run = await requireRun(store, runId);
  const waitpoint = await store.getWaitpoint(runId, nodeId);
  const notWaiting = () =>
    new StudioError('STEP_NOT_WAITING', `Step "${nodeId}" of run "${runId}" is not waiting for an answer`, {
      details: { runId, nodeId, status: run.status, answered: waitpoint?.submittedAt !== undefined },
    });
  if (!waitpoint || waitpoint.submittedAt !== undefined || run.status !== 'waiting') throw notWaiting();
  try {
    // The answered run is `running` for the workers at once (the fold says so only once a worker resumed it):
    // should the caller's enqueue be lost, the workers' reaper hands it out like any unclaimed running run.
    await appendUnleased(store, run, [{ type: 'user.submitted', nodeId, data: { decision: body.decision, value: body.value ?? waitpoint.value } }], 'running');
  } catch (error) {
    if (movedOn(error)) throw notWaiting();
    throw error;
  }
  return requireRun(store, runId);
}
