import { queryOptions } from '@tanstack/react-query';
import type { InboxItem } from '@tandem/shared';
import { requestJson } from './http.ts';

export const inboxKeys = { all: ['inbox'] as const };

/** Waiting user steps; polled so new ones appear without a reload. */
export function inboxQuery() {
  return queryOptions({
    queryKey: inboxKeys.all,
    queryFn: ({ signal }) => requestJson<{ items: InboxItem[] }>('/api/inbox', { signal }).then((body) => body.items),
    refetchInterval: 2000,
  });
}
