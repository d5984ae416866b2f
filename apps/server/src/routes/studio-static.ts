import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';

/** Serves the built studio, with the SPA's index.html for every other GET. */
export function studioRoutes(distPath: string) {
  const app = new Hono();
  const indexPath = join(distPath, 'index.html');
  if (!existsSync(indexPath)) {
    return app.get('*', (c) =>
      c.html(`<!doctype html><title>Tandem Studio</title><body style="font-family:system-ui;padding:2rem">
<h1>Tandem Studio</h1><p>The studio has not been built yet. Run <code>pnpm build</code> (or <code>pnpm start</code>, which builds it) and reload.</p>
<p>The API is up: <a href="/healthz">/healthz</a>.</p></body>`, 503),
    );
  }
  app.use('/assets/*', serveStatic({ root: distPath, onFound: (_path, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable') }));
  app.use('*', serveStatic({ root: distPath }));
  // Read per request: a rebuilt studio is served without restarting the server.
  app.get('*', (c) => c.html(readFileSync(indexPath, 'utf8')));
  return app;
}
