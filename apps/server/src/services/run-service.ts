import { v7 as timeOrderedUuid } from 'uuid';
import { StudioError, numberRunEvent, terminalRunStatuses, type ConfigOverrides, type RunEvent, type RunEventDraft, type RunView, type SubmitUserStepBody } from '@tandem/shared';
import { checkRunInputs, executePipeline, type Clock, type ModelResolver, type PipelinePlan, type ReusedStep, type RunOutcome, type RunServices } from '@tandem/engine';
import type { BatchingWriter, NewRun, Repositories } from '@tandem/db';
import type { PipelineService } from './pipeline-service.ts';
import { createGroupedRunCreation } from './grouped-run-creation.ts';
import { createRunAdmission, type RunAdmission } from './run-admission.ts';

export interface RunServiceDeps {
  repositories: Repositories;
  pipelines: PipelineService;
  models: ModelResolver;
  services: RunServices;
  writer: BatchingWriter;
  clock?: Clock;
  stepTimeoutMs: number;
  /** Queues new top-level runs while the process is saturated; default: {@link createRunAdmission}'s. */
  admission?: RunAdmission;
}

/** Told when a run reaches an end (completed, failed, cancelled) or pauses (waiting), after its events were committed. */
export type SettledListener = (runId: string, outcome: RunOutcome, run: RunView) => void;

/** What a fork carries into its execution: the steps it reuses from its parent's log, and where it was forked from. */
export interface RunFork {
  reused: ReadonlyMap<string, ReusedStep>;
  forkedFrom: { runId: string; nodeId: string };
}

/** What starting a run takes. */
export interface StartRunRequest {
  pipelineId: string;
  version?: number;
  inputs: Record<string, unknown>;
  parentRunId?: string;
  parentNodeId?: string;
  overrides?: ConfigOverrides;
  fork?: RunFork;
}

interface ActiveRun {
  controller: AbortController;
  done: Promise<RunOutcome>;
}

/**
 * Starts, resumes, cancels and answers runs. The database's event log is the
 * only run state: an execution can always be rebuilt from it.
 */
