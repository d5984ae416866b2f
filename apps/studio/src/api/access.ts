import { queryOptions } from '@tanstack/react-query';
import type { ApiKeyLimits, ApiKeyScope, ApiKeyView, AuditEntry, CreatedApiKey, UserRole, UserView } from '@tandem/shared';
import { queryString, requestJson } from './http.ts';

export const accessKeys = {
  users: ['users'] as const,
  keys: ['api-keys'] as const,
  audit: ['audit'] as const,
};

/** Accounts (owner only). */
export function usersQuery() {
  return queryOptions({
    queryKey: accessKeys.users,
    queryFn: ({ signal }) => requestJson<{ users: UserView[] }>('/api/users', { signal }).then((body) => body.users),
  });
}

export const createUser = (body: { email: string; password: string; role: UserRole }) => requestJson<UserView>('/api/users', { method: 'POST', body });
export const updateUser = (id: string, body: { role?: UserRole; password?: string; email?: string }) =>
  requestJson<UserView>(`/api/users/${encodeURIComponent(id)}`, { method: 'PATCH', body });
export const deleteUser = (id: string) => requestJson<void>(`/api/users/${encodeURIComponent(id)}`, { method: 'DELETE' });

/** API keys, stored and from TANDEM_API_KEYS (owner only). */
export function apiKeysQuery() {
  return queryOptions({
    queryKey: accessKeys.keys,
    queryFn: ({ signal }) => requestJson<{ keys: ApiKeyView[] }>('/api/keys', { signal }).then((body) => body.keys),
  });
}

/** Creates a key; the answer holds the key in clear, the only time it is ever shown. */
export const createApiKey = (body: { name: string; scopes: ApiKeyScope[]; limits?: ApiKeyLimits }) => requestJson<CreatedApiKey>('/api/keys', { method: 'POST', body });
export const revokeApiKey = (id: string) => requestJson<ApiKeyView>(`/api/keys/${encodeURIComponent(id)}`, { method: 'DELETE' });

/** The newest audit entries (owner only). */
export function auditQuery(limit = 100) {
  return queryOptions({
    queryKey: [...accessKeys.audit, limit],
    queryFn: ({ signal }) => requestJson<{ entries: AuditEntry[] }>(`/api/audit${queryString({ limit })}`, { signal }).then((body) => body.entries),
  });
}
