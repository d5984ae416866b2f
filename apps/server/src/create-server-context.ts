import { builtInNodes, createNodeRegistry, type AnyNodeDefinition, type Clock, type FunctionRegistry } from '@tandem/engine';
import { createSecretRedactor, type SecretRedactor } from '@tandem/shared';
import { createBatchingWriter, createRepositories, type TandemDatabase } from '@tandem/db';
import { createDefaultProviderRegistry } from '@tandem/providers';
import type { ModelCatalog, ServerContext } from './context.ts';
import { createAccessService, type AccessSettings } from './access/access-service.ts';
import type { QuickJsSandboxOptions } from './activities/index.ts';
import { createRedactingWriter } from './redaction/redacting-writer.ts';
import { createEventHub } from './services/event-hub.ts';
import { createMetrics } from './services/metrics.ts';
import { createPipelineService } from './services/pipeline-service.ts';
import { createRunService } from './services/run-service.ts';
import { createRunProjector } from './services/run-projector.ts';
import { createRunAdmission, type RunAdmissionOptions } from './services/run-admission.ts';
import { createRunServices } from './services/run-services.ts';
import { createDatasetService } from './services/dataset-service.ts';
import { createExperimentService } from './services/experiment-service.ts';
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
}

/** Wires the database, engine, providers and services into what the routes use. */
export function createServerContext(options: ServerContextOptions): ServerContext & { close(): void } {
  const repositories = createRepositories(options.database);
  const registry = createNodeRegistry(options.nodes ?? builtInNodes);
  const secrets = options.secrets ?? createSecretRedactor();
  const models = options.models ?? (createDefaultProviderRegistry(options.providerEnv ?? process.env, { secrets }) as ModelCatalog);
  const access = createAccessService(repositories, secrets, options.access ?? { mode: 'auto', environmentKeys: [] });
  const projector = createRunProjector((runId, beforeSeq) => repositories.events.readEvents(runId, 0, beforeSeq - 1));
  const batching = createBatchingWriter(repositories.events, { maxBatch: 256, flushAfterMs: 5, project: (events) => projector.project(events) });
  const writer = createRedactingWriter(batching, secrets);
  const hub = createEventHub();
  const metrics = createMetrics(hub);
  writer.onFlushed((events) => {
    hub.publish(events);
    metrics.observe(events, (runId, nodeId) => projector.state(runId)?.steps[nodeId]?.kind);
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
    startChildRun: (request) => runs.start(request),
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
  const experimentResults = createExperimentResults({ repositories });
  return {
    repositories,
    registry,
    models,
    functions,
    pipelines,
    runs,
    hub,
    metrics,
    datasets: createDatasetService({ repositories }),
    experiments: createExperimentService({ repositories, pipelines, models, scheduler: trials, hub: experimentHub }),
    experimentResults,
    experimentRows: createExperimentRows({ repositories, results: experimentResults }),
    experimentHub,
    trials,
    secrets,
    access,
    close() {
      runs.close();
      writer.close();
    },
  };
}
