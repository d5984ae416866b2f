import { Hono } from 'hono';
import { z } from 'zod';
import type { ServerContext } from '../context.ts';
import { parseBody } from '../middleware/parse-body.ts';

const hostOrCidr = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^(\*\.)?[A-Za-z0-9.-]+(\/\d{1,3})?$|^[0-9a-fA-F:]+(\/\d{1,3})?$/, 'must be a host name, an IP address or a CIDR range such as 10.0.0.0/8');

export const settingsSchema = z.object({
  /** Hosts or CIDR ranges HTTP activities may reach although they are private. */
  httpAllowList: z.array(hostOrCidr).max(200),
});

const allowListKey = 'http.allowList';

/** `/api/settings`: the studio's editable server settings. */
export function settingsRoutes(context: ServerContext) {
  const read = () => ({ httpAllowList: context.repositories.settings.get<string[]>(allowListKey) ?? [] });
  return new Hono()
    .get('/', (c) => c.json(read()))
    .put('/', async (c) => {
      const body = await parseBody(c, settingsSchema);
      context.repositories.settings.set(allowListKey, body.httpAllowList);
      return c.json(read());
    });
}
