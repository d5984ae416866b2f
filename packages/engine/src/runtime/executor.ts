import { StudioError, toStudioError, type RunEvent, type RunEventData, type RunEventType } from '@tandem/shared';
import type { PipelinePlan } from '../graph/check-pipeline.ts';
import { systemClock, type Clock } from '../ports/clock.ts';
import type { ModelResolver } from '../ports/model-resolver.ts';
import type { RunServices } from '../ports/services.ts';
import type { ReusedStep } from './fork-plan.ts';
import { readResumeState } from './resume-state.ts';
import { WaitingForPerson } from './step-context.ts';
import { StepContextImpl, type RunSession } from './step-context-impl.ts';

/** Everything one execution of a pipeline needs. */
export interface ExecuteOptions {
  runId: string;
  plan: PipelinePlan;
  inputs: Record<string, unknown>;
  models: ModelResolver;
  services?: RunServices;
  clock?: Clock;
  /** Cancels the run. */
  signal?: AbortSignal;
  /** Receives every event, synchronously and in `seq` order. */
  onEvent(event: RunEvent): void;
  /** The run's log so far: a resumed run continues after it without redoing completed steps. */
  history?: readonly RunEvent[];
  /** Default per-step timeout; a node's `config.timeoutMs` overrides it. 0 disables. */
  stepTimeoutMs?: number;
  /** A fork: steps that do not run, their outputs taken from the parent's log (see `planFork`). */
  reused?: ReadonlyMap<string, ReusedStep>;
  /** A fork: the run and step it was forked from, recorded on `run.started`. */
  forkedFrom?: { runId: string; nodeId: string };
}

/** How an execution ended. `waiting` means a person must answer before it can go on. */
export interface RunOutcome {
  status: 'completed' | 'failed' | 'waiting' | 'cancelled';
  outputs: Record<string, unknown>;
  error?: { code: string; message: string; nodeId?: string };
}

type NodeState = 'pending' | 'running' | 'done' | 'skipped' | 'failed' | 'waiting';

/**
 * Executes a checked pipeline: independent branches run concurrently, each
 * step's events go to `onEvent`, and a failed step fails the run.
 */
