import { randomUUID } from 'node:crypto';
import type { ApiKeyScope, UserRole } from '@tandem/shared';
import { newApiKey, newToken, sha256 } from '../access/secret-tokens.ts';
import { sessionCookieName } from '../access/session-cookie.ts';
import type { createTestServer } from './test-server.ts';

type TestServer = ReturnType<typeof createTestServer>;

/** Headers that authenticate a request, and for writes, pass the CSRF check. */
export interface TestCredentials {
  headers: Record<string, string>;
}

/**
 * An account of `role` with a fresh session (an owner is made first if none exists, since the
 * first account must be one). Sessions are made through the repositories: no password hashing.
 */
export function signedInAs(server: TestServer, role: UserRole, email = `${role}-${randomUUID().slice(0, 8)}@example.test`): TestCredentials & { userId: string; csrfToken: string } {
  const { repositories } = server.context;
  if (!repositories.users.any() && role !== 'owner') signedInAs(server, 'owner');
  const existing = repositories.users.getByEmail(email);
  const user = existing ?? repositories.users.create({ id: randomUUID(), email, passwordHash: 'not-a-real-hash', role });
  const token = newToken();
  const csrfToken = newToken(24);
  repositories.sessions.create({ id: sha256(token), userId: user.id, csrfToken, expiresAt: Date.now() + 60 * 60_000 });
  return { userId: user.id, csrfToken, headers: { cookie: `${sessionCookieName}=${token}`, 'x-csrf-token': csrfToken } };
}

/** A stored API key with `scopes`. */
export function keyWith(server: TestServer, scopes: ApiKeyScope[]): TestCredentials & { key: string; id: string } {
  const { key, prefix, hash } = newApiKey();
  const id = randomUUID();
  server.context.repositories.apiKeys.create({ id, name: `test ${scopes.join('+')}`, prefix, keyHash: hash, scopes });
  return { key, id, headers: { authorization: `Bearer ${key}` } };
}
