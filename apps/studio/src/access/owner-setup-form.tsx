import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ShieldCheck } from 'lucide-react';
import { setupOwner } from '../api/session.ts';
import { Button } from '../ui/button.tsx';
import { Field } from '../ui/field.tsx';
import { Input } from '../ui/input.tsx';
import { useAsyncAction } from '../ui/use-async-action.ts';
import { applySessionChange } from './apply-session-change.ts';

/** Email, password (twice) and, when the server asks for it, the setup token: creates the owner and signs in. */
export function OwnerSetupForm({ needsToken, initialToken = '', submitLabel = 'Create the owner account' }: { needsToken: boolean; initialToken?: string; submitLabel?: string }) {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [token, setToken] = useState(initialToken);
  const { busy, error, setError, run } = useAsyncAction();
  const mismatch = repeated !== '' && repeated !== password;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password !== repeated) return setError('The two passwords differ');
    // Once signed in, the router's `/setup` route leads on to the pipelines.
    await run(async () => applySessionChange(queryClient, await setupOwner({ email, password, ...(needsToken ? { token } : {}) })));
  };
  return (
    <form className="space-y-4" onSubmit={(event) => void submit(event)} data-testid="owner-setup-form">
      {needsToken ? (
        <Field label="Setup token" htmlFor="setup-token" hint="Printed by the server when it started, in the setup link.">
          <Input id="setup-token" required value={token} onChange={(event) => setToken(event.target.value)} className="font-mono text-xs" data-testid="setup-token" />
        </Field>
      ) : null}
      <Field label="Email" htmlFor="setup-email">
        <Input id="setup-email" type="email" autoComplete="username" required value={email} onChange={(event) => setEmail(event.target.value)} data-testid="setup-email" />
      </Field>
      <Field label="Password" htmlFor="setup-password" hint="At least 10 characters.">
        <Input id="setup-password" type="password" autoComplete="new-password" required minLength={10} value={password} onChange={(event) => setPassword(event.target.value)} data-testid="setup-password" />
      </Field>
      <Field label="Password again" htmlFor="setup-password-again" error={mismatch ? 'The two passwords differ' : undefined}>
        <Input id="setup-password-again" type="password" autoComplete="new-password" required value={repeated} aria-invalid={mismatch} onChange={(event) => setRepeated(event.target.value)} data-testid="setup-password-again" />
      </Field>
      {error ? (
        <p className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-[13px] text-red-700" role="alert" data-testid="setup-error">
          {error}
        </p>
      ) : null}
      <Button type="submit" variant="primary" className="w-full justify-center" disabled={busy || mismatch} data-testid="setup-submit">
        <ShieldCheck />
        {busy ? 'Creating…' : submitLabel}
      </Button>
    </form>
  );
}