export async function executePipeline(options: ExecuteOptions): Promise<RunOutcome> {
  const { plan, runId, inputs, models } = options;
  const services = options.services ?? {};
  const clock = options.clock ?? systemClock;
  const resume = readResumeState(options.history ?? []);
  let seq = resume.lastSeq;

  const emit = <Type extends RunEventType>(type: Type, data: RunEventData<Type>, nodeId?: string, attempt?: number) => {
    // TypeScript cannot tie a generic `type` to its member of the union; `emit`'s signature does.
    const event = { runId, seq: ++seq, ts: clock.now(), type, data } as RunEvent;
    if (nodeId !== undefined) event.nodeId = nodeId;
    if (attempt !== undefined) event.attempt = attempt;
    options.onEvent(event);
  };

  if (resume.finished) return { status: 'completed', outputs: {} };

  const runController = new AbortController();
  const externalAbort = () => runController.abort(new StudioError('RUN_ABORTED', 'The run was cancelled'));
  if (options.signal?.aborted) externalAbort();
  options.signal?.addEventListener('abort', externalAbort, { once: true });

  const scope: Record<string, unknown> = {};
  const states = new Map<string, NodeState>();
  const attempts = new Map(resume.attempts);
  for (const id of plan.order) {
    if (resume.outputs.has(id)) {
      states.set(id, 'done');
      scope[id] = resume.outputs.get(id);
    } else if (resume.skipped.has(id)) states.set(id, 'skipped');
    else if (resume.waiting.has(id)) states.set(id, 'waiting');
    else states.set(id, 'pending');
  }

  if (options.history && options.history.length > 0) emit('run.resumed', { fromSeq: resume.lastSeq });
  else {
    emit('run.started', { pipelineId: plan.document.id, inputs, ...(options.forkedFrom ? { forkedFrom: options.forkedFrom } : {}) });
    // A fork's reused steps complete at once, without a model call: the log says where each output came from.
    for (const [nodeId, reused] of options.reused ?? []) {
      if (states.get(nodeId) !== 'pending') continue;
      states.set(nodeId, 'done');
      scope[nodeId] = reused.output;
      emit('step.completed', { output: reused.output, durationMs: 0, reusedFrom: { runId: reused.runId, seq: reused.seq } }, nodeId);
    }
  }

  let failure: RunOutcome['error'] | undefined;
  let running = 0;
  let finish!: (outcome: RunOutcome) => void;
  const done = new Promise<RunOutcome>((resolve) => (finish = resolve));

  const nodesById = new Map(plan.document.nodes.map((node) => [node.id, node]));
  // Steps with their own timeout; a run abort reaches them through this set (cheaper than one listener per step).
  const timedSteps = new Set<{ controller: AbortController; reject: (reason: unknown) => void }>();
  const runAborted = new Promise<never>((_resolve, reject) => {
    runController.signal.addEventListener('abort', () => {
      reject(runController.signal.reason);
      for (const step of timedSteps) {
        step.controller.abort(runController.signal.reason);
        step.reject(runController.signal.reason);
      }
    }, { once: true });
  });
  runAborted.catch(() => undefined);

  const session: RunSession = {
    runId,
    plan,
    inputs,
    models,
    services,
    clock,
    scope,
    attempts,
    submissions: new Map([...resume.answered].map(([id, answered]) => [id, answered.submission])),
    emit,
    runStep: (nodeId, extra) => runStep(nodeId, extra),
  };

  const runStep = async (nodeId: string, extra: { feedback?: string; model?: string } = {}): Promise<unknown> => {
    const node = nodesById.get(nodeId)!;
    const definition = plan.definitions.get(nodeId)!;
    const config = plan.configs.get(nodeId);
    // A person's answer continues the attempt that waited for it; anything else is a new attempt.
    const answered = resume.answered.get(nodeId);
    if (answered) resume.answered.delete(nodeId);
    const attempt = answered?.attempt ?? (attempts.get(nodeId) ?? 0) + 1;
    attempts.set(nodeId, attempt);
    if (!answered) emit('step.started', extra.feedback || extra.model ? { kind: node.kind, ...extra } : { kind: node.kind }, nodeId, attempt);
    const started = answered?.startedAt ?? clock.now();

    const timeoutMs = numberOr((config as { timeoutMs?: unknown } | undefined)?.timeoutMs, options.stepTimeoutMs ?? 0);
    let signal = runController.signal;
    let stopped: Promise<never> = runAborted;
    let timed: { controller: AbortController; reject: (reason: unknown) => void } | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (timeoutMs > 0) {
      const controller = new AbortController();
      signal = controller.signal;
      stopped = new Promise<never>((_resolve, reject) => (timed = { controller, reject }));
      stopped.catch(() => undefined);
      timedSteps.add(timed!);
      timer = setTimeout(() => {
        const reason = new StudioError('STEP_TIMEOUT', `Step "${nodeId}" took longer than ${timeoutMs} ms`);
        controller.abort(reason);
        timed!.reject(reason);
      }, timeoutMs);
      if (runController.signal.aborted) controller.abort(runController.signal.reason);
    }

    const context = new StepContextImpl(session, nodeId, attempt, signal, extra, timeoutMs > 0 ? started + timeoutMs : undefined);
    try {
      if (signal.aborted) throw signal.reason;
      const output = await Promise.race([definition.run({ node, config, scope, context }), stopped]);
      scope[nodeId] = output;
      emit('step.completed', { output, durationMs: clock.now() - started }, nodeId, attempt);
      return output;
    } catch (thrown) {
      if (thrown instanceof WaitingForPerson) throw thrown;
      const reason = signal.aborted ? signal.reason : thrown;
      const error = toStudioError(reason, 'NODE_RUN_FAILED');
      emit('step.failed', { error: { code: error.code, message: error.message }, durationMs: clock.now() - started }, nodeId, attempt);
      throw error;
    } finally {
      if (timer) clearTimeout(timer);
      if (timed) timedSteps.delete(timed);
    }
  };

  const start = (nodeId: string) => {
    states.set(nodeId, 'running');
    running++;
    runStep(nodeId).then(
      () => states.set(nodeId, 'done'),
      (thrown: unknown) => {
        if (thrown instanceof WaitingForPerson) {
          states.set(nodeId, 'waiting');
          emit('user.waiting', thrown.request, nodeId, attempts.get(nodeId));
          return;
        }
        states.set(nodeId, 'failed');
        if (!failure && !runController.signal.aborted) {
          const error = toStudioError(thrown);
          failure = { code: error.code, message: error.message, nodeId };
          runController.abort(new StudioError('RUN_ABORTED', `Stopped because step "${nodeId}" failed`));
        }
      },
    ).finally(() => {
      running--;
      pump();
    });
  };

  const isActiveEdge = (source: string, handle: string | null | undefined): boolean => {
    const state = states.get(source);
    if (state === 'skipped') return false;
    if (!handle) return true;
    const active = plan.definitions.get(source)!.activeHandles?.(scope[source]);
    return !active || active.includes(handle);
  };

  const shouldSkip = (nodeId: string): boolean => {
    const incoming = plan.document.edges.filter((edge) => edge.target === nodeId);
    const deps = plan.dependencies.get(nodeId) ?? [];
    if (incoming.length === 0) return deps.some((dep) => states.get(dep) === 'skipped');
    return incoming.every((edge) => !isActiveEdge(edge.source, edge.sourceHandle));
  };

  const pump = () => {
    if (runController.signal.aborted) {
      if (running === 0) end();
      return;
    }
    for (const nodeId of plan.order) {
      if (states.get(nodeId) !== 'pending') continue;
      const deps = plan.dependencies.get(nodeId) ?? [];
      if (!deps.every((dep) => states.get(dep) === 'done' || states.get(dep) === 'skipped')) continue;
      if (shouldSkip(nodeId)) {
        states.set(nodeId, 'skipped');
        emit('step.skipped', { reason: 'branch not taken' }, nodeId);
        continue;
      }
      start(nodeId);
    }
    if (running === 0) end();
  };

  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    options.signal?.removeEventListener('abort', externalAbort);
    if (failure) {
      emit('run.failed', { error: failure });
      return finish({ status: 'failed', outputs: {}, error: failure });
    }
    if (runController.signal.aborted) {
      emit('run.cancelled', {});
      return finish({ status: 'cancelled', outputs: {} });
    }
    if ([...states.values()].includes('waiting')) {
      emit('run.waiting', { nodes: [...states].filter(([, state]) => state === 'waiting').map(([id]) => id) });
      return finish({ status: 'waiting', outputs: {} });
    }
    const outputs: Record<string, unknown> = {};
    for (const node of plan.document.nodes) if (plan.definitions.get(node.id)!.role === 'output' && states.get(node.id) === 'done') outputs[node.id] = scope[node.id];
    emit('run.completed', { outputs });
    finish({ status: 'completed', outputs });
  };

  pump();
  return done;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}
