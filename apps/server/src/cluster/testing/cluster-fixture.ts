/**
 * A whole cluster in one process for tests: a web node's app (driven with `app.request`) and workers,
 * over SQLite with the in-process queue and signals, or over a real Postgres with pg-boss and
 * LISTEN/NOTIFY. The same tests run against both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtInNodes, createNodeRegistry, type ModelResolver } from '@tandem/engine';
import { createDefaultProviderRegistry } from '@tandem/providers';
import { createPgExperimentStore, createPgRunStore, createSqliteRunStore, openDatabase, openPostgres, withAdvisoryLock, type ExperimentStore, type RunStore } from '@tandem/db';
import { createTemporaryPostgres } from '@tandem/db/pg-testing';
import { createTrialScorers } from '../../services/trial-scorers.ts';
import { createClusterExperimentArea } from '../cluster-experiments.ts';
import { createClusterPipelines } from '../cluster-pipelines.ts';
import { createLocalClusterSignals, createPgClusterSignals, type ClusterSignals } from '../cluster-signals.ts';
import { createClusterWebApp } from '../cluster-web.ts';
import { createInProcessRunQueue } from '../in-process-run-queue.ts';
import { createPgBossRunQueue } from '../pg-boss-run-queue.ts';
import type { RunQueue } from '../run-queue.ts';
import { createRunWorker, type RunWorker, type RunWorkerOptions } from '../run-worker.ts';

export type ClusterAdapter = 'sqlite' | 'postgres';

/** A cluster under test. */
export interface TestCluster {
  store: RunStore;
  /** A request to the web node: `body` is sent as JSON, `form` as multipart. */
  request(path: string, init?: { method?: string; body?: unknown; form?: FormData; headers?: Record<string, string> }): Promise<Response>;
  /** Starts a worker (with its own queue consumer, signals and store handle on Postgres). */
  startWorker(options?: Partial<Pick<RunWorkerOptions, 'leaseTtlMs' | 'concurrency' | 'workerId' | 'reapIntervalMs' | 'queuedGraceMs'>>): Promise<RunWorker>;
  /** Hands a run id to the workers through the web node's queue (as the web node and the reaper do). */
  enqueue(runId: string): Promise<void>;
  close(): Promise<void>;
}

/** Wires a store, a queue and signals for one "process" of the cluster. */
interface ProcessParts {
  store: RunStore;
  queue: RunQueue;
  signals: ClusterSignals;
  /** Datasets and experiments (Postgres only: over SQLite the cluster serves runs alone). */
  experimentStore?: ExperimentStore;
  close(): Promise<void>;
}

export async function createTestCluster(adapter: ClusterAdapter, serverUrl?: string): Promise<TestCluster> {
  const models = createDefaultProviderRegistry({}) as ModelResolver;
  const registry = createNodeRegistry(builtInNodes);
  const closers: (() => Promise<void>)[] = [];
  let openParts: (role: 'web' | 'worker') => Promise<ProcessParts>;

  if (adapter === 'sqlite') {
    const directory = mkdtempSync(join(tmpdir(), 'tandem-cluster-test-'));
    const database = openDatabase(join(directory, 'tandem.db'));
    closers.push(async () => {
      database.close();
      rmSync(directory, { recursive: true, force: true });
    });
    const signals = createLocalClusterSignals();
    const inner = createSqliteRunStore(database);
    // One process: commits are announced by the store's caller, like NOTIFY does on Postgres.
    const store: RunStore = {
      ...inner,
      async append(events, projections, fence) {
        await inner.append(events, projections, fence);
        for (const runId of new Set(events.map((event) => event.runId))) signals.committed(runId);
      },
    };
    const queue = createInProcessRunQueue();
    openParts = async () => ({ store, queue, signals, close: async () => undefined });
  } else {
    const temporary = await createTemporaryPostgres(serverUrl!);
    closers.push(() => temporary.drop());
    openParts = async (role) => {
      const postgres = await openPostgres(temporary.url, { maxConnections: 4 });
      const signals = await createPgClusterSignals(postgres);
      const queue = await createPgBossRunQueue({
        url: temporary.url,
        maxConnections: 2,
        supervise: role === 'worker',
        serializeStart: (start) => withAdvisoryLock(postgres.pool, 0x74616e71, start),
        announce: () => signals.announceWork(),
        onAnnounced: (listener) => signals.onWork(listener),
      });
      return {
        store: createPgRunStore(postgres),
        experimentStore: createPgExperimentStore(postgres),
        queue,
        signals,
        async close() {
          await queue.close();
          await signals.close();
          await postgres.close();
        },
      };
    };
  }

  const web = await openParts('web');
  closers.unshift(() => web.close());
  const webPipelines = createClusterPipelines({ store: web.store, registry, models });
  const experiments = web.experimentStore
    ? createClusterExperimentArea({ store: web.experimentStore, pipelines: webPipelines, registry, models, queue: web.queue, signals: web.signals })
    : undefined;
  const app = createClusterWebApp({ store: web.store, queue: web.queue, signals: web.signals, pipelines: webPipelines, ...(experiments ? { experiments } : {}) });
  const workers: RunWorker[] = [];

  return {
    store: web.store,
    request: async (path, init = {}) =>
      app.request(path, {
        method: init.method ?? (init.body === undefined && init.form === undefined ? 'GET' : 'POST'),
        ...(init.form ? { body: init.form } : {}),
        headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      }),
    enqueue: (runId) => web.queue.enqueue(runId),
    async startWorker(options = {}) {
      const parts = adapter === 'sqlite' ? web : await openParts('worker');
      const pipelines = createClusterPipelines({ store: parts.store, registry, models });
      // Like `tandem worker`: records the trials of the runs it executed and sweeps for any left unrecorded.
      const trials = parts.experimentStore
        ? createClusterExperimentArea({ store: parts.experimentStore, pipelines, registry, models, queue: parts.queue, signals: parts.signals, scorers: createTrialScorers({ models }) }).trials
        : undefined;
      const worker = createRunWorker({
        store: parts.store,
        queue: parts.queue,
        signals: parts.signals,
        pipelines,
        ...(trials ? { afterRun: (runId: string) => trials.record(runId) } : {}),
        models,
        services: {},
        leaseTtlMs: 2_000,
        queuedGraceMs: 1_000,
        ...options,
      });
      await worker.start();
      const stopSweeping = trials?.startSweeping(250);
      const stop = worker.stop;
      worker.stop = async (graceMs) => {
        stopSweeping?.();
        await stop(graceMs);
        await trials?.idle();
      };
      workers.push(worker);
      if (parts !== web) closers.unshift(() => parts.close());
      return worker;
    },
    async close() {
      for (const worker of workers) await worker.stop(1_000);
      for (const close of closers) await close();
    },
  };
}
