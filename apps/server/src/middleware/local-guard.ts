import type { Context, MiddlewareHandler } from 'hono';
import { StudioError } from '@tandem/shared';

const loopbackNames = ['localhost', '127.0.0.1', '[::1]'];
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Options of {@link localGuard}. */
export interface LocalGuardOptions {
  /** Hostnames besides loopback names the server answers to. */
  allowedHosts: string[];
  /** Trust `X-Forwarded-Proto` / `X-Forwarded-Host` from a reverse proxy (TANDEM_TRUST_PROXY). */
  trustProxy?: boolean;
}

/** The origin (scheme://host[:port]) this request was addressed to, as a browser on the page would see it. */
export function requestOrigin(c: Context, trustProxy = false): string {
  const url = new URL(c.req.url);
  const forwardedProto = trustProxy ? c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() : undefined;
  const forwardedHost = trustProxy ? c.req.header('x-forwarded-host')?.split(',')[0]?.trim() : undefined;
  const scheme = forwardedProto === 'https' || forwardedProto === 'http' ? `${forwardedProto}:` : url.protocol;
  const host = forwardedHost ?? c.req.header('host') ?? url.host;
  // URL normalises the default port away and lower-cases the host, as browsers do in Origin.
  return new URL(`${scheme}//${host}`).origin;
}

/**
 * Blocks DNS rebinding and cross-site requests: the Host must be a known name, and a
 * state-changing request that carries an Origin must come from this very origin (scheme, host and
 * port all equal; `Origin: null` is refused).
 */
export function localGuard(options: LocalGuardOptions): MiddlewareHandler {
  const allowed = new Set([...loopbackNames, ...options.allowedHosts.map((host) => host.toLowerCase())]);
  // The Host header of the last allowed request: clients send the same one request after request.
  let lastAllowedHost: string | undefined;
  // Not async: a refusal throws before `next`, and the answer is `next`'s own (one promise less per request).
  return (c, next) => {
    const sent = c.req.header('host');
    if (sent === undefined || sent !== lastAllowedHost) {
      const host = (sent ?? '').toLowerCase();
      const hostname = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]!;
      if (hostname && !allowed.has(hostname)) {
        throw new StudioError('FORBIDDEN', `Host "${hostname}" is not allowed; add it to TANDEM_ALLOWED_HOSTS`, { details: { field: 'host' } });
      }
      lastAllowedHost = sent;
    }
    const origin = c.req.header('origin');
    if (origin !== undefined && !safeMethods.has(c.req.method)) {
      let expected: string;
      let actual: string;
      try {
        expected = requestOrigin(c, options.trustProxy);
        actual = new URL(origin).origin;
      } catch {
        actual = 'null';
        expected = '';
      }
      if (actual === 'null' || actual !== expected) {
        throw new StudioError('FORBIDDEN', `Cross-origin request from ${origin} refused`, { details: { field: 'origin' } });
      }
    }
    return next();
  };
}
