import { asc, eq, sql } from 'drizzle-orm';
import { StudioError, type UserRole, type UserView } from '@tandem/shared';
import type { TandemDatabase } from '../client.ts';
import { users } from '../schema.ts';

/** An account with its password hash (never sent to a browser). */
export interface UserRecord extends UserView {
  passwordHash: string;
}

/** Stores accounts. Every change that would leave no owner is refused with CONFLICT. */
export interface UsersRepository {
  /**
   * Creates an account; CONFLICT when the email is taken, when the first account is not an owner, or
   * (with `onlyIfFirst`, the first-owner setup) when any account exists already.
   */
  create(user: { id: string; email: string; passwordHash: string; role: UserRole }, options?: { onlyIfFirst?: boolean }): UserView;
  get(id: string): UserRecord | undefined;
  getByEmail(email: string): UserRecord | undefined;
  /** Every account, oldest first. */
  list(): UserView[];
  /** True when at least one account exists (access control is then on). */
  any(): boolean;
  /** Changes email, password hash or role; NOT_FOUND when missing. */
  update(id: string, changes: { email?: string; passwordHash?: string; role?: UserRole }): UserView;
  /** Deletes an account (its sessions go with it); NOT_FOUND when missing. */
  delete(id: string): UserView;
}

function toView(row: typeof users.$inferSelect): UserView {
  return { id: row.id, email: row.email, role: row.role, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

/** The first-owner setup came second. */
export const ownerExists = (): StudioError => new StudioError('CONFLICT', 'The owner account already exists: sign in instead', { details: { field: 'email' } });

function notFound(id: string): StudioError {
  return new StudioError('NOT_FOUND', `No account "${id}"`, { details: { id } });
}

/** Creates the accounts repository over an open database. */
export function createUsersRepository(database: TandemDatabase): UsersRepository {
  const { db } = database;
  const byId = (id: string) => db.select().from(users).where(eq(users.id, id)).get();
  const owners = () => db.select({ count: sql<number>`count(*)` }).from(users).where(eq(users.role, 'owner')).get()?.count ?? 0;
  const emailTaken = (email: string, exceptId?: string) => {
    const row = db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
    return row !== undefined && row.id !== exceptId;
  };
  const conflictOnEmail = (email: string) => new StudioError('CONFLICT', `An account with the email "${email}" already exists`, { details: { field: 'email' } });

  const create = database.sqlite.transaction((user: { id: string; email: string; passwordHash: string; role: UserRole }, onlyIfFirst: boolean) => {
    const first = db.select({ id: users.id }).from(users).limit(1).get() === undefined;
    if (onlyIfFirst && !first) throw ownerExists();
    if (emailTaken(user.email)) throw conflictOnEmail(user.email);
    if (first && user.role !== 'owner') {
      throw new StudioError('CONFLICT', 'The first account must be an owner', { details: { field: 'role' } });
    }
    const now = Date.now();
    db.insert(users).values({ ...user, createdAt: now, updatedAt: now }).run();
    return toView(byId(user.id)!);
  });

  const update = database.sqlite.transaction((id: string, changes: { email?: string; passwordHash?: string; role?: UserRole }) => {
    const row = byId(id);
    if (!row) throw notFound(id);
    if (changes.email !== undefined && emailTaken(changes.email, id)) throw conflictOnEmail(changes.email);
    if (row.role === 'owner' && changes.role !== undefined && changes.role !== 'owner' && owners() <= 1) {
      throw new StudioError('CONFLICT', 'This is the last owner: make another account an owner first', { details: { field: 'role' } });
    }
    const set = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    db.update(users).set({ ...set, updatedAt: Date.now() }).where(eq(users.id, id)).run();
    return toView(byId(id)!);
  });

  const remove = database.sqlite.transaction((id: string) => {
    const row = byId(id);
    if (!row) throw notFound(id);
    if (row.role === 'owner' && owners() <= 1) {
      throw new StudioError('CONFLICT', 'This is the last owner and cannot be deleted', { details: { id } });
    }
    db.delete(users).where(eq(users.id, id)).run();
    return toView(row);
  });

  return {
    create: (user, options) => create.immediate(user, options?.onlyIfFirst ?? false),
    get: (id) => {
      const row = byId(id);
      return row ? { ...toView(row), passwordHash: row.passwordHash } : undefined;
    },
    getByEmail(email) {
      const row = db.select().from(users).where(eq(users.email, email)).get();
      return row ? { ...toView(row), passwordHash: row.passwordHash } : undefined;
    },
    list: () => db.select().from(users).orderBy(asc(users.createdAt), asc(users.email)).all().map(toView),
    any: () => db.select({ id: users.id }).from(users).limit(1).get() !== undefined,
    update: (id, changes) => update.immediate(id, changes),
    delete: (id) => remove.immediate(id),
  };
}
