import { randomUUID } from 'node:crypto';
import { StudioError, type RunEvent } from '@tandem/shared';
import { executePipeline, type ModelResolver, type RunServices } from '@tandem/engine';
import type { RunStore, StoredRun } from '@tandem/db';
import type { ClusterPipelines } from './cluster-pipelines.ts';
import type { ClusterSignals } from './cluster-signals.ts';
import { createRunLogWriter } from './run-log-writer.ts';
import type { RunQueue } from './run-queue.ts';

/** Options of {@link createRunWorker}. */
export interface RunWorkerOptions {
  store: RunStore;
  queue: RunQueue;
  signals: ClusterSignals;
  pipelines: ClusterPipelines;
  models: ModelResolver;
  services: RunServices;
  /** Runs executed at once (default 8). */
  concurrency?: number;
  /** This worker's name in leases (default a random id; unique per process). */
  workerId?: string;
  /** How long a lease lasts unless renewed (default 15 s); a dead worker's runs wait this long at most. */
  leaseTtlMs?: number;
  /** How often to look for runs that need a worker (default a third of the lease). */
  reapIntervalMs?: number;
  /** A queued run nobody claimed for this long is enqueued again (default 30 s). */
  queuedGraceMs?: number;
  stepTimeoutMs?: number;
  /** Masks secrets in events before they are stored. */
  redact?: (event: RunEvent) => RunEvent;
  /** Called after this worker executed a run and released it (an experiment records the run's trial). */
  afterRun?: (runId: string) => Promise<void>;
  /** Awaited before each run executes (the gateway reads settings another process changed). */
  prepare?(): Promise<void>;
  /** Told each committed batch of a run's events (the request log records its model calls). */
  onCommitted?(events: readonly RunEvent[], run: StoredRun): void;
}

interface ActiveRun {
  controller: AbortController;
  done: Promise<void>;
}

/**
 * A worker process's executor: takes run ids from the queue, claims each run's lease, resumes it from its
 * event log (completed steps are not run again) and writes its events fenced by the lease. It renews its
 * leases while running, gives up a run whose lease another worker took, cancels a run when asked, and
 * hands out again runs whose worker died (their lease lapsed) or whose enqueue was lost.
 */
