import { useQueryClient } from '@tanstack/react-query';
import { LogOut, UserRound } from 'lucide-react';
import { signOut } from '../api/session.ts';
import { applySessionChange } from './apply-session-change.ts';
import { Badge } from '../ui/badge.tsx';
import { Button } from '../ui/button.tsx';
import { toast } from '../ui/toast.tsx';
import { Tooltip } from '../ui/tooltip.tsx';
import { useAccess } from './use-access.ts';

/** Top bar, right: who is signed in, their role and sign out; or that sign-in is off. */
export function AccountMenu() {
  const queryClient = useQueryClient();
  const { session } = useAccess();
  if (!session) return null;
  if (!session.accessControl) {
    return (
      <Tooltip content="Loopback with no accounts: anyone on this machine can use the studio. Create an owner in Settings to require sign-in.">
        <span data-testid="access-open">
          <Badge tone="amber">No sign-in</Badge>
        </span>
      </Tooltip>
    );
  }
  if (!session.user) return null;
  const leave = async () => {
    try {
      await signOut();
    } catch (error) {
      toast('Could not sign out', { description: (error as Error).message, tone: 'error' });
      return;
    }
    await applySessionChange(queryClient);
  };
  return (
    <div className="flex min-w-0 items-center gap-2" data-testid="account-menu">
      <UserRound className="size-4 shrink-0 text-zinc-400" />
      <span className="truncate text-[13px] text-zinc-700" data-testid="signed-in-email">
        {session.user.email}
      </span>
      <Badge tone={session.user.role === 'owner' ? 'accent' : session.user.role === 'editor' ? 'blue' : 'neutral'} data-testid="signed-in-role">
        {session.user.role}
      </Badge>
      <Button size="sm" variant="ghost" onClick={() => void leave()} data-testid="sign-out">
        <LogOut />
        Sign out
      </Button>
    </div>
  );
}
