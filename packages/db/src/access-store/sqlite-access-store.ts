import type { ApiKeysRepository } from '../repositories/api-keys-repository.ts';
import type { AuditRepository } from '../repositories/audit-repository.ts';
import type { RateLimitsRepository } from '../repositories/rate-limits-repository.ts';
import type { SessionsRepository } from '../repositories/sessions-repository.ts';
import type { SettingsRepository } from '../repositories/settings-repository.ts';
import type { UsersRepository } from '../repositories/users-repository.ts';
import type { AccessStore, Asynchronous } from './access-store.ts';

/** Wraps each method of a synchronous repository so it answers a promise (throws become rejections). */
function asynchronous<Repository extends object>(repository: Repository): Asynchronous<Repository> {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(repository)) {
    if (typeof method !== 'function') continue;
    wrapped[name] = (...args: unknown[]) => {
      try {
        return Promise.resolve((method as (...parameters: unknown[]) => unknown).apply(repository, args));
      } catch (error) {
        return Promise.reject(error);
      }
    };
  }
  return wrapped as Asynchronous<Repository>;
}

/**
 * The access store of the single process: its synchronous SQLite repositories behind the
 * asynchronous port (each call still runs at once, inside the same tick).
 */
export function createSqliteAccessStore(repositories: {
  users: UsersRepository;
  sessions: SessionsRepository;
  apiKeys: ApiKeysRepository;
  audit: AuditRepository;
  settings: SettingsRepository;
  rateLimits: RateLimitsRepository;
}): AccessStore {
  const { settings } = repositories;
  return {
    users: asynchronous(repositories.users),
    sessions: asynchronous(repositories.sessions),
    apiKeys: asynchronous(repositories.apiKeys),
    audit: asynchronous(repositories.audit),
    signInCounters: asynchronous(repositories.rateLimits),
    settings: {
      get: async <T>(key: string) => settings.get<T>(key),
      set: async (key, value) => settings.set(key, value),
      delete: async (key) => settings.delete(key),
    },
  };
}
