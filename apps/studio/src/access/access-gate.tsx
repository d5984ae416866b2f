import { useEffect, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { setUnauthenticatedHandler } from '../api/http.ts';
import { sessionKeys, sessionQuery } from '../api/session.ts';
import { Button } from '../ui/button.tsx';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { PageSpinner } from '../ui/spinner.tsx';
import { SetupPage } from './setup-page.tsx';
import { SignInPage } from './sign-in-page.tsx';

/**
 * Shows the studio to whoever may see it: with access control off, or once signed in. Otherwise the
 * owner setup page (no account yet) or the sign-in page, whatever the URL; a 401 from any request
 * (the session ended) brings the sign-in page back.
 */
export function AccessGate({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const { data: session, error, isPending, refetch } = useQuery(sessionQuery());
  useEffect(() => {
    setUnauthenticatedHandler(() => void queryClient.invalidateQueries({ queryKey: sessionKeys.all }));
    return () => setUnauthenticatedHandler(undefined);
  }, [queryClient]);

  if (isPending) return <PageSpinner label="Loading…" />;
  if (error) {
    return (
      <div className="mx-auto max-w-xl p-10">
        <ErrorPanel error={error} title="Cannot reach the Tandem server" action={<Button size="sm" onClick={() => void refetch()}>Try again</Button>} />
      </div>
    );
  }
  if (session.accessControl && !session.user) return session.setupRequired ? <SetupPage /> : <SignInPage />;
  return <>{children}</>;
}
