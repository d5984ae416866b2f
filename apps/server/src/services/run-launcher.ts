import type { Context } from 'hono';
import type { ConfigOverrides, RunView, SecretRedactor, SubmitUserStepBody } from '@tandem/shared';
import type { PipelinePlan } from '@tandem/engine';
import type { Repositories } from '@tandem/db';
import { streamRunEvents } from '../routes/run-event-stream.ts';
import type { EventHub } from './event-hub.ts';
import type { PipelineService } from './pipeline-service.ts';
import type { RunFork, RunService } from './run-service.ts';

/** What starting a run takes (`POST /api/runs`, a fork). */
export interface RunStartRequest {
  pipelineId: string;
  version?: number;
  inputs: Record<string, unknown>;
  overrides?: ConfigOverrides;
  parentRunId?: string;
  /** The steps a fork reuses from its parent's log, and where it was forked from. */
  fork?: RunFork;
}

/**
 * Where runs execute, as the run routes see it: in this process (the single-process server) or on a
 * cluster's workers (a web node enqueues them). Reads go through the RunStore; this covers the commands
 * and the live stream, whose mechanics differ between the two.
 */
export interface RunLauncher {
  /** Checks the inputs against the version's plan, creates the run and has it executed. */
  start(request: RunStartRequest): Promise<RunView>;
  /** The checked plan of a version (the latest when none is given) with overrides, as a run would use it. */
  loadPlan(pipelineId: string, version?: number, overrides?: ConfigOverrides): Promise<{ plan: PipelinePlan; version: number }>;
  /** Cancels a run that has not ended (RUN_ALREADY_FINISHED otherwise). */
  cancel(runId: string): Promise<RunView>;
  /** Records a person's answer to a waiting `user` step and resumes the run. */
  submit(runId: string, nodeId: string, body: SubmitUserStepBody): Promise<RunView>;
  /** The run's events as SSE from `afterSeq` on, live until it ends. */
  stream(c: Context, runId: string, afterSeq: number): Response | Promise<Response>;
}

/** The single process's launcher: runs execute here, streams are fed by the in-process event hub. */
export function createLocalRunLauncher(context: { runs: RunService; pipelines: PipelineService; repositories: Repositories; hub: EventHub; secrets: SecretRedactor }): RunLauncher {
  const { runs, pipelines, repositories, hub, secrets } = context;
  return {
    // Run rows of the starts of one event-loop turn are committed together (grouped-run-creation.ts).
    start: (request) => runs.accept(request),
    loadPlan: async (pipelineId, version, overrides) => pipelines.loadPlan(pipelineId, version, overrides),
    cancel: (runId) => runs.cancel(runId),
    submit: (runId, nodeId, body) => runs.submit(runId, nodeId, body),
    stream: (c, runId, afterSeq) => streamRunEvents(c, { runId, afterSeq, hub, secrets, readEvents: (id, after, limit) => repositories.events.readEvents(id, after, limit) }),
  };
}
