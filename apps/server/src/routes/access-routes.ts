import { Hono } from 'hono';
import type { AccessService } from '../access/access-service.ts';
import { apiKeyRoutes } from './api-keys.ts';
import { auditRoutes } from './audit.ts';
import { sessionRoutes } from './session.ts';
import { settingsRoutes } from './settings.ts';
import { userRoutes } from './users.ts';

/**
 * The access API under `/api` (DESIGN.md §10): session and first-owner setup, accounts, keys, the
 * audit log and settings. The single process and every web node of a cluster mount this same group;
 * only the store behind `access` differs (SQLite or Postgres).
 */
export function accessRoutes(access: AccessService, options: { trustProxy: boolean }) {
  return new Hono()
    .route('/', sessionRoutes(access, options))
    .route('/users', userRoutes(access))
    .route('/keys', apiKeyRoutes(access))
    .route('/audit', auditRoutes(access))
    .route('/settings', settingsRoutes(access));
}
