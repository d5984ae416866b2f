import { desc, lt } from 'drizzle-orm';
import type { AuditEntry } from '@tandem/shared';
import type { TandemDatabase } from '../client.ts';
import { auditLog } from '../schema.ts';

/** The audit log of security changes and sign-ins: append and read, never edit. */
export interface AuditRepository {
  append(entry: { actor: string; action: string; target?: string; details?: unknown; at?: number }): AuditEntry;
  /** Newest first; `before` is an entry id for paging; `limit` defaults to 100 (at most 500). */
  list(query?: { before?: number; limit?: number }): AuditEntry[];
}

/** An audit row as its entry (the Postgres adapter reads the same columns). */
export function toAuditEntry(row: typeof auditLog.$inferSelect): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    ...(row.target !== null ? { target: row.target } : {}),
    ...(row.details !== null && row.details !== undefined ? { details: row.details } : {}),
  };
}

/** Creates the audit repository over an open database. */
export function createAuditRepository(database: TandemDatabase): AuditRepository {
  const { db } = database;
  return {
    append(entry) {
      const row = db
        .insert(auditLog)
        .values({ at: entry.at ?? Date.now(), actor: entry.actor, action: entry.action, target: entry.target ?? null, details: entry.details ?? null })
        .returning()
        .get();
      return toAuditEntry(row);
    },
    list(query = {}) {
      const limit = Math.min(Math.max(Math.trunc(query.limit ?? 100), 1), 500);
      const base = db.select().from(auditLog);
      const filtered = query.before !== undefined ? base.where(lt(auditLog.id, query.before)) : base;
      return filtered.orderBy(desc(auditLog.id)).limit(limit).all().map(toAuditEntry);
    },
  };
}
