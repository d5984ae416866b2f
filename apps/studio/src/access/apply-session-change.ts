import type { QueryClient } from '@tanstack/react-query';
import type { SessionView } from '@tandem/shared';
import { sessionKeys } from '../api/session.ts';

/**
 * After signing in, setting up the owner or signing out: everything cached belonged to the previous
 * person, so it is dropped; the new session (when known) is shown at once and then re-read.
 */
export async function applySessionChange(queryClient: QueryClient, session?: SessionView): Promise<void> {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKeys.all[0] });
  if (session) queryClient.setQueryData(sessionKeys.all, session);
  await queryClient.invalidateQueries({ queryKey: sessionKeys.all });
}
