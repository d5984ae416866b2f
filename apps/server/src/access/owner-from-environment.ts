import { randomUUID } from 'node:crypto';
import type { UserRole } from '@tandem/shared';
import type { Repositories } from '@tandem/db';
import { hashPasswordSync } from './passwords.ts';

/** The account TANDEM_OWNER_EMAIL / TANDEM_OWNER_PASSWORD describe, ready to store (the email normalised, the password hashed). */
export function environmentOwner(email: string, password: string): { id: string; email: string; passwordHash: string; role: UserRole } {
  return { id: randomUUID(), email: normaliseEmail(email), passwordHash: hashPasswordSync(password), role: 'owner' };
}

/** Emails are compared trimmed and lower-cased. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** The audit entry of an owner created from the environment. */
export const environmentOwnerAudit = (email: string) => ({ actor: 'environment', action: 'owner.created', target: email });

/**
 * Creates the owner from the environment at the single process's start, synchronously over its
 * SQLite repositories (so the server is protected before its first request). Web nodes use
 * `AccessService.ensureOwnerFromEnvironment`, which does the same through the asynchronous store.
 */
export function ensureOwnerFromEnvironmentSync(repositories: Pick<Repositories, 'users' | 'audit'>, email: string, password: string): 'created' | 'exists' {
  if (repositories.users.getByEmail(normaliseEmail(email))) return 'exists';
  const owner = environmentOwner(email, password);
  repositories.users.create(owner);
  repositories.audit.append(environmentOwnerAudit(owner.email));
  return 'created';
}
