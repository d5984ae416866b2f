import { Hono } from 'hono';
import type { StudioApi } from '../services/studio-api.ts';

/** Models, server functions and the inbox of waiting person steps. */
export function catalogRoutes(studio: Pick<StudioApi, 'models' | 'functions' | 'runStore'>) {
  return new Hono()
    .get('/providers/models', (c) => c.json({ models: studio.models.listModels() }))
    .get('/functions', (c) => c.json({ functions: studio.functions.list() }))
    .get('/inbox', async (c) => c.json({ items: await studio.runStore.listWaiting() }));
}
