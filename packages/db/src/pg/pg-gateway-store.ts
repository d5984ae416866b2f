import { gatewayConfigKey, type GatewayStore, type ProviderSettingsStore, type RateLimitStore } from '../gateway-store/gateway-store.ts';
import type { TandemPostgres } from './pg-client.ts';
import { createPgCompletionCache } from './pg-completion-cache.ts';
import { createPgRequestLog } from './pg-request-log.ts';
import { createPgSemanticCache } from './pg-semantic-cache.ts';

/** Fixed windows in `rate_limits`, counted by one atomic upsert, so hits from every node add up. */
function createPgRateLimits(postgres: TandemPostgres): RateLimitStore {
  const { pool } = postgres;
  return {
    async peek(key, windowMs, now) {
      const { rows } = await pool.query<{ window_start: number; count: number }>('SELECT window_start, count FROM rate_limits WHERE key = $1', [key]);
      const row = rows[0];
      if (!row || row.window_start + windowMs <= now) return { count: 0, resetsAt: now + windowMs };
      return { count: row.count, resetsAt: row.window_start + windowMs };
    },
    async hit(key, windowMs, now, amount = 1) {
      // A window that ended is replaced by one opening now; otherwise the amount is added under the row's lock.
      const { rows } = await pool.query<{ window_start: number; count: number }>(
        `INSERT INTO rate_limits (key, window_start, count) VALUES ($1, $2, $3)
           ON CONFLICT (key) DO UPDATE SET
             window_start = CASE WHEN rate_limits.window_start + $4 <= $2 THEN $2 ELSE rate_limits.window_start END,
             count = CASE WHEN rate_limits.window_start + $4 <= $2 THEN $3 ELSE rate_limits.count + $3 END
           RETURNING window_start, count`,
        [key, now, amount, windowMs],
      );
      const row = rows[0]!;
      return { count: row.count, resetsAt: row.window_start + windowMs };
    },
  };
}

/** The gateway configuration in `settings` and the sealed provider keys in `provider_secrets`. */
function createPgProviderSettings(postgres: TandemPostgres): ProviderSettingsStore {
  const { pool } = postgres;
  return {
    async readGatewayConfig() {
      const { rows } = await pool.query<{ value: unknown }>('SELECT value FROM settings WHERE key = $1', [gatewayConfigKey]);
      return rows[0]?.value;
    },
    async writeGatewayConfig(config) {
      // Serialized here: node-postgres would send a JavaScript array as a Postgres array, not JSON.
      await pool.query('INSERT INTO settings (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [gatewayConfigKey, JSON.stringify(config)]);
    },
    async listProviderKeys() {
      const { rows } = await pool.query<{ provider: string; sealed: string; last4: string; updated_at: number }>(
        'SELECT provider, sealed, last4, updated_at FROM provider_secrets ORDER BY provider COLLATE "C"',
      );
      return rows.map((row) => ({ provider: row.provider, sealed: row.sealed, last4: row.last4, updatedAt: row.updated_at }));
    },
    async putProviderKey(provider, sealed, last4) {
      await pool.query(
        `INSERT INTO provider_secrets (provider, sealed, last4, updated_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (provider) DO UPDATE SET sealed = excluded.sealed, last4 = excluded.last4, updated_at = excluded.updated_at`,
        [provider, sealed, last4, Date.now()],
      );
    },
    async deleteProviderKey(provider) {
      const { rowCount } = await pool.query('DELETE FROM provider_secrets WHERE provider = $1', [provider]);
      return (rowCount ?? 0) > 0;
    },
  };
}

/**
 * The gateway store on Postgres (the same tables as SQLite's): limits counted across every web node, one
 * request log, shared provider settings and keys, and both caches shared by web nodes and workers.
 */
export function createPgGatewayStore(postgres: TandemPostgres, options: { now?: () => number } = {}): GatewayStore {
  return {
    rateLimits: createPgRateLimits(postgres),
    requestLog: createPgRequestLog(postgres),
    providerSettings: createPgProviderSettings(postgres),
    completions: createPgCompletionCache(postgres, options),
    semantic: createPgSemanticCache(postgres, options),
  };
}
