import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { createApiKeyBodySchema, StudioError, type CreatedApiKey } from '@tandem/shared';
import type { AccessService } from '../access/access-service.ts';
import { newApiKey } from '../access/secret-tokens.ts';
import { parseBody } from '../middleware/parse-body.ts';

/** `/api/keys` (owner): API keys, shown in clear only in the answer that creates them. */
export function apiKeyRoutes(access: AccessService) {
  const { store } = access;
  return new Hono()
    .get('/', async (c) => c.json({ keys: [...(await store.apiKeys.list()), ...access.environmentKeyViews()] }))
    .post('/', async (c) => {
      const body = await parseBody(c, createApiKeyBodySchema);
      const principal = c.get('principal');
      const { key, prefix, hash } = newApiKey();
      const view = await store.apiKeys.create({
        id: randomUUID(),
        name: body.name,
        prefix,
        keyHash: hash,
        scopes: body.scopes,
        ...(body.limits && Object.keys(body.limits).length > 0 ? { limits: body.limits } : {}),
        ...(principal.kind === 'user' ? { createdBy: principal.user.id } : {}),
      });
      await access.audit(principal, 'key.created', view.name, { id: view.id, scopes: view.scopes, ...(view.limits ? { limits: view.limits } : {}) });
      return c.json({ id: view.id, key, view } satisfies CreatedApiKey, 201);
    })
    .delete('/:id', async (c) => {
      const id = c.req.param('id');
      if (id.startsWith('env-')) {
        throw new StudioError('CONFLICT', 'This key is defined in TANDEM_API_KEYS: remove it there and restart the server', { details: { id } });
      }
      const view = await store.apiKeys.revoke(id);
      await access.audit(c.get('principal'), 'key.revoked', view.name, { id });
      return c.json(view);
    });
}
