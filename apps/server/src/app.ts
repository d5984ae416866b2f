import { Hono } from 'hono';
import type { ServerContext } from './context.ts';
import { accessControl } from './access/access-control.ts';
import { apiHeaders } from './middleware/api-headers.ts';
import { isApiPath } from './middleware/api-paths.ts';
import { defaultBodyLimitBytes, limitBodies } from './middleware/body-limit.ts';
import { handleError } from './middleware/error-handler.ts';
import { localGuard } from './middleware/local-guard.ts';
import { studioPageHeaders } from './middleware/page-headers.ts';
import { PrefixRouter } from './prefix-router.ts';
import { redactResponses } from './redaction/redact-responses.ts';
import { accessRoutes } from './routes/access-routes.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { datasetRoutes, datasetUploadLimitBytes } from './routes/datasets.ts';
import { experimentRoutes } from './routes/experiments.ts';
import { monitoringRoutes } from './routes/monitoring.ts';
import { pipelineLiveRoutes } from './routes/pipeline-live.ts';
import { pipelineRoutes } from './routes/pipelines.ts';
import { providerRoutes } from './routes/providers.ts';
import { runRoutes } from './routes/runs.ts';
import { studioRoutes } from './routes/studio-static.ts';

export interface AppOptions {
  /** Hostnames besides loopback names the server answers to. */
  allowedHosts?: string[];
  /** The built studio to serve; omitted in API-only tests. */
  studioDist?: string;
  /** Extra route groups mounted at the root (compatibility APIs). */
  extraRoutes?: Hono[];
  /** Largest request body, every route (TANDEM_BODY_LIMIT); default 2 MiB. */
  bodyLimitBytes?: number;
  /** Trust X-Forwarded-* from a reverse proxy (TANDEM_TRUST_PROXY). */
  trustProxy?: boolean;
  /** Serve /metrics without credentials (TANDEM_METRICS_PUBLIC). */
  metricsPublic?: boolean;
  /** How many keys TANDEM_API_KEYS defines (listed in Settings, required by /v1). */
  environmentKeyCount?: number;
}

const isDatasetUpload = (method: string, path: string) => (method === 'POST' && path === '/api/datasets') || (method === 'PUT' && /^\/api\/datasets\/[^/]+$/.test(path));

/** Builds the Hono app over a wired server context. */
export function createApp(context: ServerContext, options: AppOptions = {}) {
  const trustProxy = options.trustProxy ?? false;
  const environmentKeyCount = options.environmentKeyCount ?? 0;
  const api = new Hono()
    .route('/', accessRoutes(context.access, { trustProxy }))
    .route('/pipelines', pipelineRoutes(context.studio))
    .route('/pipelines', pipelineLiveRoutes(context))
    .route('/runs', runRoutes(context.studio))
    .route('/datasets', datasetRoutes(context))
    .route('/experiments', experimentRoutes(context))
    .route('/', catalogRoutes(context.studio))
    .route('/providers', providerRoutes(context))
    .route('/monitoring', monitoringRoutes(context))
    .all('*', (c) => c.json({ error: { code: 'NOT_FOUND', message: `No API route ${c.req.method} ${c.req.path}` } }, 404));

  // The gateway's paths get a router of their own: the API's routes would make Hono's default router
  // fall back to its slower trie for every request (prefix-router.ts).
  const app = new Hono({ router: new PrefixRouter('/v1') });
  app.onError(handleError);
  // Outermost, so it also sees error responses: the last line against a secret in a body.
  app.use('*', redactResponses(context.secrets));
  app.use('*', localGuard({ allowedHosts: options.allowedHosts ?? [], trustProxy }));
  // Browser pages get the full set of security headers; JSON APIs only what a JSON answer needs
  // (nosniff), so the gateway's answers stay as lean as OpenAI's.
  app.use('*', (c, next) => (isApiPath(c.req.path) ? apiHeaders(c, next) : studioPageHeaders(c, next)));
  const bodies = limitBodies(options.bodyLimitBytes ?? defaultBodyLimitBytes);
  const uploads = limitBodies(Math.max(datasetUploadLimitBytes, options.bodyLimitBytes ?? 0));
  // Dataset uploads carry tens of thousands of rows; every other body keeps the server's limit.
  app.use('*', (c, next) => (isDatasetUpload(c.req.method, c.req.path) ? uploads(c, next) : bodies(c, next)));
  app.use('*', accessControl({ access: context.access, metricsPublic: options.metricsPublic ?? false, environmentKeys: environmentKeyCount > 0 }));
  app.get('/healthz', (c) => c.json({ ok: true, activeRuns: context.runs.activeCount(), queuedRuns: context.runs.queuedCount() }));
  app.get('/metrics', async (c) => c.text(await context.metrics.registry.metrics(), 200, { 'Content-Type': context.metrics.registry.contentType }));
  app.route('/api', api);
  for (const routes of options.extraRoutes ?? []) app.route('/', routes);
  if (options.studioDist) app.route('/', studioRoutes(options.studioDist));
  return app;
}

export type App = ReturnType<typeof createApp>;
