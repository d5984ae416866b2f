import type { MiddlewareHandler } from 'hono';
import { StudioError } from '@tandem/shared';
import { findAccessRule, metricsAccess, type AccessRule } from './access-policy.ts';
import type { AccessService } from './access-service.ts';
import { roleAtLeast, type Principal } from './principal.ts';
import { sameSecret } from './secret-tokens.ts';
import { readSessionCookie } from './session-cookie.ts';

/** Options of {@link accessControl}. */
export interface AccessControlOptions {
  access: AccessService;
  /** `/metrics` without credentials (TANDEM_METRICS_PUBLIC). */
  metricsPublic: boolean;
  /** True when TANDEM_API_KEYS is set: `/v1` then needs a key even with access control off. */
  environmentKeys: boolean;
  rules?: readonly AccessRule[];
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const bearerPattern = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

const unauthenticated = (message: string) => new StudioError('UNAUTHENTICATED', message);
const forbidden = (message: string, details?: unknown) => new StudioError('FORBIDDEN', message, details === undefined ? {} : { details });

/** Finds who the request is; a malformed or unknown bearer key is a 401 whatever the mode. */
async function resolvePrincipal(authorization: string | undefined, sessionToken: () => string | undefined, accessControl: boolean, access: AccessService): Promise<Principal> {
  if (authorization !== undefined) {
    const token = bearerPattern.exec(authorization)?.[1];
    if (!token) throw unauthenticated('Send the key as "Authorization: Bearer <key>"');
    const key = await access.findKey(token);
    if (!key) throw unauthenticated('The API key is unknown or was revoked');
    return key;
  }
  if (!accessControl) return { kind: 'local' };
  const token = sessionToken();
  return (token ? await access.findSession(token) : undefined) ?? { kind: 'anonymous' };
}

function authorize(rule: AccessRule, principal: Principal, context: { accessControl: boolean; setupRequired: boolean; metricsPublic: boolean; environmentKeys: boolean }): void {
  if (rule.access === 'public' || (rule.access === 'metrics' && context.metricsPublic)) return;
  const access = rule.access === 'metrics' ? metricsAccess : rule.access;
  const needsV1Key = access.role === null && access.scopes.includes('v1');
  if (!context.accessControl) {
    // Open (loopback, no accounts): everything, except /v1 while TANDEM_API_KEYS asks for a key.
    if (!(needsV1Key && context.environmentKeys)) return;
    if (principal.kind === 'key' && principal.scopes.includes('v1')) return;
    if (principal.kind === 'key') throw forbidden('This API key lacks the v1 scope', { scopes: ['v1'] });
    throw unauthenticated('Send an API key as "Authorization: Bearer <key>"');
  }
  switch (principal.kind) {
    case 'local':
      return;
    case 'key':
      if (access.scopes.some((scope) => principal.scopes.includes(scope))) return;
      throw forbidden(`This API key needs the ${access.scopes.join(' or ')} scope`, { scopes: access.scopes });
    case 'user':
      if (access.role !== null && roleAtLeast(principal.user.role, access.role)) return;
      throw forbidden(access.role === null ? 'This API takes API keys, not a signed-in session' : `This needs the ${access.role} role; you are ${principal.user.role}`, { role: access.role });
    case 'anonymous':
      throw unauthenticated(
        context.setupRequired ? 'No account exists yet: create the owner with the setup link the server printed' : needsV1Key ? 'Send an API key as "Authorization: Bearer <key>"' : 'Sign in, or send an API key as "Authorization: Bearer <key>"',
      );
  }
}

/**
 * Access control for every route (DESIGN.md §10): finds the route's rule (none: 404), finds who the
 * request is (bearer key, session cookie, or the local person when access control is off), refuses
 * with 401 or 403, and checks the CSRF token of every write made with a session cookie.
 */
export function accessControl(options: AccessControlOptions): MiddlewareHandler {
  return async (c, next) => {
    const rule = findAccessRule(c.req.method, c.req.path, options.rules);
    if (!rule) throw new StudioError('NOT_FOUND', `No route ${c.req.method} ${c.req.path}`);
    const { accessControl: on, setupRequired } = await options.access.state();
    // The cookie is parsed only when it can matter: access control on, and no key sent.
    const principal = await resolvePrincipal(c.req.header('authorization'), () => readSessionCookie(c), on, options.access);
    c.set('principal', principal);
    authorize(rule, principal, { accessControl: on, setupRequired, metricsPublic: options.metricsPublic, environmentKeys: options.environmentKeys });
    if (principal.kind === 'user' && unsafeMethods.has(c.req.method) && rule.csrf !== false) {
      const sent = c.req.header('x-csrf-token');
      if (!sent || !sameSecret(sent, principal.csrfToken)) {
        throw forbidden('The CSRF token is missing or wrong: send X-CSRF-Token as GET /api/session gives it', { field: 'x-csrf-token' });
      }
    }
    await next();
  };
}
