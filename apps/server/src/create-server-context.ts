import { builtInNodes, createNodeRegistry, type AnyNodeDefinition, type Clock, type FunctionRegistry } from '@tandem/engine';
import { createSecretRedactor, type SecretRedactor } from '@tandem/shared';
import { createBatchingWriter, createRepositories, createSqliteAccessStore, createSqliteExperimentStore, createSqliteGatewayStore, createSqlitePipelineStore, createSqliteRunStore, gatewayConfigKey, type Repositories, type TandemDatabase } from '@tandem/db';
import { createDefaultProviderRegistry, createHashedNgramEmbedder, type Embedder } from '@tandem/providers';
import type { GatewayConfig } from '@tandem/shared';
import { createModelGateway, type GatewayState } from './gateway/model-gateway.ts';
import { createSecretBox, loadSecretKey } from './gateway/secret-box.ts';
import type { ModelCatalog, ServerContext } from './context.ts';
import { createAccessService, type AccessSettings } from './access/access-service.ts';
import type { QuickJsSandboxOptions } from './activities/index.ts';
import { createRedactingWriter } from './redaction/redacting-writer.ts';
import { createEventHub } from './services/event-hub.ts';
import { createMetrics } from './services/metrics.ts';
import { createRunTracing, type RunTracingOptions } from './services/run-tracing.ts';
import { createPipelineLibrary } from './services/pipeline-library.ts';
import { createPipelineService } from './services/pipeline-service.ts';
import { createLocalRunLauncher } from './services/run-launcher.ts';
import { createRunService } from './services/run-service.ts';
import { createRunProjector } from './services/run-projector.ts';
import { createRunAdmission, type RunAdmissionOptions } from './services/run-admission.ts';
import { createRunServices } from './services/run-services.ts';
import { createDatasetService } from './services/dataset-service.ts';
import { createExperimentService } from './services/experiment-service.ts';
import { experimentPipelinesOf } from './services/experiment-pipelines.ts';
import { createExperimentResults } from './services/experiment-results.ts';
import { createExperimentRows } from './services/experiment-rows.ts';
import { createInProcessTrialScheduler } from './services/trial-scheduler.ts';
import { createTrialScorers } from './services/trial-scorers.ts';
import { createWakeHub } from './services/wake-hub.ts';

export interface ServerContextOptions {
  database: TandemDatabase;
  /** Provider settings (keys, base URLs); defaults to process.env. */
  providerEnv?: Record<string, string | undefined>;
  /** Replaces the node kinds (tests: e.g. a later version of a kind, to read documents written before it). */
  nodes?: readonly AnyNodeDefinition[];
  /** Replaces the provider registry (tests). */
  models?: ModelCatalog;
  /** Replaces the server functions (tests). */
  functions?: FunctionRegistry;
  clock?: Clock;
  stepTimeoutMs?: number;
  /** Hosts or CIDR ranges HTTP activities may reach although private. */
  httpAllowList?: string[];
  /** The server's secrets; provider keys from `providerEnv` are added to it. */
  secrets?: SecretRedactor;
  /** Access control settings; default `auto` with no environment keys. */
  access?: AccessSettings;
  /** Admission control of new runs (`TANDEM_MAX_ACTIVE_RUNS`; tests: when the process counts as saturated). */
  admission?: RunAdmissionOptions;
  /** Sandbox pool size and queue (`TANDEM_SANDBOX_WORKERS`, `TANDEM_SANDBOX_QUEUE`). */
  sandbox?: Pick<QuickJsSandboxOptions, 'maxWorkers' | 'maxQueuedCalls'>;
  /** TANDEM_SECRET_KEY: the key sealing provider keys stored in Settings (else a key file beside the database). */
  secretKey?: string;
  /** The gateway configuration read from TANDEM_GATEWAY_CONFIG. */
  gatewayConfig?: GatewayConfig;
  /** The semantic cache's embedder (default: hashed character n-grams). */
  embedder?: Embedder;
  /** `sqlite-vec` when it loads (default) or `brute-force` cosine over stored vectors. */
  vectorSearch?: 'auto' | 'brute-force';
  /** The request log's batching delay in ms (default 500). */
  requestLogFlushMs?: number;
  /** Random draws for weighted pools (tests). */
  random?: () => number;
  /** OpenTelemetry export of finished runs (OTEL_EXPORTER_OTLP_ENDPOINT); off when absent. */
  tracing?: Omit<RunTracingOptions, 'readEvents'>;
}

/** The stored gateway state, read synchronously (the single process builds its gateway without waiting). */
function readGatewayState(repositories: Repositories): GatewayState {
  const { providerSecrets } = repositories;
  return {
    config: repositories.settings.get(gatewayConfigKey),
    providerKeys: providerSecrets.list().flatMap((entry) => {
      const sealed = providerSecrets.sealed(entry.provider);
      return sealed === undefined ? [] : [{ ...entry, sealed }];
    }),
  };
}

