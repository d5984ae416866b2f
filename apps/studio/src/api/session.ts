import { queryOptions } from '@tanstack/react-query';
import type { SessionView } from '@tandem/shared';
import { requestJson, setCsrfToken } from './http.ts';

export const sessionKeys = { all: ['session'] as const };

/** Who is signed in, and whether sign-in is on (`GET /api/session`). Keeps the CSRF token for writes. */
export function sessionQuery() {
  return queryOptions({
    queryKey: sessionKeys.all,
    queryFn: async ({ signal }) => {
      const session = await requestJson<SessionView>('/api/session', { signal });
      setCsrfToken(session.csrfToken);
      return session;
    },
    staleTime: 60_000,
  });
}

/** Signs in; the server sets the session cookie. */
export async function signIn(email: string, password: string): Promise<SessionView> {
  const session = await requestJson<SessionView>('/api/session', { method: 'POST', body: { email, password } });
  setCsrfToken(session.csrfToken);
  return session;
}

/** Signs out and forgets the CSRF token. */
export async function signOut(): Promise<void> {
  await requestJson('/api/session', { method: 'DELETE' });
  setCsrfToken(undefined);
}

/** Creates the first owner (with the setup token printed by the server, when it asks for one) and signs in. */
export async function setupOwner(body: { email: string; password: string; token?: string }): Promise<SessionView> {
  const session = await requestJson<SessionView>('/api/setup', { method: 'POST', body });
  setCsrfToken(session.csrfToken);
  return session;
}
