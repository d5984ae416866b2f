import type { AddressInfo } from 'node:net';
import { builtInNodes, createNodeRegistry } from '@tandem/engine';
import { createDefaultProviderRegistry } from '@tandem/providers';
import { createPgExperimentStore, createPgRunStore, openPostgres, withAdvisoryLock, type TandemPostgres } from '@tandem/db';
import { createSecretRedactor, type RunEvent, type SecretRedactor } from '@tandem/shared';
import { isLoopbackHost } from '../access/bind-check.ts';
import { builtInFunctions, createFunctionRegistry, createQuickJsSandbox, createSafeHttpClient } from '../activities/index.ts';
import type { ModelCatalog } from '../gateway/model-catalog.ts';
import { listen } from '../http-listener.ts';
import { createTrialScorers } from '../services/trial-scorers.ts';
import { createClusterExperimentArea } from './cluster-experiments.ts';
import { createClusterPipelines } from './cluster-pipelines.ts';
import { createPgClusterSignals, type ClusterSignals } from './cluster-signals.ts';
import type { ClusterEnv } from './cluster-env.ts';
import { createClusterGateway } from './cluster-gateway.ts';
import { createClusterWebApp } from './cluster-web.ts';
import { createPgBossRunQueue } from './pg-boss-run-queue.ts';
import { createRunWorker } from './run-worker.ts';

/** A started process of the cluster. */
export interface ClusterProcess {
  /** Stops taking work and closes every connection. */
  close(): Promise<void>;
}

interface Shared {
  postgres: TandemPostgres;
  signals: ClusterSignals;
  models: ModelCatalog;
}

/** The advisory lock key processes take around pg-boss's start ("tanq"). */
const queueStartLockKey = 0x74616e71;
const queueStartLock = (postgres: TandemPostgres) => (start: () => Promise<void>) => withAdvisoryLock(postgres.pool, queueStartLockKey, start);

async function openShared(env: ClusterEnv, secrets: SecretRedactor): Promise<Shared> {
  // Migrations run here, once across the cluster (an advisory lock), whichever process starts first.
  const postgres = await openPostgres(env.TANDEM_DATABASE_URL, { maxConnections: env.TANDEM_PG_POOL_SIZE });
  const signals = await createPgClusterSignals(postgres);
  const models = createDefaultProviderRegistry(process.env, { secrets }) as ModelCatalog;
  return { postgres, signals, models };
}

/** Starts a web node: the run API on `HOST:PORT`, runs enqueued for the workers, SSE from the event table. */
export async function startClusterWebNode(env: ClusterEnv, options: { secrets?: SecretRedactor } = {}): Promise<ClusterProcess & { port: number }> {
  if (!isLoopbackHost(env.HOST) && env.TANDEM_API_KEYS.length === 0) {
    throw new Error(`A web node will not listen on ${env.HOST} without API keys: set TANDEM_API_KEYS (comma separated).`);
  }
  const secrets = options.secrets ?? createSecretRedactor();
  for (const key of env.TANDEM_API_KEYS) secrets.add(key);
  const { postgres, signals, models } = await openShared(env, secrets);
  const store = createPgRunStore(postgres);
  const queue = await createPgBossRunQueue({ url: env.TANDEM_DATABASE_URL, announce: () => signals.announceWork(), serializeStart: queueStartLock(postgres) });
  const gateway = await createClusterGateway({ postgres, env, base: models, secrets });
  // Pipelines are checked against the gateway's models: pools and Settings providers included.
  const registry = createNodeRegistry(builtInNodes);
  const pipelines = createClusterPipelines({ store, registry, models: gateway.models });
  const experiments = createClusterExperimentArea({ store: createPgExperimentStore(postgres), pipelines, registry, models: gateway.models, queue, signals });
  const app = createClusterWebApp({ store, queue, signals, pipelines, experiments, apiKeys: env.TANDEM_API_KEYS, bodyLimitBytes: env.TANDEM_BODY_LIMIT, secrets, gateway });
  const listener = await new Promise<{ close(): void; port: number }>((resolve) => {
    const server = listen(
      app.fetch,
      { port: env.PORT, hostname: env.HOST, headersTimeoutMs: 20_000, requestTimeoutMs: 60_000, keepAliveTimeoutMs: env.TANDEM_KEEP_ALIVE_TIMEOUT_MS },
      (info: AddressInfo) => resolve({ close: () => server.close(), port: info.port }),
    );
  });
  return {
    port: listener.port,
    async close() {
      listener.close();
      await gateway.close();
      await queue.close();
      await signals.close();
      await postgres.close();
    },
  };
}

/** Starts a worker: executes queued runs, `TANDEM_WORKER_CONCURRENCY` at a time, under leases. */
export async function startClusterWorker(env: ClusterEnv, options: { secrets?: SecretRedactor; workerId?: string } = {}): Promise<ClusterProcess & { workerId: string }> {
  const secrets = options.secrets ?? createSecretRedactor();
  const { postgres, signals, models } = await openShared(env, secrets);
  const store = createPgRunStore(postgres);
  const queue = await createPgBossRunQueue({
    url: env.TANDEM_DATABASE_URL,
    supervise: true,
    serializeStart: queueStartLock(postgres),
    announce: () => signals.announceWork(),
    onAnnounced: (listener) => signals.onWork(listener),
  });
  const functions = createFunctionRegistry(builtInFunctions);
  const sandbox = createQuickJsSandbox();
  // The same gateway as the web nodes: pools, Settings providers and keys, provider limits, both caches and the request log.
  const { gateway } = await createClusterGateway({ postgres, env, base: models, secrets });
  const registry = createNodeRegistry(builtInNodes);
  const pipelines = createClusterPipelines({ store, registry, models: gateway.models });
  // Experiments' trials: this worker records the trials of the runs it executed, and sweeps for any left unrecorded.
  const { trials } = createClusterExperimentArea({
    store: createPgExperimentStore(postgres),
    pipelines,
    registry,
    models: gateway.models,
    queue,
    signals,
    scorers: createTrialScorers({ models: gateway.models, sandbox }),
  });
  const worker = createRunWorker({
    store,
    queue,
    signals,
    pipelines,
    afterRun: (runId) => trials.record(runId),
    models: gateway.models,
    services: {
      sandbox,
      http: createSafeHttpClient({ allowHosts: () => env.TANDEM_HTTP_ALLOW }),
      functions,
      cache: gateway.cache.completionCache,
      semanticCache: gateway.cache.semanticCache,
    },
    prepare: () => gateway.ensureFresh(),
    onCommitted: (events, run) => gateway.recordRunEvents(events, () => run.pipelineId),
    concurrency: env.TANDEM_WORKER_CONCURRENCY,
    leaseTtlMs: env.TANDEM_LEASE_TTL_MS,
    queuedGraceMs: env.TANDEM_QUEUED_GRACE_MS,
    stepTimeoutMs: env.TANDEM_STEP_TIMEOUT_MS,
    redact: (event: RunEvent) => (secrets.size === 0 ? event : secrets.redactValue(event)),
    ...(options.workerId ? { workerId: options.workerId } : {}),
  });
  await worker.start();
  const stopSweeping = trials.startSweeping(Math.max(1_000, Math.floor(env.TANDEM_LEASE_TTL_MS / 3)));
  return {
    workerId: worker.workerId,
    async close() {
      stopSweeping();
      await worker.stop();
      await trials.idle();
      await gateway.close();
      await sandbox.close();
      await signals.close();
      await postgres.close();
    },
  };
}
