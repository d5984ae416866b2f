import { queryOptions } from '@tanstack/react-query';
import type { ModelInfo } from '@tandem/shared';
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
