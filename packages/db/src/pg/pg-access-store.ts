import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import { StudioError, type ApiKeyLimits, type ApiKeyScope, type AuditEntry } from '@tandem/shared';
import type { AccessStore, ApiKeysStore, AuditStore, SettingsStore, SignInCountersStore } from '../access-store/access-store.ts';
import { toApiKeyRecord, type ApiKeyRecord } from '../repositories/api-keys-repository.ts';
import { toAuditEntry } from '../repositories/audit-repository.ts';
import { createPgSessionsStore, createPgUsersStore } from './pg-account-stores.ts';
import type { PgDrizzleDatabase, TandemPostgres } from './pg-client.ts';
import { apiKeys, auditLog, rateLimits, settings } from './pg-schema.ts';

function createPgApiKeysStore(db: PgDrizzleDatabase): ApiKeysStore {
  return {
    async create(key: { id: string; name: string; prefix: string; keyHash: string; scopes: ApiKeyScope[]; limits?: ApiKeyLimits; createdBy?: string }) {
      const [row] = await db
        .insert(apiKeys)
        .values({ ...key, limits: key.limits ?? null, createdBy: key.createdBy ?? null, createdAt: Date.now() })
        .returning();
      return toApiKeyRecord(row!);
    },
    async findActiveByHash(keyHash) {
      const [row] = await db.select().from(apiKeys).where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)));
      return row ? toApiKeyRecord(row) : undefined;
    },
    list: async () => (await db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt), apiKeys.id)).map(toApiKeyRecord),
    async revoke(id) {
      // One statement: of two nodes revoking the same key at once, one succeeds and the other is told it already was.
      const [revoked] = await db.update(apiKeys).set({ revokedAt: Date.now() }).where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt))).returning();
      if (revoked) return toApiKeyRecord(revoked);
      const [row] = await db.select({ name: apiKeys.name }).from(apiKeys).where(eq(apiKeys.id, id));
      if (!row) throw new StudioError('NOT_FOUND', `No API key "${id}"`, { details: { id } });
      throw new StudioError('CONFLICT', `API key "${row.name}" is already revoked`, { details: { id } });
    },
    async revokeCreatedBy(userId) {
      return (await db.update(apiKeys).set({ revokedAt: Date.now() }).where(and(eq(apiKeys.createdBy, userId), isNull(apiKeys.revokedAt)))).rowCount ?? 0;
    },
    async markUsed(id, at) {
      // Several nodes may record uses out of order: the latest time wins.
      await db
        .update(apiKeys)
        .set({ lastUsedAt: sql`greatest(coalesce(${apiKeys.lastUsedAt}, 0), ${at})` })
        .where(eq(apiKeys.id, id));
    },
  };
}


function createPgAuditStore(db: PgDrizzleDatabase): AuditStore {
  return {
    async append(entry) {
      const [row] = await db
        .insert(auditLog)
        .values({ at: entry.at ?? Date.now(), actor: entry.actor, action: entry.action, target: entry.target ?? null, details: entry.details ?? null })
        .returning();
      return toAuditEntry(row!);
    },
    async list(query = {}) {
      const limit = Math.min(Math.max(Math.trunc(query.limit ?? 100), 1), 500);
      const condition = query.before !== undefined ? lt(auditLog.id, query.before) : undefined;
      return (await db.select().from(auditLog).where(condition).orderBy(desc(auditLog.id)).limit(limit)).map(toAuditEntry);
    },
  };
}

function createPgSettingsStore(db: PgDrizzleDatabase): SettingsStore {
  return {
    async get<T>(key: string) {
      const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
      return row === undefined ? undefined : (row.value as T);
    },
    async set(key, value) {
      if (value === undefined) throw new TypeError(`Setting "${key}" cannot be undefined; use delete()`);
      await db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } });
    },
    async delete(key) {
      return ((await db.delete(settings).where(eq(settings.key, key))).rowCount ?? 0) > 0;
    },
  };
}

function createPgSignInCounters(db: PgDrizzleDatabase): SignInCountersStore {
  return {
    async peek(key, windowMs, now) {
      const [row] = await db.select().from(rateLimits).where(eq(rateLimits.key, key));
      if (!row || row.windowStart + windowMs <= now) return { count: 0, resetsAt: now + windowMs };
      return { count: row.count, resetsAt: row.windowStart + windowMs };
    },
    async hit(key, windowMs, now) {
      // One atomic upsert: hits from several nodes at once are all counted; an ended window starts again at `now`.
      const ended = sql`${rateLimits.windowStart} + ${windowMs} <= ${now}`;
      const [row] = await db
        .insert(rateLimits)
        .values({ key, windowStart: now, count: 1 })
        .onConflictDoUpdate({
          target: rateLimits.key,
          set: {
            windowStart: sql`CASE WHEN ${ended} THEN ${now}::bigint ELSE ${rateLimits.windowStart} END`,
            count: sql`CASE WHEN ${ended} THEN 1 ELSE ${rateLimits.count} + 1 END`,
          },
        })
        .returning();
      return { count: row!.count, resetsAt: row!.windowStart + windowMs };
    },
    async reset(key) {
      await db.delete(rateLimits).where(eq(rateLimits.key, key));
    },
  };
}

/**
 * The access store on Postgres (the same contract as the SQLite adapter; access-store.contract.ts runs
 * against both). Nothing is cached: every web node reads the same rows, so a revoked key or a closed
 * session is refused by every node from the next request on.
 */
export function createPgAccessStore(postgres: TandemPostgres): AccessStore {
  const { db } = postgres;
  return {
    users: createPgUsersStore(db),
    sessions: createPgSessionsStore(db),
    apiKeys: createPgApiKeysStore(db),
    audit: createPgAuditStore(db),
    settings: createPgSettingsStore(db),
    signInCounters: createPgSignInCounters(db),
  };
}
