import { randomUUID } from 'node:crypto';
import { StudioError, type RunEventDraft, type SecretRedactor } from '@tandem/shared';
import { checkRunInputs } from '@tandem/engine';
import type { RunStore, StoredRun } from '@tandem/db';
import type { RunLauncher } from '../services/run-launcher.ts';
import type { ClusterPipelines } from './cluster-pipelines.ts';
import type { ClusterSignals } from './cluster-signals.ts';
import { appendUnleased, cancelRun, submitAnswer } from './run-commands.ts';
import type { RunQueue } from './run-queue.ts';
import { streamStoredRunEvents } from './stored-run-stream.ts';

const toView = ({ lastSeq: _lastSeq, leaseOwner: _leaseOwner, leaseExpiresAt: _leaseExpiresAt, ...view }: StoredRun) => view;

/**
 * A web node's launcher: runs are created in the shared database and enqueued for the workers, commands
 * are fenced writes or signals to the worker holding the run, and streams read the event table, woken by
 * LISTEN/NOTIFY. A fork's opening (its start and the steps it reuses from the parent's log) is written
 * here, so that the worker that takes it resumes it from its log like any other run.
 */
export function createClusterRunLauncher(deps: { store: RunStore; queue: RunQueue; signals: ClusterSignals; pipelines: ClusterPipelines; secrets?: SecretRedactor }): RunLauncher {
  const { store, queue, signals, pipelines, secrets } = deps;
  return {
    async start(request) {
      const { plan, version } = await pipelines.loadPlan(request.pipelineId, request.version, request.overrides);
      const problems = checkRunInputs(plan.document, request.inputs);
      if (problems.length > 0) {
        throw new StudioError('RUN_INPUT_INVALID', problems.map((problem) => problem.message).join('; '), { details: { problems } });
      }
      const run = await store.createRun({
        id: randomUUID(),
        pipelineId: request.pipelineId,
        version,
        inputs: request.inputs,
        ...(request.parentRunId ? { parentRunId: request.parentRunId } : {}),
        ...(request.overrides ? { overrides: request.overrides } : {}),
      });
      const { fork } = request;
      if (fork) {
        const opening: RunEventDraft[] = [
          { type: 'run.started', data: { pipelineId: plan.document.id, inputs: run.inputs, forkedFrom: fork.forkedFrom } },
          ...[...fork.reused].map(([nodeId, reused]): RunEventDraft => ({
            type: 'step.completed',
            nodeId,
            data: { output: reused.output, durationMs: 0, reusedFrom: { runId: reused.runId, seq: reused.seq } },
          })),
        ];
        await appendUnleased(store, { ...run, lastSeq: 0 }, secrets && secrets.size > 0 ? secrets.redactValue(opening) : opening);
      }
      // A lost enqueue (this node dying right here) is repaired by the workers' reaper: the run is in the table.
      await queue.enqueue(run.id);
      return fork ? { ...run, forkedFrom: fork.forkedFrom } : run;
    },
    loadPlan: (pipelineId, version, overrides) => pipelines.loadPlan(pipelineId, version, overrides),
    cancel: async (runId) => toView(await cancelRun({ store, signals }, runId)),
    async submit(runId, nodeId, body) {
      const run = await submitAnswer({ store }, runId, nodeId, body);
      await queue.enqueue(run.id);
      return toView(run);
    },
    stream: (c, runId, afterSeq) => streamStoredRunEvents(c, { runId, afterSeq, store, signals, ...(secrets ? { secrets } : {}) }),
  };
}
