import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { createUserBodySchema, updateUserBodySchema } from '@tandem/shared';
import type { AccessService } from '../access/access-service.ts';
import { hashPassword } from '../access/passwords.ts';
import { parseBody } from '../middleware/parse-body.ts';

/** `/api/users` (owner): accounts and their roles; every change is audited. */
export function userRoutes(access: AccessService) {
  const { store } = access;
  return new Hono()
    .get('/', async (c) => c.json({ users: await store.users.list() }))
    .post('/', async (c) => {
      const body = await parseBody(c, createUserBodySchema);
      const user = await store.users.create({ id: randomUUID(), email: body.email, role: body.role, passwordHash: await hashPassword(body.password) });
      await access.audit(c.get('principal'), 'user.created', user.email, { role: user.role });
      return c.json(user, 201);
    })
    .patch('/:id', async (c) => {
      const body = await parseBody(c, updateUserBodySchema);
      const principal = c.get('principal');
      const user = await store.users.update(c.req.param('id'), {
        ...(body.email !== undefined ? { email: body.email } : {}),
        ...(body.role !== undefined ? { role: body.role } : {}),
        ...(body.password !== undefined ? { passwordHash: await hashPassword(body.password) } : {}),
      });
      // A new password ends the account's other sessions (the caller's own stays).
      if (body.password !== undefined) await store.sessions.deleteForUser(user.id, principal.kind === 'user' ? principal.sessionId : undefined);
      const changed = Object.keys(body).filter((field) => field !== 'password');
      await access.audit(principal, 'user.updated', user.email, { fields: body.password !== undefined ? [...changed, 'password'] : changed, ...(body.role ? { role: body.role } : {}) });
      return c.json(user);
    })
    .delete('/:id', async (c) => {
      const user = await store.users.delete(c.req.param('id'));
      // A departing account's keys stop working with it.
      const revokedKeys = await store.apiKeys.revokeCreatedBy(user.id);
      await access.audit(c.get('principal'), 'user.deleted', user.email, { revokedKeys });
      return c.body(null, 204);
    });
}
