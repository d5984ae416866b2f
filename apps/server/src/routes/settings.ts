import { Hono } from 'hono';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import type { AccessService } from '../access/access-service.ts';
import { parseBody } from '../middleware/parse-body.ts';

const hostnamePattern = /^(\*\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** True for a host name, an IP address, or a CIDR range whose prefix fits its address family. */
function isHostOrCidr(entry: string): boolean {
  if (entry.includes('/')) {
    try {
      ipaddr.parseCIDR(entry);
      return true;
    } catch {
      return false;
    }
  }
  return ipaddr.isValid(entry) || hostnamePattern.test(entry);
}

/** True for a CIDR range so wide it allows every address (`0.0.0.0/0`, `::/0`): that turns the guard off. */
function allowsEverything(entry: string): boolean {
  if (!entry.includes('/')) return false;
  try {
    return ipaddr.parseCIDR(entry)[1] === 0;
  } catch {
    return false;
  }
}

const hostOrCidr = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .refine(isHostOrCidr, 'must be a host name, an IP address or a CIDR range such as 10.0.0.0/8')
  .refine((entry) => !allowsEverything(entry), 'allows every address, which turns the guard off: list the ranges you need');

export const settingsSchema = z.object({
  /** Hosts or CIDR ranges HTTP activities may reach although they are private. */
  httpAllowList: z.array(hostOrCidr).max(200),
});

const allowListKey = 'http.allowList';

/** `/api/settings`: the studio's editable server settings. */
export function settingsRoutes(access: AccessService) {
  const { settings } = access.store;
  const read = async () => ({ httpAllowList: (await settings.get<string[]>(allowListKey)) ?? [] });
  return new Hono()
    .get('/', async (c) => c.json(await read()))
    .put('/', async (c) => {
      const body = await parseBody(c, settingsSchema);
      const before = (await read()).httpAllowList;
      await settings.set(allowListKey, body.httpAllowList);
      await access.audit(c.get('principal'), 'settings.updated', 'httpAllowList', { before, after: body.httpAllowList });
      return c.json(await read());
    });
}
