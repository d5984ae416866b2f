import { Hono } from 'hono';
import type { ServerContext } from '../context.ts';
import { liveResults } from '../services/live-results.ts';

/** `GET /api/pipelines/:id/live`: the live A/B results of a pipeline's traffic (single process). */
export function pipelineLiveRoutes(context: Pick<ServerContext, 'repositories' | 'pipelines'>) {
  return new Hono().get('/:id/live', (c) => {
    const nodeId = c.req.query('nodeId');
    const control = c.req.query('control');
    return c.json(liveResults(context.repositories, context.pipelines, c.req.param('id'), { ...(nodeId ? { nodeId } : {}), ...(control ? { control } : {}) }));
  });
}
