import { Hono } from 'hono';
import { StudioError } from '@tandem/shared';
import type { AccessService } from '../access/access-service.ts';

const positiveInteger = (value: string | undefined, field: string): number | undefined => {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new StudioError('VALIDATION_FAILED', `${field} must be a positive integer`, { details: { field } });
  return number;
};

/** `GET /api/audit` (owner): security changes and sign-ins, newest first (`?before=<id>&limit=`). */
export function auditRoutes(access: AccessService) {
  return new Hono().get('/', async (c) => {
    const before = positiveInteger(c.req.query('before'), 'before');
    const limit = positiveInteger(c.req.query('limit'), 'limit');
    return c.json({ entries: await access.store.audit.list({ ...(before ? { before } : {}), ...(limit ? { limit } : {}) }) });
  });
}