export function createRunWorker(options: RunWorkerOptions) {
  const { store, queue, signals } = options;
  const workerId = options.workerId ?? `worker-${randomUUID()}`;
  const leaseTtlMs = options.leaseTtlMs ?? 15_000;
  const reapIntervalMs = options.reapIntervalMs ?? Math.max(100, Math.floor(leaseTtlMs / 3));
  const concurrency = options.concurrency ?? 8;
  const active = new Map<string, ActiveRun>();
  const claiming = new Set<string>();
  const timers: ReturnType<typeof setInterval>[] = [];
  const unsubscribers: (() => void)[] = [];
  let stopping = false;

  async function execute(run: StoredRun, controller: AbortController): Promise<void> {
    // A run no worker wrote to yet has no log to read.
    const history = run.lastSeq === 0 ? [] : await store.readEvents(run.id);
    const writer = createRunLogWriter({
      store,
      runId: run.id,
      owner: workerId,
      history,
      ...(options.redact ? { redact: options.redact } : {}),
      ...(options.onCommitted ? { onCommitted: (events: readonly RunEvent[]) => options.onCommitted!(events, run) } : {}),
      onFailure: (error) => {
        if (!(StudioError.is(error) && error.code === 'RUN_LEASE_LOST')) console.error(`Run ${run.id}: its events could not be written`, error);
        controller.abort();
      },
    });
    try {
      await options.prepare?.();
      const plan = await options.pipelines.planOf(run.pipelineId, run.version, run.overrides);
      await executePipeline({
        runId: run.id,
        plan,
        inputs: run.inputs,
        models: options.models,
        services: options.services,
        signal: controller.signal,
        history,
        ...(options.stepTimeoutMs !== undefined ? { stepTimeoutMs: options.stepTimeoutMs } : {}),
        onEvent: (event) => writer.write(event),
      });
    } catch (thrown) {
      // A run that cannot even start (its plan no longer checks) fails with the reason, like in one process.
      const error = StudioError.is(thrown) ? thrown : new StudioError('INTERNAL', (thrown as Error).message);
      const seq = history.at(-1)?.seq ?? 0;
      writer.write({ runId: run.id, seq: seq + 1, ts: Date.now(), type: 'run.failed', data: { error: { code: error.code, message: error.message } } } as RunEvent);
    }
    await writer.flush().catch(() => undefined);
  }

  /** The queue's handler: claim, execute, release. Skips runs that are finished, paused or held by another worker. */
  async function handle(runId: string): Promise<void> {
    // The queue may hand out one run twice (the reaper re-enqueues a run that waited too long): the second
    // delivery must not claim it again while the first is claiming, since a claim by the same worker succeeds.
    if (stopping || active.has(runId) || claiming.has(runId)) return;
    claiming.add(runId);
    let run: StoredRun | undefined;
    try {
      run = await store.claim(runId, workerId, leaseTtlMs);
    } finally {
      claiming.delete(runId);
    }
    if (!run) return;
    const controller = new AbortController();
    const done = execute(run, controller).finally(() => store.release(runId, workerId).catch(() => undefined));
    active.set(runId, { controller, done });
    try {
      await done;
    } finally {
      active.delete(runId);
    }
    if (options.afterRun && !stopping) await options.afterRun(runId).catch((error: unknown) => console.error(`After run ${runId}`, (error as Error).message));
  }

  async function renewLeases(): Promise<void> {
    const ids = [...active.keys()];
    if (ids.length === 0) return;
    const held = new Set(await store.renew(workerId, ids, leaseTtlMs));
    // Another worker took these over (this one stalled past its lease): stop executing them.
    for (const runId of ids) if (!held.has(runId)) active.get(runId)?.controller.abort();
  }

  async function reap(): Promise<void> {
    const orphans = await store.listOrphaned({ now: Date.now(), queuedGraceMs: options.queuedGraceMs ?? 30_000, limit: 100 });
    for (const runId of orphans) if (!active.has(runId)) await queue.enqueue(runId);
  }

  const guard = (what: string, task: () => Promise<void>) => () => void task().catch((error: unknown) => !stopping && console.error(`Worker ${what} failed`, (error as Error).message));

  return {
    workerId,
    /** Starts consuming the queue, renewing leases and reaping orphaned runs. */
    async start(): Promise<void> {
      unsubscribers.push(signals.onCancelRequested((runId) => active.get(runId)?.controller.abort()));
      timers.push(setInterval(guard('lease renewal', renewLeases), Math.max(50, Math.floor(leaseTtlMs / 3))));
      timers.push(setInterval(guard('reaper', reap), reapIntervalMs));
      await queue.consume(handle, { concurrency });
      // Runs orphaned while no worker was up are handed out at once.
      guard('reaper', reap)();
    },
    /** Runs this worker is executing now. */
    activeRuns: () => [...active.keys()],
    /**
     * Stops taking runs; the ones in flight may finish for `graceMs`. Those still running then have their
     * leases released, so that another worker resumes them at once from their logs (this worker's later
     * writes to them are refused), and no terminal event is written for them here.
     */
    async stop(graceMs = 10_000): Promise<void> {
      stopping = true;
      for (const timer of timers) clearInterval(timer);
      for (const unsubscribe of unsubscribers) unsubscribe();
      await queue.close();
      const all = Promise.all([...active.values()].map((run) => run.done.catch(() => undefined)));
      const timeout = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([all, timeout]);
      await Promise.all([...active.keys()].map((runId) => store.release(runId, workerId).catch(() => undefined)));
    },
  };
}

export type RunWorker = ReturnType<typeof createRunWorker>;