/** Wires the database, engine, providers and services into what the routes use. */
export function createServerContext(options: ServerContextOptions): ServerContext & { close(): void } {
  const repositories = createRepositories(options.database);
  const registry = createNodeRegistry(options.nodes ?? builtInNodes);
  const secrets = options.secrets ?? createSecretRedactor();
  const baseModels = options.models ?? (createDefaultProviderRegistry(options.providerEnv ?? process.env, { secrets }) as ModelCatalog);
  const access = createAccessService(createSqliteAccessStore(repositories), secrets, options.access ?? { mode: 'auto', environmentKeys: [] });
  const projector = createRunProjector((runId, beforeSeq) => repositories.events.readEvents(runId, 0, beforeSeq - 1));
  const batching = createBatchingWriter(repositories.events, { maxBatch: 256, flushAfterMs: 5, project: (events) => projector.project(events) });
  const writer = createRedactingWriter(batching, secrets);
  const hub = createEventHub();
  const metrics = createMetrics(hub);
  const embedder = options.embedder ?? createHashedNgramEmbedder();
  const secretKey = loadSecretKey({ secretKey: options.secretKey, databasePath: options.database.path });
  const gateway = createModelGateway({
    store: createSqliteGatewayStore(options.database, { vectorSearch: options.vectorSearch ?? 'auto' }),
    initial: readGatewayState(repositories),
    base: baseModels,
    secrets,
    metrics,
    secretBox: createSecretBox(secretKey.key, secretKey.source),
    embedder,
    env: options.providerEnv ?? process.env,
    ...(options.gatewayConfig ? { fileConfig: options.gatewayConfig } : {}),
    ...(options.requestLogFlushMs !== undefined ? { recorderFlushMs: options.requestLogFlushMs } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.clock ? { now: () => options.clock!.now() } : {}),
  });
  const models = gateway.models;
  const tracing = options.tracing ? createRunTracing({ ...options.tracing, readEvents: (runId, beforeSeq) => repositories.events.readEvents(runId, 0, beforeSeq - 1) }) : undefined;
  const pipelineOfRun = new Map<string, string>();
  writer.onFlushed((events) => {
    hub.publish(events);
    metrics.observe(events, (runId, nodeId) => projector.stepKind(runId, nodeId));
    for (const event of events) if (event.type === 'run.started') pipelineOfRun.set(event.runId, event.data.pipelineId);
    gateway.recordRunEvents(events, (runId) => pipelineOfRun.get(runId) ?? repositories.runs.get(runId)?.pipelineId);
    tracing?.observe(events);
    for (const event of events) if (event.type === 'run.completed' || event.type === 'run.failed' || event.type === 'run.cancelled') pipelineOfRun.delete(event.runId);
    projector.release(events);
  });
  writer.onError((error, events) => {
    projector.forget(new Set(events.map((event) => event.runId)));
    console.error(`Could not commit ${events.length} run events`, error);
  });
  const pipelines = createPipelineService({ repositories, registry, models });
  const { services, functions } = createRunServices({
    repositories,
    ...(options.functions ? { functions: options.functions } : {}),
    httpAllowList: options.httpAllowList ?? [],
    ...(options.sandbox ? { sandbox: options.sandbox } : {}),
    caches: { completionCache: gateway.cache.completionCache, semanticCache: gateway.cache.semanticCache },
    startChildRun: (request) => runs.accept(request),
    waitForRun: (runId) => runs.waitForSettled(runId),
  });
  const runs = createRunService({
    repositories,
    pipelines,
    models,
    services,
    writer,
    ...(options.clock ? { clock: options.clock } : {}),
    stepTimeoutMs: options.stepTimeoutMs ?? 300_000,
    admission: createRunAdmission(options.admission),
  });
  const experimentHub = createWakeHub();
  const trials = createInProcessTrialScheduler({
    repositories,
    pipelines,
    runs,
    scorers: createTrialScorers({ models, ...(services.sandbox ? { sandbox: services.sandbox } : {}) }),
    hub: experimentHub,
  });
  const experimentStore = createSqliteExperimentStore(repositories);
  const experimentResults = createExperimentResults({ store: experimentStore });
  const studio = {
    runStore: createSqliteRunStore(options.database),
    library: createPipelineLibrary({ store: createSqlitePipelineStore(options.database), registry, models }),
    launcher: createLocalRunLauncher({ runs, pipelines, repositories, hub, secrets }),
    registry,
    models,
    functions,
  };
  return {
    repositories,
    registry,
    models,
    functions,
    pipelines,
    runs,
    hub,
    metrics,
    experimentStore,
    datasets: createDatasetService({ datasets: experimentStore.datasets }),
    experiments: createExperimentService({ store: experimentStore, pipelines: experimentPipelinesOf(pipelines), models, scheduler: trials, hub: experimentHub }),
    experimentResults,
    experimentRows: createExperimentRows({ store: experimentStore, results: experimentResults }),
    experimentHub,
    trials,
    secrets,
    access,
    gateway,
    studio,
    tracing,
    close() {
      runs.close();
      writer.close();
      void gateway.close();
      void tracing?.shutdown();
      void embedder.dispose?.();
    },
  };
}
