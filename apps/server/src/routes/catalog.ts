import { Hono } from 'hono';
import type { ServerContext } from '../context.ts';

/** Models, server functions and the inbox of waiting person steps. */
export function catalogRoutes(context: ServerContext) {
  return new Hono()
    .get('/providers/models', (c) => c.json({ models: context.models.listModels() }))
    .get('/functions', (c) => c.json({ functions: context.functions.list() }))
    .get('/inbox', (c) => c.json({ items: context.repositories.inbox.listWaiting() }));
}
