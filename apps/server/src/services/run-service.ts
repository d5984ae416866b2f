import { randomUUID } from 'node:crypto';
import { StudioError, numberRunEvent, terminalRunStatuses, type RunEvent, type RunEventDraft, type RunView, type SubmitUserStepBody } from '@tandem/shared';
import { checkRunInputs, executePipeline, type Clock, type ModelResolver, type PipelinePlan, type ReusedStep, type RunOutcome, type RunServices } from '@tandem/engine';
import type { BatchingWriter, Repositories } from '@tandem/db';
import type { PipelineService } from './pipeline-service.ts';

export interface RunServiceDeps {
  repositories: Repositories;
  pipelines: PipelineService;
  models: ModelResolver;
  services: RunServices;
  writer: BatchingWriter;
  clock?: Clock;
  stepTimeoutMs: number;
  /** Called when a run reaches an end (completed, failed, cancelled) or pauses (waiting). */
  onSettled?: (runId: string, outcome: RunOutcome) => void;
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
  function execute(runId: string, history: readonly RunEvent[], loaded?: PipelinePlan, fork?: { reused: ReadonlyMap<string, ReusedStep>; forkedFrom: { runId: string; nodeId: string } }): Promise<RunOutcome> {
    const run = requireRun(runId);
    const controller = new AbortController();
    const done = (async (): Promise<RunOutcome> => {
      try {
        const plan = loaded ?? deps.pipelines.loadPlan(run.pipelineId, run.version).plan;
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
        await writer.flush().catch((error: unknown) => console.error(`Could not commit the events of run ${runId}`, error));
      }
    })();
    active.set(runId, { controller, done });
    void done.then((outcome) => {
      active.delete(runId);
      for (const resolve of settledWaiters.get(runId) ?? []) resolve(outcome);
      settledWaiters.delete(runId);
      deps.onSettled?.(runId, outcome);
    });
    return done;
  }

  return {
    /** Creates a run and starts it in the background. A fork names its parent and the steps it reuses (no model call for them). */
    start(request: {
      pipelineId: string;
      version?: number;
      inputs: Record<string, unknown>;
      parentRunId?: string;
      parentNodeId?: string;
      fork?: { reused: ReadonlyMap<string, ReusedStep>; forkedFrom: { runId: string; nodeId: string } };
    }): RunView {
      const { plan, version } = deps.pipelines.loadPlan(request.pipelineId, request.version);
      const problems = checkRunInputs(plan.document, request.inputs);
      if (problems.length > 0) {
        throw new StudioError('RUN_INPUT_INVALID', problems.map((problem) => problem.message).join('; '), { details: { problems } });
      }
      const run = repositories.runs.createRun({
        id: randomUUID(),
        pipelineId: request.pipelineId,
        version,
        inputs: request.inputs,
        ...(request.parentRunId ? { parentRunId: request.parentRunId } : {}),
        ...(request.parentNodeId ? { parentNodeId: request.parentNodeId } : {}),
      });
      void execute(run.id, [], plan, request.fork);
      return request.fork ? { ...run, forkedFrom: request.fork.forkedFrom } : run;
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
      for (const run of runs) void execute(run.id, repositories.events.readEvents(run.id));
      return runs.map((run) => run.id);
    },

    activeCount: () => active.size,
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
