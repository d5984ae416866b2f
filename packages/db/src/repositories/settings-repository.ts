import { eq } from 'drizzle-orm';
import type { TandemDatabase } from '../client.ts';
import { settings } from '../schema.ts';

/** Server settings as JSON values by key (the HTTP allow-list, the orchestration config, …). */
export interface SettingsRepository {
  /** The value stored under `key`, or undefined. The caller vouches for `T` (validate if unsure). */
  get<T>(key: string): T | undefined;
  /** Stores `value` (any JSON value) under `key`, replacing what was there. */
  set(key: string, value: unknown): void;
  /** Removes `key`; answers whether it existed. */
  delete(key: string): boolean;
}

/** Creates the settings repository over an open database. */
export function createSettingsRepository(database: TandemDatabase): SettingsRepository {
  const { db } = database;
  return {
    get<T>(key: string) {
      const row = db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get();
      return row === undefined ? undefined : (row.value as T);
    },
    set(key, value) {
      if (value === undefined) throw new TypeError(`Setting "${key}" cannot be undefined; use delete()`);
      db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
    },
    delete(key) {
      return db.delete(settings).where(eq(settings.key, key)).run().changes > 0;
    },
  };
}
