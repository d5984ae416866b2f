import { useQuery } from '@tanstack/react-query';
import { settingsQuery } from '../api/settings.ts';
import { useAccess } from '../access/use-access.ts';
import { Button } from '../ui/button.tsx';
import { Card, CardBody, CardHeader, CardTitle } from '../ui/card.tsx';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { PageSpinner } from '../ui/spinner.tsx';
import { AllowListEditor } from './allow-list-editor.tsx';
import { ApiKeysSection } from './api-keys-section.tsx';
import { AuditSection } from './audit-section.tsx';
import { UsersSection } from './users-section.tsx';

/** `/settings`: the HTTP activity allow-list, and for an owner, users, API keys and the audit log. */
export function SettingsPage() {
  const { data, error, isPending, refetch } = useQuery(settingsQuery());
  const { isOwner, session } = useAccess();
  return (
    <div className="space-y-6" data-testid="settings-page">
        <p className="text-zinc-500">
          Settings of this Tandem server. Saved changes apply to the next request of every run.
          {session?.accessControl && !isOwner ? ' Only an owner can change them.' : ''}
        </p>
        {isPending ? <PageSpinner label="Loading settings…" /> : null}
        {error ? <ErrorPanel error={error} title="Could not load the settings" action={<Button size="sm" onClick={() => void refetch()}>Try again</Button>} /> : null}
        {data ? (
          <Card>
            <CardHeader>
              <CardTitle>HTTP activity allow-list</CardTitle>
            </CardHeader>
            <CardBody className="space-y-4">
              <div className="space-y-2 text-[13px] text-zinc-600" data-testid="allow-list-explanation">
                <p>
                  HTTP activities refuse <strong className="font-medium text-zinc-800">private</strong> (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7),{' '}
                  <strong className="font-medium text-zinc-800">loopback</strong> (127.0.0.0/8, ::1), <strong className="font-medium text-zinc-800">link-local</strong>{' '}
                  (169.254.0.0/16, fe80::/10) and cloud <strong className="font-medium text-zinc-800">metadata</strong> addresses (169.254.169.254), also when a
                  host name resolves to one, unless the host or range is listed here.
                </p>
                <p>
                  Enter a host name (<code className="font-mono text-xs">api.internal.example</code>, <code className="font-mono text-xs">*.corp.example</code>), an IP
                  address or a CIDR range. Hosts in the server’s <code className="font-mono text-xs">TANDEM_HTTP_ALLOW</code> variable are allowed as well.
                </p>
              </div>
              {isOwner ? (
                // Remounts (dropping the draft) only when the saved value itself changes.
                <AllowListEditor key={JSON.stringify(data.httpAllowList)} saved={data} />
              ) : (
                <ul className="space-y-1 font-mono text-[12.5px] text-zinc-800" data-testid="allow-list-read-only">
                  {data.httpAllowList.length === 0 ? <li className="font-sans text-zinc-500">Nothing is listed.</li> : data.httpAllowList.map((entry) => <li key={entry}>{entry}</li>)}
                </ul>
              )}
            </CardBody>
          </Card>
        ) : null}
        {isOwner ? (
          <>
            <UsersSection />
            <ApiKeysSection />
            <AuditSection />
          </>
        ) : null}
    </div>
  );
}
