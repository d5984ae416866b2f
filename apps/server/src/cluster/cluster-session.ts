import { Hono } from 'hono';
import type { SessionView } from '@tandem/shared';

/**
 * `GET /api/session` on a web node while accounts and sign-in live in the single process only: a
 * loopback node without keys is a one-person tool (no sign-in, the owner's role, as the single process
 * on loopback with no accounts); a node with keys is reached with a key, which the key check already
 * verified before this answers.
 */
export function clusterSessionRoutes(options: { keysRequired: boolean }) {
  const view: SessionView = options.keysRequired
    ? { accessControl: true, setupRequired: false, via: 'key' }
    : { accessControl: false, setupRequired: false, via: 'local', role: 'owner' };
  return new Hono().get('/session', (c) => c.json(view));
}
