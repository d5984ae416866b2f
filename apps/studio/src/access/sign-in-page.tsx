import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { LogIn } from 'lucide-react';
import { signIn } from '../api/session.ts';
import { Button } from '../ui/button.tsx';
import { Field } from '../ui/field.tsx';
import { Input } from '../ui/input.tsx';
import { useAsyncAction } from '../ui/use-async-action.ts';
import { applySessionChange } from './apply-session-change.ts';
import { AuthLayout } from './auth-layout.tsx';

/** Shown instead of any screen while access control is on and nobody is signed in. */
export function SignInPage() {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAsyncAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => applySessionChange(queryClient, await signIn(email, password)));
  };
  return (
    <AuthLayout testId="sign-in-page" title="Sign in" description="This Tandem server requires an account. Ask its owner for one if you have none.">
      <form className="space-y-4" onSubmit={(event) => void submit(event)}>
        <Field label="Email" htmlFor="sign-in-email">
          <Input id="sign-in-email" type="email" autoComplete="username" required value={email} onChange={(event) => setEmail(event.target.value)} data-testid="sign-in-email" />
        </Field>
        <Field label="Password" htmlFor="sign-in-password">
          <Input id="sign-in-password" type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} data-testid="sign-in-password" />
        </Field>
        {error ? (
          <p className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-[13px] text-red-700" role="alert" data-testid="sign-in-error">
            {error}
          </p>
        ) : null}
        <Button type="submit" variant="primary" className="w-full justify-center" disabled={busy} data-testid="sign-in-submit">
          <LogIn />
          {busy ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
    </AuthLayout>
  );
}
