import type { ApiKeyLimits, ApiKeyScope, UserRole, UserView } from '@tandem/shared';

/** Who a request is, as the access middleware found out. */
export type Principal =
  /** Access control is off (loopback, no accounts): the person at this machine, with every right. */
  | { kind: 'local' }
  /** A signed-in account (session cookie). */
  | { kind: 'user'; user: UserView; sessionId: string; csrfToken: string }
  /** An API key (`Authorization: Bearer`). */
  | { kind: 'key'; keyId: string; name: string; scopes: readonly ApiKeyScope[]; source: 'stored' | 'environment'; limits?: ApiKeyLimits }
  /** No credentials while access control is on. */
  | { kind: 'anonymous' };

declare module 'hono' {
  interface ContextVariableMap {
    principal: Principal;
  }
}

const ranks: Record<UserRole, number> = { viewer: 0, editor: 1, owner: 2 };

/** True when `role` is at least `needed`. */
export const roleAtLeast = (role: UserRole, needed: UserRole): boolean => ranks[role] >= ranks[needed];

/** How the audit log names a principal. */
export function actorOf(principal: Principal): string {
  switch (principal.kind) {
    case 'local':
      return 'local';
    case 'user':
      return principal.user.email;
    case 'key':
      return `key:${principal.name}`;
    case 'anonymous':
      return 'anonymous';
  }
}
