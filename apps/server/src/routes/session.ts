import { Hono } from 'hono';
import { setupOwnerBodySchema, signInBodySchema } from '@tandem/shared';
import type { AccessService } from '../access/access-service.ts';
import { clientInfo } from '../access/client-info.ts';
import { clearSessionCookie, writeSessionCookie } from '../access/session-cookie.ts';
import { parseBody } from '../middleware/parse-body.ts';

const cookieMaxAgeSeconds = 30 * 24 * 60 * 60;

/** `/api/session` (sign in, who am I, sign out) and `/api/setup` (the first owner). */
export function sessionRoutes(access: AccessService, options: { trustProxy: boolean }) {
  return new Hono()
    .post('/session', async (c) => {
      const body = await parseBody(c, signInBodySchema);
      const { token, view } = await access.signIn(body.email, body.password, clientInfo(c, options.trustProxy));
      writeSessionCookie(c, token, { trustProxy: options.trustProxy, maxAgeSeconds: cookieMaxAgeSeconds });
      return c.json(view);
    })
    .get('/session', async (c) => c.json(await access.describe(c.get('principal'))))
    .delete('/session', async (c) => {
      await access.signOut(c.get('principal'));
      clearSessionCookie(c, options);
      return c.body(null, 204);
    })
    .post('/setup', async (c) => {
      const body = await parseBody(c, setupOwnerBodySchema);
      const { token, view } = await access.setupOwner(body, c.get('principal'), clientInfo(c, options.trustProxy));
      writeSessionCookie(c, token, { trustProxy: options.trustProxy, maxAgeSeconds: cookieMaxAgeSeconds });
      return c.json(view, 201);
    });
}
