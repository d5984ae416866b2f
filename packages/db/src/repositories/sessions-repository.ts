import { and, eq, gt, lt, ne } from 'drizzle-orm';
import type { UserView } from '@tandem/shared';
import type { TandemDatabase } from '../client.ts';
import { sessions, users } from '../schema.ts';

/** A live session with its account. */
export interface SessionRecord {
  /** The SHA-256 of the cookie token. */
  id: string;
  user: UserView;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

/** Browser sessions, found by the hash of their cookie token. */
export interface SessionsRepository {
  create(session: { id: string; userId: string; csrfToken: string; expiresAt: number; userAgent?: string; ip?: string }): void;
  /** The session and its account when it exists and has not expired at `now`. */
  find(id: string, now: number): SessionRecord | undefined;
  /** Records activity and moves the expiry (sliding idle timeout). */
  touch(id: string, now: number, expiresAt: number): void;
  delete(id: string): void;
  /** Ends every session of an account except `keepId` (after a password change). */
  deleteForUser(userId: string, keepId?: string): number;
  /** Removes expired sessions; answers how many. */
  deleteExpired(now: number): number;
}

/** Creates the sessions repository over an open database. */
export function createSessionsRepository(database: TandemDatabase): SessionsRepository {
  const { db } = database;
  return {
    create(session) {
      const now = Date.now();
      db.insert(sessions)
        .values({ ...session, userAgent: session.userAgent ?? null, ip: session.ip ?? null, createdAt: now, lastSeenAt: now })
        .run();
    },
    find(id, now) {
      const row = db
        .select({ session: sessions, user: users })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)))
        .get();
      if (!row) return undefined;
      const { user } = row;
      return {
        id: row.session.id,
        csrfToken: row.session.csrfToken,
        createdAt: row.session.createdAt,
        lastSeenAt: row.session.lastSeenAt,
        expiresAt: row.session.expiresAt,
        user: { id: user.id, email: user.email, role: user.role, createdAt: user.createdAt, updatedAt: user.updatedAt },
      };
    },
    touch(id, now, expiresAt) {
      db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, id)).run();
    },
    delete(id) {
      db.delete(sessions).where(eq(sessions.id, id)).run();
    },
    deleteForUser(userId, keepId) {
      const condition = keepId ? and(eq(sessions.userId, userId), ne(sessions.id, keepId)) : eq(sessions.userId, userId);
      return db.delete(sessions).where(condition).run().changes;
    },
    deleteExpired(now) {
      return db.delete(sessions).where(lt(sessions.expiresAt, now)).run().changes;
    },
  };
}
