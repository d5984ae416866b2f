import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { StudioError, type ModelInfo, type SecretRedactor } from '@tandem/shared';
import type { FunctionRegistry, ModelResolver, NodeRegistry } from '@tandem/engine';
import type { PipelineStore, RunStore } from '@tandem/db';
import { apiHeaders } from '../middleware/api-headers.ts';
import { isApiPath } from '../middleware/api-paths.ts';
import { handleError } from '../middleware/error-handler.ts';
import { localGuard } from '../middleware/local-guard.ts';
import { studioPageHeaders } from '../middleware/page-headers.ts';
import { catalogRoutes } from '../routes/catalog.ts';
import { pipelineRoutes } from '../routes/pipelines.ts';
import { runRoutes } from '../routes/runs.ts';
import { studioRoutes } from '../routes/studio-static.ts';
import { createPipelineLibrary } from '../services/pipeline-library.ts';
import type { StudioApi } from '../services/studio-api.ts';
import { accessControl } from '../access/access-control.ts';
import type { AccessService } from '../access/access-service.ts';
import { accessRoutes } from '../routes/access-routes.ts';
import type { GatewayRoutesContext } from '../gateway/gateway-routes-context.ts';
import { monitoringRoutes } from '../routes/monitoring.ts';
import { openAICompatibleRoutes } from '../routes/openai-compatible.ts';
import { PrefixRouter } from '../prefix-router.ts';
import { providerRoutes } from '../routes/providers.ts';
import type { ClusterPipelines } from './cluster-pipelines.ts';
import { createClusterRunLauncher } from './cluster-run-launcher.ts';
import type { ClusterSignals } from './cluster-signals.ts';
import type { RunQueue } from './run-queue.ts';
import { datasetRoutes, datasetUploadLimitBytes, type DatasetRouteDeps } from '../routes/datasets.ts';
import { experimentRoutes, type ExperimentRouteDeps } from '../routes/experiments.ts';

/** What a web node of a cluster is wired with. */
export interface ClusterWebOptions {
  store: RunStore;
  /** Pipelines, versions and drafts in the shared database. */
  pipelineStore: PipelineStore;
  queue: RunQueue;
  signals: ClusterSignals;
  pipelines: ClusterPipelines;
  registry: NodeRegistry;
  /** The models pipelines are checked against and the studio's pickers offer. */
  models: ModelResolver & { listModels(): ModelInfo[] };
  /** The server functions `function` nodes may call (listed for the editor); none by default. */
  functions?: Pick<FunctionRegistry, 'list'>;
  /** Accounts, sessions and keys on the cluster's database: the single process's access control (ADR 44). */
  access: AccessService;
  /** Trust X-Forwarded-For/-Proto from a load balancer (TANDEM_TRUST_PROXY). */
  trustProxy?: boolean;
  /** The node listens on loopback only: other Host names (DNS rebinding) and cross-origin writes are refused. */
  loopbackOnly?: boolean;
  bodyLimitBytes?: number;
  secrets?: SecretRedactor;
  /** The built studio, served beside the API (its pages and assets carry no data and ask for no key). */
  studioDist?: string;
  /** Datasets and experiments (cluster-experiments.ts): served under `/api/datasets` and `/api/experiments` when given. */
  experiments?: DatasetRouteDeps & ExperimentRouteDeps;
  /** The model gateway over the shared store: `/v1`, `/api/providers` and `/api/monitoring` (the single process's routes). */
  gateway?: GatewayRoutesContext;
}

/**
 * The HTTP surface of a web node in cluster mode (DESIGN.md §8): the studio and the routes of its
 * everyday screens — pipelines, versions, drafts, runs and their list, forks, live events (from the event
 * table, woken by LISTEN/NOTIFY), cancel, person steps, the inbox, feedback, the catalog — and, with a
 * gateway, the OpenAI-compatible `/v1`, providers and pools and the request log's monitoring, served by the
 * same route modules as the single-process server, over the Postgres stores; runs go to the workers.
 */
export function createClusterWebApp(options: ClusterWebOptions) {
  const { store, queue, signals, pipelines, registry, models } = options;
  const studio: StudioApi = {
    runStore: store,
    library: createPipelineLibrary({ store: options.pipelineStore, registry, models }),
    launcher: createClusterRunLauncher({ store, queue, signals, pipelines, ...(options.secrets ? { secrets: options.secrets } : {}) }),
    registry,
    models,
    functions: options.functions ?? { list: () => [] },
  };
  const trustProxy = options.trustProxy ?? false;

  const api = new Hono()
    .route('/', accessRoutes(options.access, { trustProxy }))
    .route('/pipelines', pipelineRoutes(studio))
    .route('/runs', runRoutes(studio))
    .route('/', catalogRoutes(studio));
  if (options.experiments) api.route('/datasets', datasetRoutes(options.experiments)).route('/experiments', experimentRoutes(options.experiments));

  const app = new Hono({ router: new PrefixRouter('/v1') });
  app.onError(handleError);
  // A web node on loopback refuses other Host names (DNS rebinding) and cross-origin writes, as the single process does.
  if (options.loopbackOnly ?? true) app.use('*', localGuard({ allowedHosts: [], trustProxy }));
  app.use('*', (c, next) => (isApiPath(c.req.path) || !options.studioDist ? apiHeaders(c, next) : studioPageHeaders(c, next)));
  const limit = (maxSize: number) => bodyLimit({ maxSize, onError: () => { throw new StudioError('BODY_TOO_LARGE', 'The request body is too large'); } });
  const bodies = limit(options.bodyLimitBytes ?? 2 * 1024 * 1024);
  // Dataset uploads carry tens of thousands of rows, as in one process.
  const uploads = limit(Math.max(datasetUploadLimitBytes, options.bodyLimitBytes ?? 0));
  const isUpload = (method: string, path: string) => (method === 'POST' && path === '/api/datasets') || (method === 'PUT' && /^\/api\/datasets\/[^/]+$/.test(path));
  app.use('*', (c, next) => (options.experiments && isUpload(c.req.method, c.req.path) ? uploads(c, next) : bodies(c, next)));
  app.use('*', accessControl({ access: options.access, metricsPublic: false, environmentKeys: options.access.environmentKeyViews().length > 0 }));
  app.get('/healthz', (c) => c.json({ ok: true, role: 'web' }));
  const { gateway } = options;
  if (gateway) {
    // Pools, providers and keys another node changed are read again when this node's copy is old enough.
    const fresh: MiddlewareHandler = async (_c, next) => {
      await gateway.gateway.ensureFresh();
      await next();
    };
    app.use('/v1/*', fresh);
    app.use('/api/providers/*', fresh);
    app.route('/api/providers', providerRoutes(gateway));
    app.route('/api/monitoring', monitoringRoutes(gateway));
    app.route('/', openAICompatibleRoutes(gateway));
  }
  app.route('/api', api);
  app.all('/api/*', (c) => handleError(new StudioError('NOT_FOUND', `No API route ${c.req.method} ${c.req.path}`), c));
  if (options.studioDist) app.route('/', studioRoutes(options.studioDist));
  app.notFound((c) => handleError(new StudioError('NOT_FOUND', `No route ${c.req.method} ${c.req.path}`), c));
  return app;
}
