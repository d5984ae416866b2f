import { useQuery } from '@tanstack/react-query';
import type { AuditEntry } from '@tandem/shared';
import { auditQuery } from '../api/access.ts';
import { Card, CardBody, CardHeader, CardTitle } from '../ui/card.tsx';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { formatDateTime } from '../ui/format.ts';
import { Spinner } from '../ui/spinner.tsx';

const actionLabels: Record<string, string> = {
  'settings.updated': 'changed settings',
  'user.created': 'added account',
  'user.updated': 'changed account',
  'user.deleted': 'removed account',
  'key.created': 'created API key',
  'key.revoked': 'revoked API key',
  'owner.created': 'created the owner',
  'sign-in': 'signed in',
  'sign-in.failed': 'failed to sign in',
  'sign-out': 'signed out',
};

function describeDetails(entry: AuditEntry): string {
  const details = entry.details as Record<string, unknown> | undefined;
  if (!details) return '';
  if (entry.action === 'settings.updated') return `allow-list: ${(details.after as string[] | undefined)?.join(', ') || 'empty'}`;
  if (Array.isArray(details.scopes)) return `scopes ${(details.scopes as string[]).join(', ')}`;
  if (typeof details.role === 'string') return `role ${details.role}`;
  if (typeof details.address === 'string') return `from ${details.address}`;
  return '';
}

/** Settings → Audit log: security changes and sign-ins, newest first. */
export function AuditSection() {
  const { data, error, isPending } = useQuery(auditQuery());
  return (
    <Card data-testid="audit-section">
      <CardHeader>
        <CardTitle>Audit log</CardTitle>
      </CardHeader>
      <CardBody className="p-0">
        {isPending ? <div className="p-4"><Spinner label="Loading the audit log…" /></div> : null}
        {error ? <div className="p-4"><ErrorPanel error={error} title="Could not load the audit log" /></div> : null}
        {data && data.length === 0 ? <p className="p-4 text-[13px] text-zinc-500">Nothing recorded yet.</p> : null}
        {data && data.length > 0 ? (
          <div className="max-h-96 overflow-y-auto">
            <table className="w-full text-left text-[13px]" data-testid="audit-table">
              <thead className="sticky top-0 bg-zinc-50 text-xs text-zinc-500">
                <tr>
                  <th className="px-4 py-2 font-medium">When</th>
                  <th className="px-4 py-2 font-medium">Who</th>
                  <th className="px-4 py-2 font-medium">What</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100">
                {data.map((entry) => (
                  <tr key={entry.id} data-testid="audit-entry" data-action={entry.action}>
                    <td className="px-4 py-2 whitespace-nowrap text-zinc-500">{formatDateTime(entry.at)}</td>
                    <td className="max-w-48 truncate px-4 py-2 text-zinc-800">{entry.actor}</td>
                    <td className="px-4 py-2 text-zinc-800">
                      {actionLabels[entry.action] ?? entry.action}
                      {entry.target ? <span className="font-medium"> {entry.target}</span> : null}
                      {describeDetails(entry) ? <span className="text-zinc-500"> · {describeDetails(entry)}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </CardBody>
    </Card>
  );
}
