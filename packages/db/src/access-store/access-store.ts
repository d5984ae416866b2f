import type { ApiKeysRepository } from '../repositories/api-keys-repository.ts';
import type { AuditRepository } from '../repositories/audit-repository.ts';
import type { RateLimitsRepository } from '../repositories/rate-limits-repository.ts';
import type { SessionsRepository } from '../repositories/sessions-repository.ts';
import type { UsersRepository } from '../repositories/users-repository.ts';

/**
 * The asynchronous form of a synchronous repository: the same methods, each answering a promise
 * (a thrown StudioError becomes a rejection with the same code).
 */
export type Asynchronous<Repository> = {
  [Method in keyof Repository]: Repository[Method] extends (...args: infer Args) => infer Result ? (...args: Args) => Promise<Result> : never;
};

/** Accounts, as {@link UsersRepository} describes them (an owner always remains). */
export type UsersStore = Asynchronous<UsersRepository>;
/** Browser sessions, as {@link SessionsRepository} describes them. */
export type SessionsStore = Asynchronous<SessionsRepository>;
/** API keys stored as hashes, as {@link ApiKeysRepository} describes them. */
export type ApiKeysStore = Asynchronous<ApiKeysRepository>;
/** The append-only audit log, as {@link AuditRepository} describes it. */
export type AuditStore = Asynchronous<AuditRepository>;
/** The fixed-window counters sign-in throttling uses (the `rate_limits` table). */
export type SignInCountersStore = Asynchronous<Pick<RateLimitsRepository, 'peek' | 'hit' | 'reset'>>;

/** Server settings as JSON values by key (generic reads do not survive a mapped type, hence spelled out). */
export interface SettingsStore {
  /** The value stored under `key`, or undefined. The caller vouches for `T` (validate if unsure). */
  get<T>(key: string): Promise<T | undefined>;
  /** Stores `value` (any JSON value) under `key`, replacing what was there. */
  set(key: string, value: unknown): Promise<void>;
  /** Removes `key`; answers whether it existed. */
  delete(key: string): Promise<boolean>;
}

/**
 * What access control needs from storage (DESIGN.md §10): accounts, sessions, API keys, the audit log,
 * settings and the sign-in counters. One port, two adapters: `createSqliteAccessStore` (the
 * single-process repositories behind it) and `createPgAccessStore` (every web node of a cluster over
 * one Postgres). `access-store.contract.ts` runs against both.
 */
export interface AccessStore {
  users: UsersStore;
  sessions: SessionsStore;
  apiKeys: ApiKeysStore;
  audit: AuditStore;
  settings: SettingsStore;
  signInCounters: SignInCountersStore;
}
