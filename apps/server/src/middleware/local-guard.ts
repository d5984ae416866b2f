import type { MiddlewareHandler } from 'hono';

const loopbackNames = ['localhost', '127.0.0.1', '[::1]'];

/**
 * Blocks DNS rebinding and cross-site requests to a server on the user's machine:
 * the Host must be a known name, and a state-changing request from a browser
 * must come from the studio's own origin.
 */
export function localGuard(options: { allowedHosts: string[] }): MiddlewareHandler {
  const allowed = new Set([...loopbackNames, ...options.allowedHosts.map((host) => host.toLowerCase())]);
  return async (c, next) => {
    const host = (c.req.header('host') ?? '').toLowerCase();
    const hostname = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]!;
    if (hostname && !allowed.has(hostname)) {
      return c.json({ error: { code: 'VALIDATION_FAILED', message: `Host "${hostname}" is not allowed; add it to TANDEM_ALLOWED_HOSTS` } }, 403);
    }
    const origin = c.req.header('origin');
    if (origin && c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      let originHost = '';
      try {
        originHost = new URL(origin).host.toLowerCase();
      } catch {
        originHost = '';
      }
      if (originHost !== host) {
        return c.json({ error: { code: 'VALIDATION_FAILED', message: `Cross-origin request from ${origin} refused` } }, 403);
      }
    }
    await next();
  };
}
