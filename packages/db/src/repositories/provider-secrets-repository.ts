import { eq } from 'drizzle-orm';
import type { TandemDatabase } from '../client.ts';
import { providerSecrets } from '../schema.ts';

/** A provider key as listed: never the key, only its last four characters. */
export interface ProviderSecretView {
  provider: string;
  last4: string;
  updatedAt: number;
}

/** Provider keys, sealed (encrypted) by the caller before they reach this table. */
export interface ProviderSecretsRepository {
  /** Stores (or replaces) the sealed key of `provider`. */
  put(provider: string, sealed: string, last4: string): void;
  /** The sealed key of `provider`, or undefined. */
  sealed(provider: string): string | undefined;
  list(): ProviderSecretView[];
  /** Removes the key of `provider`; answers whether there was one. */
  delete(provider: string): boolean;
}

/** Creates the provider secrets repository over an open database. */
export function createProviderSecretsRepository(database: TandemDatabase): ProviderSecretsRepository {
  const { db } = database;
  return {
    put(provider, sealed, last4) {
      const row = { sealed, last4, updatedAt: Date.now() };
      db.insert(providerSecrets).values({ provider, ...row }).onConflictDoUpdate({ target: providerSecrets.provider, set: row }).run();
    },
    sealed: (provider) => db.select({ sealed: providerSecrets.sealed }).from(providerSecrets).where(eq(providerSecrets.provider, provider)).get()?.sealed,
    list: () => db.select({ provider: providerSecrets.provider, last4: providerSecrets.last4, updatedAt: providerSecrets.updatedAt }).from(providerSecrets).all(),
    delete: (provider) => db.delete(providerSecrets).where(eq(providerSecrets.provider, provider)).run().changes > 0,
  };
}