export function createRunService(deps: RunServiceDeps) {
  const { repositories, writer } = deps;
  const active = new Map<string, ActiveRun>();
  const settledWaiters = new Map<string, ((outcome: RunOutcome) => void)[]>();
  const submitting = new Set<string>();
  const settledListeners = new Set<SettledListener>();
  const admission = deps.admission ?? createRunAdmission();
  const grouped = createGroupedRunCreation((runs) => repositories.runs.createRuns(runs));

  /** Starts a run when admitted; a child run starts at once (its parent already holds a place and waits for it). */
  function admitOrStart(run: RunView, history: readonly RunEvent[], plan?: PipelinePlan): void {
    if (run.parentRunId) void execute(run, history, plan);
    else admission.admit(run.id, () => execute(run, history, plan));
  }

  function notifySettled(runId: string, outcome: RunOutcome, run: RunView): void {
    for (const resolve of settledWaiters.get(runId) ?? []) resolve(outcome);
    settledWaiters.delete(runId);
    for (const listener of settledListeners) {
      try {
        listener(runId, outcome, run);
      } catch (error) {
        console.error(`A listener failed on the end of run ${runId}`, error);
      }
    }
  }

  function requireRun(runId: string): RunView {
    const run = repositories.runs.get(runId);
    if (!run) throw new StudioError('RUN_NOT_FOUND', `No run "${runId}"`, { details: { runId } });
    return run;
  }

  /** Appends events outside an execution (cancel of a paused run, a person's answer), committed before returning. */
  async function appendNow(runId: string, drafts: RunEventDraft[]) {
    await writer.flush();
    let seq = repositories.events.lastSeq(runId);
    for (const draft of drafts) writer.write(numberRunEvent(draft, { runId, seq: ++seq, ts: Date.now() }));
    await writer.flush();
  }

  /** Executes a run from its log; `loaded` is the plan when the caller has just loaded it. */
  function execute(runOrId: RunView | string, history: readonly RunEvent[], loaded?: PipelinePlan, fork?: RunFork): Promise<RunOutcome> {
    const run = typeof runOrId === 'string' ? requireRun(runOrId) : runOrId;
    const runId = run.id;
    const controller = new AbortController();
    const done = (async (): Promise<RunOutcome> => {
      try {
        const plan = loaded ?? deps.pipelines.planOf(run.pipelineId, run.version, run.overrides);
        return await executePipeline({
          runId,
          plan,
          inputs: run.inputs,
          models: deps.models,
          services: deps.services,
          ...(deps.clock ? { clock: deps.clock } : {}),
          signal: controller.signal,
          history,
          stepTimeoutMs: deps.stepTimeoutMs,
          ...(fork ? { reused: fork.reused, forkedFrom: fork.forkedFrom } : {}),
          onEvent: (event) => writer.write(event),
        });
      } catch (thrown) {
        const error = StudioError.is(thrown) ? thrown : new StudioError('INTERNAL', (thrown as Error).message);
        const failure = { code: error.code, message: error.message };
        await appendNow(runId, [{ type: 'run.failed', data: { error: failure } }]);
        return { status: 'failed', outputs: {}, error: failure };
      } finally {
        // The run's last events commit with the writer's next batch (not in a transaction of their own):
        // `done` resolves once they are in the database.
        await writer.whenCommitted().catch((error: unknown) => console.error(`Could not commit the events of run ${runId}`, error));
      }
    })();
    active.set(runId, { controller, done });
    void done.then((outcome) => {
      active.delete(runId);
      notifySettled(runId, outcome, run);
    });
    return done;
  }

  /** Checks a start request against its pipeline's plan: the row to create, and the plan to run it with. */
  function prepare(request: StartRunRequest): { newRun: NewRun; plan: PipelinePlan } {
    const { plan, version } = deps.pipelines.loadPlan(request.pipelineId, request.version, request.overrides);
    const problems = checkRunInputs(plan.document, request.inputs);
    if (problems.length > 0) {
      throw new StudioError('RUN_INPUT_INVALID', problems.map((problem) => problem.message).join('; '), { details: { problems } });
    }
    const newRun: NewRun = {
      // Time-ordered (UUID v7): a new run's rows and events land at the end of their B-trees, not on a random page.
      id: timeOrderedUuid(),
      pipelineId: request.pipelineId,
      version,
      inputs: request.inputs,
      ...(request.parentRunId ? { parentRunId: request.parentRunId } : {}),
      ...(request.parentNodeId ? { parentNodeId: request.parentNodeId } : {}),
      ...(request.overrides ? { overrides: request.overrides } : {}),
    };
    return { newRun, plan };
  }

  /** Starts a created run (a fork at once, others through admission). */
  function begin(run: RunView, plan: PipelinePlan, fork: RunFork | undefined): RunView {
    if (fork) void execute(run, [], plan, fork);
    else admitOrStart(run, [], plan);
    return fork ? { ...run, forkedFrom: fork.forkedFrom } : run;
  }

  return {
    /**
     * Creates a run in a transaction of its own and starts it in the background (or queues it while the
     * server is saturated), for callers that need the run at once. Overrides are merged into the version's
     * node configs and checked. A fork names its parent and the steps it reuses (no model call for them);
     * like a child run it starts at once, since what it reuses reaches its log only when it starts.
     */
    start(request: StartRunRequest): RunView {
      const { newRun, plan } = prepare(request);
      return begin(repositories.runs.createRun(newRun), plan, request.fork);
    },

    /**
     * As `start`, with the run's row committed together with the other runs accepted in the same turn of
     * the event loop (one transaction for a burst of requests). Resolves once the row is committed.
     */
    async accept(request: StartRunRequest): Promise<RunView> {
      const { newRun, plan } = prepare(request);
      return begin(await grouped.create(newRun), plan, request.fork);
    },

    /** Executes a queued run created elsewhere (an experiment trial, in its claim transaction); `plan` when the caller has it. */
    launch(runId: string, plan?: PipelinePlan): Promise<RunOutcome> {
      return execute(runId, [], plan);
    },

    /** Adds a listener told of every run that settles; answers a function that removes it. */
    onSettled(listener: SettledListener): () => void {
      settledListeners.add(listener);
      return () => settledListeners.delete(listener);
    },

    /** Resolves when the run next settles (ends or pauses). */
    waitForSettled(runId: string): Promise<RunOutcome> {
      const current = active.get(runId);
      if (current) return current.done;
      const run = requireRun(runId);
      if (run.status !== 'running' && run.status !== 'queued') {
        return Promise.resolve({ status: run.status as RunOutcome['status'], outputs: run.outputs, ...(run.error ? { error: run.error } : {}) });
      }
      return new Promise((resolve) => settledWaiters.set(runId, [...(settledWaiters.get(runId) ?? []), resolve]));
    },

    async cancel(runId: string): Promise<RunView> {
      const run = requireRun(runId);
      if (terminalRunStatuses.includes(run.status)) {
        throw new StudioError('RUN_ALREADY_FINISHED', `Run "${runId}" already ${run.status}`, { details: { status: run.status } });
      }
      const current = active.get(runId);
      if (current) {
        current.controller.abort();
        await current.done;
      } else if (admission.withdraw(runId)) {
        await appendNow(runId, [{ type: 'run.cancelled', data: { reason: 'cancelled before it started' } }]);
        const cancelled = requireRun(runId);
        notifySettled(runId, { status: 'cancelled', outputs: {} }, cancelled);
        return cancelled;
      } else {
        await appendNow(runId, [{ type: 'run.cancelled', data: { reason: 'cancelled while paused' } }]);
      }
      return requireRun(runId);
    },

    /** Records a person's answer to a waiting `user` step and resumes the run. A second answer is refused. */
    async submit(runId: string, nodeId: string, body: SubmitUserStepBody): Promise<RunView> {
      requireRun(runId);
      const key = `${runId}/${nodeId}`;
      if (submitting.has(key)) throw new StudioError('STEP_NOT_WAITING', `Step "${nodeId}" of run "${runId}" is already being answered`, { details: { runId, nodeId } });
      submitting.add(key);
      try {
        return await submitOnce(runId, nodeId, body);
      } finally {
        submitting.delete(key);
      }
    },

    /** At start: continues every run that was running or queued when the server stopped. Waiting runs keep waiting. */
    resumeInterrupted(): string[] {
      const runs = repositories.runs.listByStatus(['running', 'queued']);
      for (const run of runs) admitOrStart(run, repositories.events.readEvents(run.id));
      return runs.map((run) => run.id);
    },

    activeCount: () => active.size,
    /** Runs waiting for admission. */
    queuedCount: () => admission.queued,
    /** Stops the admission queue's timer. */
    close: () => admission.close(),
  };

  async function submitOnce(runId: string, nodeId: string, body: SubmitUserStepBody): Promise<RunView> {
      const current = active.get(runId);
      if (current) await current.done;
      const run = requireRun(runId);
      const waitpoint = repositories.inbox.getWaitpoint(runId, nodeId);
      if (!waitpoint || waitpoint.submittedAt !== undefined || run.status !== 'waiting') {
        throw new StudioError('STEP_NOT_WAITING', `Step "${nodeId}" of run "${runId}" is not waiting for an answer`, {
          details: { runId, nodeId, status: run.status, answered: waitpoint?.submittedAt !== undefined },
        });
      }
      await appendNow(runId, [{ type: 'user.submitted', nodeId, data: { decision: body.decision, value: body.value ?? waitpoint.value } }]);
      void execute(runId, repositories.events.readEvents(runId));
      return requireRun(runId);
  }
}

export type RunService = ReturnType<typeof createRunService>;
