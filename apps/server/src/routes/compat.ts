import { Hono } from 'hono';
import { parseBody } from '../middleware/parse-body.ts';
import { generateBodySchema, orchestrationConfigPatchSchema, type createOrchestrationCompat } from '../services/orchestration-compat.ts';

/** The two-model orchestration API: `POST /generate`, `GET|PUT /config/orchestration`. */
export function compatRoutes(compat: ReturnType<typeof createOrchestrationCompat>) {
  return new Hono()
    .post('/generate', async (c) => c.json(await compat.generate(await parseBody(c, generateBodySchema))))
    .get('/config/orchestration', (c) => c.json(compat.getConfig()))
    .put('/config/orchestration', async (c) => c.json(compat.updateConfig(await parseBody(c, orchestrationConfigPatchSchema))));
}
