import { and, desc, eq, isNull } from 'drizzle-orm';
import { StudioError, type ApiKeyLimits, type ApiKeyScope, type ApiKeyView } from '@tandem/shared';
import type { TandemDatabase } from '../client.ts';
import { apiKeys } from '../schema.ts';

/** A stored key as found by its hash. */
export interface ApiKeyRecord extends ApiKeyView {
  source: 'stored';
}

/** API keys, stored as SHA-256 hashes. */
export interface ApiKeysRepository {
  create(key: { id: string; name: string; prefix: string; keyHash: string; scopes: ApiKeyScope[]; limits?: ApiKeyLimits; createdBy?: string }): ApiKeyRecord;
  /** The key with this hash unless it was revoked. */
  findActiveByHash(keyHash: string): ApiKeyRecord | undefined;
  /** Every key, revoked ones included, newest first. */
  list(): ApiKeyRecord[];
  /** Marks a key revoked; NOT_FOUND when missing, CONFLICT when already revoked. */
  revoke(id: string): ApiKeyRecord;
  /** Revokes every active key an account created; answers how many. */
  revokeCreatedBy(userId: string): number;
  /** Records that a key was used at `at`. */
  markUsed(id: string, at: number): void;
}

/** A stored key row as its record (the Postgres adapter reads the same columns). */
export function toApiKeyRecord(row: typeof apiKeys.$inferSelect): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    source: 'stored',
    createdAt: row.createdAt,
    ...(row.limits ? { limits: row.limits } : {}),
    ...(row.createdBy ? { createdBy: row.createdBy } : {}),
    ...(row.lastUsedAt !== null ? { lastUsedAt: row.lastUsedAt } : {}),
    ...(row.revokedAt !== null ? { revokedAt: row.revokedAt } : {}),
  };
}

/** Creates the API keys repository over an open database. */
export function createApiKeysRepository(database: TandemDatabase): ApiKeysRepository {
  const { db } = database;
  const byId = (id: string) => db.select().from(apiKeys).where(eq(apiKeys.id, id)).get();
  return {
    create(key) {
      db.insert(apiKeys)
        .values({ ...key, limits: key.limits ?? null, createdBy: key.createdBy ?? null, createdAt: Date.now() })
        .run();
      return toApiKeyRecord(byId(key.id)!);
    },
    findActiveByHash(keyHash) {
      const row = db.select().from(apiKeys).where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt))).get();
      return row ? toApiKeyRecord(row) : undefined;
    },
    list: () => db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt), apiKeys.id).all().map(toApiKeyRecord),
    revoke(id) {
      const row = byId(id);
      if (!row) throw new StudioError('NOT_FOUND', `No API key "${id}"`, { details: { id } });
      if (row.revokedAt !== null) throw new StudioError('CONFLICT', `API key "${row.name}" is already revoked`, { details: { id } });
      db.update(apiKeys).set({ revokedAt: Date.now() }).where(eq(apiKeys.id, id)).run();
      return toApiKeyRecord(byId(id)!);
    },
    revokeCreatedBy(userId) {
      return db.update(apiKeys).set({ revokedAt: Date.now() }).where(and(eq(apiKeys.createdBy, userId), isNull(apiKeys.revokedAt))).run().changes;
    },
    markUsed(id, at) {
      db.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, id)).run();
    },
  };
}
