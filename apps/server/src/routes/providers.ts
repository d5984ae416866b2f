import { Hono } from 'hono';
import { gatewayNameSchema, poolConfigSchema, putProviderBodySchema, StudioError, type GatewayConfig } from '@tandem/shared';
import type { GatewayRoutesContext } from '../gateway/gateway-routes-context.ts';
import { parseBody } from '../middleware/parse-body.ts';

/** Names the routes under `/api/providers` use themselves. */
const reservedNames = new Set(['pools', 'models', 'monitoring', 'sim', 'pool', 'pipeline']);

function nameParam(value: string, field: string): string {
  const parsed = gatewayNameSchema.safeParse(value);
  if (!parsed.success) throw new StudioError('VALIDATION_FAILED', `${field}: ${parsed.error.issues[0]!.message}`, { details: { field } });
  return parsed.data;
}

/**
 * `/api/providers` (DESIGN.md §9): providers with their health, pools with each member's breaker,
 * pools and Settings providers edited (owner, audited), provider keys stored sealed and never
 * sent back, and a test call per provider.
 */
export function providerRoutes(context: GatewayRoutesContext) {
  const { gateway, access } = context;
  const update = async (change: (config: GatewayConfig) => GatewayConfig) => gateway.save(change(structuredClone(gateway.settings())));
  return new Hono()
    .get('/', (c) => c.json(gateway.view()))
    .put('/pools/:name', async (c) => {
      const name = nameParam(c.req.param('name'), 'name');
      const body = await parseBody(c, poolConfigSchema);
      const unknown = body.members.map((member) => member.model).filter((model) => {
        try {
          context.models.languageModel(model);
          return false;
        } catch {
          return true;
        }
      });
      if (unknown.length > 0) throw new StudioError('VALIDATION_FAILED', `members: no model ${unknown.join(', ')}`, { details: { problems: unknown.map((model) => ({ field: 'members', message: `no model ${model}` })) } });
      const existed = name in gateway.settings().pools;
      await update((config) => ({ ...config, pools: { ...config.pools, [name]: body } }));
      access.audit(c.get('principal'), existed ? 'pool.updated' : 'pool.created', name, body);
      return c.json(gateway.view().pools.find((pool) => pool.name === name), existed ? 200 : 201);
    })
    .delete('/pools/:name', async (c) => {
      const name = nameParam(c.req.param('name'), 'name');
      if (!(name in gateway.settings().pools)) throw new StudioError('NOT_FOUND', `No pool "${name}"`, { details: { field: 'name' } });
      await update((config) => {
        const { [name]: _removed, ...pools } = config.pools;
        return { ...config, pools };
      });
      access.audit(c.get('principal'), 'pool.deleted', name);
      return c.body(null, 204);
    })
    .put('/:name', async (c) => {
      const name = nameParam(c.req.param('name'), 'name');
      if (reservedNames.has(name)) throw new StudioError('VALIDATION_FAILED', `name: "${name}" is reserved`, { details: { field: 'name' } });
      const { apiKey, ...provider } = await parseBody(c, putProviderBodySchema);
      const existed = name in gateway.settings().providers;
      if (apiKey !== undefined) await gateway.storeProviderKey(name, apiKey);
      await update((config) => ({ ...config, providers: { ...config.providers, [name]: provider } }));
      access.audit(c.get('principal'), existed ? 'provider.updated' : 'provider.created', name, { baseURL: provider.baseURL, models: provider.models, keyChanged: apiKey !== undefined });
      return c.json(gateway.view().providers.find((entry) => entry.name === name), existed ? 200 : 201);
    })
    .delete('/:name', async (c) => {
      const name = nameParam(c.req.param('name'), 'name');
      if (!(name in gateway.settings().providers)) throw new StudioError('NOT_FOUND', `No provider "${name}" configured in Settings`, { details: { field: 'name' } });
      const used = Object.entries(gateway.settings().pools).find(([, pool]) => pool.members.some((member) => member.model.startsWith(`${name}:`)));
      if (used) throw new StudioError('CONFLICT', `Pool "${used[0]}" uses provider "${name}": change the pool first`, { details: { field: 'name', pool: used[0] } });
      await update((config) => {
        const { [name]: _removed, ...providers } = config.providers;
        return { ...config, providers };
      });
      await gateway.deleteProviderKey(name);
      access.audit(c.get('principal'), 'provider.deleted', name);
      return c.body(null, 204);
    })
    .post('/:name/test', async (c) => {
      const name = nameParam(c.req.param('name'), 'name');
      return c.json(await gateway.testProvider(name));
    });
}
