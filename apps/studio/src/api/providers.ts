import { queryOptions } from '@tanstack/react-query';
import type { ModelInfo, PoolConfig, ProvidersView, PutProviderBody } from '@tandem/shared';
import { requestJson } from './http.ts';

/** Models the server can call (the simulator's say so). */
export function modelsQuery() {
  return queryOptions({
    queryKey: ['providers', 'models'] as const,
    queryFn: ({ signal }) => requestJson<{ models: ModelInfo[] }>('/api/providers/models', { signal }).then((body) => body.models),
    staleTime: 5 * 60_000,
  });
}

export interface ServerFunction {
  name: string;
  description: string;
}

/** TypeScript functions registered on the server, for `activity` nodes. */
export function functionsQuery() {
  return queryOptions({
    queryKey: ['functions'] as const,
    queryFn: ({ signal }) => requestJson<{ functions: ServerFunction[] }>('/api/functions', { signal }).then((body) => body.functions),
    staleTime: 5 * 60_000,
  });
}

export const gatewayKeys = { providers: ['providers', 'view'] as const, monitoring: ['monitoring'] as const };

/** Providers with their health and pools with their members' breakers; refreshed every 2 s while shown. */
export function providersQuery() {
  return queryOptions({
    queryKey: gatewayKeys.providers,
    queryFn: ({ signal }) => requestJson<ProvidersView>('/api/providers', { signal }),
    refetchInterval: 2000,
  });
}

/** Adds or changes a provider; the key, when given, is stored sealed on the server and never sent back. */
export const putProvider = (name: string, body: PutProviderBody) => requestJson<ProvidersView['providers'][number]>(`/api/providers/${encodeURIComponent(name)}`, { method: 'PUT', body });
export const deleteProvider = (name: string) => requestJson<void>(`/api/providers/${encodeURIComponent(name)}`, { method: 'DELETE' });
export const putPool = (name: string, body: PoolConfig) => requestJson<ProvidersView['pools'][number]>(`/api/providers/pools/${encodeURIComponent(name)}`, { method: 'PUT', body });
export const deletePool = (name: string) => requestJson<void>(`/api/providers/pools/${encodeURIComponent(name)}`, { method: 'DELETE' });

/** The answer of a provider's test call. */
export type ProviderTestResult = { ok: true; model: string; latencyMs: number } | { ok: false; model: string; latencyMs: number; error: { code: string; message: string } };
export const testProvider = (name: string) => requestJson<ProviderTestResult>(`/api/providers/${encodeURIComponent(name)}/test`, { method: 'POST', body: {} });
