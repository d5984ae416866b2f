import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { createUserBodySchema, updateUserBodySchema } from '@tandem/shared';
import type { ServerContext } from '../context.ts';
import { hashPassword } from '../access/passwords.ts';
import { parseBody } from '../middleware/parse-body.ts';

/** `/api/users` (owner): accounts and their roles; every change is audited. */
export function userRoutes(context: ServerContext) {
  const { repositories, access } = context;
  return new Hono()
    .get('/', (c) => c.json({ users: repositories.users.list() }))
    .post('/', async (c) => {
      const body = await parseBody(c, createUserBodySchema);
      const user = repositories.users.create({ id: randomUUID(), email: body.email, role: body.role, passwordHash: await hashPassword(body.password) });
      access.audit(c.get('principal'), 'user.created', user.email, { role: user.role });
      return c.json(user, 201);
    })
    .patch('/:id', async (c) => {
      const body = await parseBody(c, updateUserBodySchema);
      const principal = c.get('principal');
      const user = repositories.users.update(c.req.param('id'), {
        ...(body.email !== undefined ? { email: body.email } : {}),
        ...(body.role !== undefined ? { role: body.role } : {}),
        ...(body.password !== undefined ? { passwordHash: await hashPassword(body.password) } : {}),
      });
      // A new password ends the account's other sessions (the caller's own stays).
      if (body.password !== undefined) repositories.sessions.deleteForUser(user.id, principal.kind === 'user' ? principal.sessionId : undefined);
      const changed = Object.keys(body).filter((field) => field !== 'password');
      access.audit(principal, 'user.updated', user.email, { fields: body.password !== undefined ? [...changed, 'password'] : changed, ...(body.role ? { role: body.role } : {}) });
      return c.json(user);
    })
    .delete('/:id', (c) => {
      const user = repositories.users.delete(c.req.param('id'));
      // A departing account's keys stop working with it.
      const revokedKeys = repositories.apiKeys.revokeCreatedBy(user.id);
      access.audit(c.get('principal'), 'user.deleted', user.email, { revokedKeys });
      return c.body(null, 204);
    });
}
