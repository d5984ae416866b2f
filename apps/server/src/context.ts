import type { SecretRedactor } from '@tandem/shared';
import type { FunctionRegistry, NodeRegistry } from '@tandem/engine';
import type { ExperimentStore, Repositories } from '@tandem/db';
import type { AccessService } from './access/access-service.ts';
import type { ModelCatalog } from './gateway/model-catalog.ts';
import type { ModelGateway } from './gateway/model-gateway.ts';
import type { EventHub } from './services/event-hub.ts';
import type { Metrics } from './services/metrics.ts';
import type { RunTracing } from './services/run-tracing.ts';
import type { PipelineService } from './services/pipeline-service.ts';
import type { RunService } from './services/run-service.ts';
import type { DatasetService } from './services/dataset-service.ts';
import type { ExperimentService } from './services/experiment-service.ts';
import type { ExperimentResults } from './services/experiment-results.ts';
import type { ExperimentRows } from './services/experiment-rows.ts';
import type { TrialScheduler } from './services/trial-scheduler.ts';
import type { WakeHub } from './services/wake-hub.ts';

export type { ModelCatalog } from './gateway/model-catalog.ts';

/** Everything the routes use, wired once in `create-server-context.ts`. */
export interface ServerContext {
  repositories: Repositories;
  registry: NodeRegistry;
  models: ModelCatalog;
  functions: FunctionRegistry;
  pipelines: PipelineService;
  runs: RunService;
  hub: EventHub;
  metrics: Metrics;
  /** Datasets, experiments and trials behind the asynchronous port (SQLite here; Postgres on a cluster's web node). */
  experimentStore: ExperimentStore;
  datasets: DatasetService;
  experiments: ExperimentService;
  experimentResults: ExperimentResults;
  experimentRows: ExperimentRows;
  /** Wakes the SSE streams of an experiment after its progress log grew. */
  experimentHub: WakeHub;
  trials: TrialScheduler;
  /** Every secret the server knows (provider keys, environment API keys), masked wherever text leaves the server. */
  secrets: SecretRedactor;
  /** Accounts, sessions and keys: who a request is. */
  access: AccessService;
  /** The model gateway: pools, limits, caches, the request log, provider settings (`context.models` is its resolver). */
  gateway: ModelGateway;
  /** OpenTelemetry export of runs, when OTEL_EXPORTER_OTLP_ENDPOINT is set. */
  tracing?: RunTracing | undefined;
}
