import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Trash2, UserPlus } from 'lucide-react';
import { userRoles, type UserRole, type UserView } from '@tandem/shared';
import { accessKeys, createUser, deleteUser, updateUser, usersQuery } from '../api/access.ts';
import { sessionKeys } from '../api/session.ts';
import { useAccess } from '../access/use-access.ts';
import { OwnerSetupForm } from '../access/owner-setup-form.tsx';
import { Button } from '../ui/button.tsx';
import { Card, CardBody, CardHeader, CardTitle } from '../ui/card.tsx';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { formatRelativeTime } from '../ui/format.ts';
import { Input } from '../ui/input.tsx';
import { Select } from '../ui/select.tsx';
import { Spinner } from '../ui/spinner.tsx';
import { toast } from '../ui/toast.tsx';
import { useAsyncAction } from '../ui/use-async-action.ts';

const roleOptions = userRoles.map((role) => ({ value: role, label: role[0]!.toUpperCase() + role.slice(1) }));

function AddAccountForm() {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<UserRole>('editor');
  const { busy, error, run } = useAsyncAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await run(() => createUser({ email, password, role }))) {
      toast(`Account ${email} created`, { tone: 'success' });
      setEmail('');
      setPassword('');
      await queryClient.invalidateQueries({ queryKey: accessKeys.users });
      await queryClient.invalidateQueries({ queryKey: accessKeys.audit });
    }
  };
  return (
    <form className="space-y-2 border-t border-zinc-100 pt-3" onSubmit={(event) => void submit(event)} data-testid="add-account-form">
      <p className="text-xs font-medium text-zinc-700">Add an account</p>
      <div className="grid gap-2 sm:grid-cols-[1fr_1fr_8rem_auto]">
        <Input aria-label="Email" type="email" placeholder="name@example.com" required value={email} onChange={(event) => setEmail(event.target.value)} data-testid="add-account-email" />
        <Input aria-label="Password" type="password" placeholder="Password" title="At least 10 characters" required minLength={10} autoComplete="new-password" value={password} onChange={(event) => setPassword(event.target.value)} data-testid="add-account-password" />
        <Select aria-label="Role" value={role} options={roleOptions} onValueChange={(value) => setRole(value as UserRole)} data-testid="add-account-role" />
        <Button type="submit" variant="primary" disabled={busy} data-testid="add-account-submit">
          <UserPlus />
          Add
        </Button>
      </div>
      {error ? <p className="text-[13px] text-red-700" role="alert" data-testid="add-account-error">{error}</p> : null}
    </form>
  );
}

function AccountRow({ user, isSelf }: { user: UserView; isSelf: boolean }) {
  const queryClient = useQueryClient();
  const [removing, setRemoving] = useState(false);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: accessKeys.users });
    await queryClient.invalidateQueries({ queryKey: accessKeys.audit });
    if (isSelf) await queryClient.invalidateQueries({ queryKey: sessionKeys.all });
  };
  const changeRole = async (role: string) => {
    try {
      await updateUser(user.id, { role: role as UserRole });
      toast(`${user.email} is now ${role}`, { tone: 'success' });
    } catch (error) {
      toast('Role not changed', { description: (error as Error).message, tone: 'error' });
    }
    await refresh();
  };
  return (
    <li className="flex flex-wrap items-center gap-3 py-2" data-testid="account-row" data-email={user.email}>
      <div className="min-w-0 flex-1">
        <p className="truncate text-[13px] font-medium text-zinc-900">
          {user.email}
          {isSelf ? <span className="ml-1.5 text-xs font-normal text-zinc-500">(you)</span> : null}
        </p>
        <p className="text-xs text-zinc-500">Added {formatRelativeTime(user.createdAt)}</p>
      </div>
      <div className="w-32">
        <Select aria-label={`Role of ${user.email}`} value={user.role} options={roleOptions} onValueChange={(value) => void changeRole(value)} data-testid="account-role" />
      </div>
      <Button size="icon" variant="danger-ghost" aria-label={`Remove ${user.email}`} onClick={() => setRemoving(true)} data-testid="account-remove">
        <Trash2 />
      </Button>
      <ConfirmDialog
        open={removing}
        onOpenChange={setRemoving}
        title={`Remove ${user.email}?`}
        description="The account is deleted, its sessions end and the API keys it created are revoked."
        confirmLabel="Remove account"
        danger
        onConfirm={async () => {
          await deleteUser(user.id);
          await refresh();
        }}
      />
    </li>
  );
}

/** Settings → Users: accounts and roles (owner), or creating the owner while sign-in is off. */
export function UsersSection() {
  const { session } = useAccess();
  const accessControl = session?.accessControl ?? false;
  const { data, error, isPending } = useQuery({ ...usersQuery(), enabled: accessControl });
  return (
    <Card data-testid="users-section">
      <CardHeader>
        <CardTitle>Users</CardTitle>
      </CardHeader>
      <CardBody className="space-y-3">
        {!accessControl ? (
          <div className="space-y-3">
            <p className="text-[13px] text-zinc-600" data-testid="access-off-explanation">
              Sign-in is off: this server listens on loopback and has no accounts, so anyone using this machine can use the studio. Create the owner account
              to require sign-in; the owner then adds accounts for others (viewers read, editors also edit and run).
            </p>
            <div className="max-w-sm">
              <OwnerSetupForm needsToken={false} submitLabel="Create the owner and turn on sign-in" />
            </div>
          </div>
        ) : (
          <>
            <p className="text-[13px] text-zinc-600">Viewers read pipelines and runs; editors also change and run them; owners also manage accounts, API keys and security settings.</p>
            {isPending ? <Spinner label="Loading accounts…" /> : null}
            {error ? <ErrorPanel error={error} title="Could not load the accounts" /> : null}
            {data ? (
              <ul className="divide-y divide-zinc-100" data-testid="account-list">
                {data.map((user) => (
                  <AccountRow key={user.id} user={user} isSelf={user.id === session?.user?.id} />
                ))}
              </ul>
            ) : null}
            <AddAccountForm />
          </>
        )}
      </CardBody>
    </Card>
  );
}
