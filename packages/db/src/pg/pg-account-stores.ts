import { and, asc, eq, gt, lt, ne, sql } from 'drizzle-orm';
import { StudioError, type UserRole, type UserView } from '@tandem/shared';
import type { SessionsStore, UsersStore } from '../access-store/access-store.ts';
import { ownerExists } from '../repositories/users-repository.ts';
import type { PgDrizzleDatabase } from './pg-client.ts';
import { sessions, users } from './pg-schema.ts';

type UserRow = typeof users.$inferSelect;

const toView = (row: UserRow): UserView => ({ id: row.id, email: row.email, role: row.role, createdAt: row.createdAt, updatedAt: row.updatedAt });
const toRecord = (row: UserRow) => ({ ...toView(row), passwordHash: row.passwordHash });
const notFound = (id: string) => new StudioError('NOT_FOUND', `No account "${id}"`, { details: { id } });
const conflictOnEmail = (email: string) => new StudioError('CONFLICT', `An account with the email "${email}" already exists`, { details: { field: 'email' } });

/** The advisory lock every change of accounts takes ("tanu"): two nodes can never both remove "the other" last owner. */
const accountsLockKey = 0x74616e75;

/** Accounts on Postgres: changes run one at a time across the cluster, so the last owner always remains. */
export function createPgUsersStore(db: PgDrizzleDatabase): UsersStore {
  type Transaction = Parameters<Parameters<PgDrizzleDatabase['transaction']>[0]>[0];
  const locked = <T>(work: (tx: Transaction) => Promise<T>) =>
    db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${accountsLockKey})`);
      return work(tx);
    });
  const byId = async (tx: Transaction | PgDrizzleDatabase, id: string) => (await tx.select().from(users).where(eq(users.id, id)))[0];
  const emailTaken = async (tx: Transaction, email: string, exceptId?: string) => {
    const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    return row !== undefined && row.id !== exceptId;
  };
  const owners = async (tx: Transaction) => (await tx.select({ count: sql<number>`count(*)::int` }).from(users).where(eq(users.role, 'owner')))[0]?.count ?? 0;

  return {
    create: (user: { id: string; email: string; passwordHash: string; role: UserRole }, options?: { onlyIfFirst?: boolean }) =>
      locked(async (tx) => {
        const first = (await tx.select({ id: users.id }).from(users).limit(1)).length === 0;
        if (options?.onlyIfFirst && !first) throw ownerExists();
        if (await emailTaken(tx, user.email)) throw conflictOnEmail(user.email);
        if (first && user.role !== 'owner') throw new StudioError('CONFLICT', 'The first account must be an owner', { details: { field: 'role' } });
        const now = Date.now();
        const [row] = await tx.insert(users).values({ ...user, createdAt: now, updatedAt: now }).returning();
        return toView(row!);
      }),
    async get(id) {
      const row = await byId(db, id);
      return row ? toRecord(row) : undefined;
    },
    async getByEmail(email) {
      const [row] = await db.select().from(users).where(eq(users.email, email));
      return row ? toRecord(row) : undefined;
    },
    list: async () => (await db.select().from(users).orderBy(asc(users.createdAt), asc(users.email))).map(toView),
    any: async () => (await db.select({ id: users.id }).from(users).limit(1)).length > 0,
    update: (id, changes) =>
      locked(async (tx) => {
        const row = await byId(tx, id);
        if (!row) throw notFound(id);
        if (changes.email !== undefined && (await emailTaken(tx, changes.email, id))) throw conflictOnEmail(changes.email);
        if (row.role === 'owner' && changes.role !== undefined && changes.role !== 'owner' && (await owners(tx)) <= 1) {
          throw new StudioError('CONFLICT', 'This is the last owner: make another account an owner first', { details: { field: 'role' } });
        }
        const set = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
        const [updated] = await tx.update(users).set({ ...set, updatedAt: Date.now() }).where(eq(users.id, id)).returning();
        return toView(updated!);
      }),
    delete: (id) =>
      locked(async (tx) => {
        const row = await byId(tx, id);
        if (!row) throw notFound(id);
        if (row.role === 'owner' && (await owners(tx)) <= 1) throw new StudioError('CONFLICT', 'This is the last owner and cannot be deleted', { details: { id } });
        await tx.delete(users).where(eq(users.id, id));
        return toView(row);
      }),
  };
}

/** Browser sessions on Postgres: every web node reads the same rows, so a sign-out or a deleted account ends a session everywhere at once. */
export function createPgSessionsStore(db: PgDrizzleDatabase): SessionsStore {
  return {
    async create(session) {
      const now = Date.now();
      await db.insert(sessions).values({ ...session, userAgent: session.userAgent ?? null, ip: session.ip ?? null, createdAt: now, lastSeenAt: now });
    },
    async find(id, now) {
      const [row] = await db
        .select({ session: sessions, user: users })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)));
      if (!row) return undefined;
      const { session } = row;
      return { id: session.id, csrfToken: session.csrfToken, createdAt: session.createdAt, lastSeenAt: session.lastSeenAt, expiresAt: session.expiresAt, user: toView(row.user) };
    },
    async touch(id, now, expiresAt) {
      await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, id));
    },
    async delete(id) {
      await db.delete(sessions).where(eq(sessions.id, id));
    },
    async deleteForUser(userId, keepId) {
      const condition = keepId ? and(eq(sessions.userId, userId), ne(sessions.id, keepId)) : eq(sessions.userId, userId);
      return (await db.delete(sessions).where(condition)).rowCount ?? 0;
    },
    async deleteExpired(now) {
      return (await db.delete(sessions).where(lt(sessions.expiresAt, now))).rowCount ?? 0;
    },
  };
}
