import { useQuery } from '@tanstack/react-query';
import type { SessionView, UserRole } from '@tandem/shared';
import { sessionQuery } from '../api/session.ts';

/** What the current person may do, from `GET /api/session`. */
export interface Access {
  session: SessionView | undefined;
  /** Change pipelines, start and answer runs (editor or owner, or access control off). */
  canEdit: boolean;
  /** Manage accounts, keys and security settings (owner, or access control off). */
  isOwner: boolean;
  role: UserRole | undefined;
}

const ranks: Record<UserRole, number> = { viewer: 0, editor: 1, owner: 2 };

/** Reads the session (already loaded by the access gate) and answers the person's rights. */
export function useAccess(): Access {
  const { data: session } = useQuery(sessionQuery());
  const role = session?.role;
  return {
    session,
    role,
    canEdit: role !== undefined && ranks[role] >= ranks.editor,
    isOwner: role === 'owner',
  };
}
