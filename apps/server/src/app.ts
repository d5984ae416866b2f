import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { ServerContext } from './context.ts';
import { handleError } from './middleware/error-handler.ts';
import { localGuard } from './middleware/local-guard.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { datasetRoutes, datasetUploadLimitBytes } from './routes/datasets.ts';
import { experimentRoutes } from './routes/experiments.ts';
import { pipelineRoutes } from './routes/pipelines.ts';
import { runRoutes } from './routes/runs.ts';
import { settingsRoutes } from './routes/settings.ts';
import { studioRoutes } from './routes/studio-static.ts';

export interface AppOptions {
  /** Hostnames besides loopback names the server answers to. */
  allowedHosts?: string[];
  /** The built studio to serve; omitted in API-only tests. */
  studioDist?: string;
  /** Extra route groups mounted at the root (compatibility APIs). */
  extraRoutes?: Hono[];
}

/** Builds the Hono app over a wired server context. */
export function createApp(context: ServerContext, options: AppOptions = {}) {
  const api = new Hono()
    .route('/pipelines', pipelineRoutes(context))
    .route('/runs', runRoutes(context))
    .route('/settings', settingsRoutes(context))
    .route('/datasets', datasetRoutes(context))
    .route('/experiments', experimentRoutes(context))
    .route('/', catalogRoutes(context))
    .all('*', (c) => c.json({ error: { code: 'NOT_FOUND', message: `No API route ${c.req.method} ${c.req.path}` } }, 404));

  const app = new Hono();
  app.onError(handleError);
  app.use('*', localGuard({ allowedHosts: options.allowedHosts ?? [] }));
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        connectSrc: ["'self'"],
      },
    }),
  );
  const apiBodyLimit = bodyLimit({ maxSize: 2 * 1024 * 1024, onError: (c) => c.json({ error: { code: 'VALIDATION_FAILED', message: 'The body is larger than 2 MB' } }, 413) });
  const uploadBodyLimit = bodyLimit({
    maxSize: datasetUploadLimitBytes,
    onError: (c) => c.json({ error: { code: 'VALIDATION_FAILED', message: `The file is larger than ${datasetUploadLimitBytes / 1024 / 1024} MB`, details: { field: 'file' } } }, 413),
  });
  // Dataset uploads carry tens of thousands of rows; every other body stays small.
  app.use('/api/*', (c, next) => (c.req.path === '/api/datasets' || /^\/api\/datasets\/[^/]+$/.test(c.req.path) ? uploadBodyLimit(c, next) : apiBodyLimit(c, next)));
  app.get('/healthz', (c) => c.json({ ok: true, activeRuns: context.runs.activeCount() }));
  app.get('/metrics', async (c) => c.text(await context.metrics.registry.metrics(), 200, { 'Content-Type': context.metrics.registry.contentType }));
  app.route('/api', api);
  for (const routes of options.extraRoutes ?? []) app.route('/', routes);
  if (options.studioDist) app.route('/', studioRoutes(options.studioDist));
  return app;
}

export type App = ReturnType<typeof createApp>;
