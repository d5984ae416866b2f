import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { KeyRound, Plus } from 'lucide-react';
import type { ApiKeyView } from '@tandem/shared';
import { accessKeys, apiKeysQuery, revokeApiKey } from '../api/access.ts';
import { Badge } from '../ui/badge.tsx';
import { Button } from '../ui/button.tsx';
import { Card, CardBody, CardHeader, CardTitle } from '../ui/card.tsx';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { formatRelativeTime } from '../ui/format.ts';
import { Spinner } from '../ui/spinner.tsx';
import { CreateKeyDialog } from './create-key-dialog.tsx';

function limitsText(key: ApiKeyView): string | undefined {
  const parts = [key.limits?.rpm ? `${key.limits.rpm} req/min` : '', key.limits?.tpm ? `${key.limits.tpm.toLocaleString()} tokens/min` : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

function KeyRow({ apiKey }: { apiKey: ApiKeyView }) {
  const queryClient = useQueryClient();
  const [revoking, setRevoking] = useState(false);
  const revoked = apiKey.revokedAt !== undefined;
  const limits = limitsText(apiKey);
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2.5" data-testid="api-key-row" data-name={apiKey.name} data-revoked={revoked}>
      <KeyRound className="size-4 shrink-0 text-zinc-400" />
      <div className="min-w-0 flex-1">
        <p className={revoked ? 'truncate text-[13px] font-medium text-zinc-400 line-through' : 'truncate text-[13px] font-medium text-zinc-900'}>{apiKey.name}</p>
        <p className="text-xs text-zinc-500">
          {apiKey.source === 'environment' ? (
            'From TANDEM_API_KEYS on the server'
          ) : (
            <>
              <code className="font-mono">{apiKey.prefix}…</code> · created {apiKey.createdAt ? formatRelativeTime(apiKey.createdAt) : '—'} ·{' '}
              <span data-testid="api-key-last-used">{apiKey.lastUsedAt ? `used ${formatRelativeTime(apiKey.lastUsedAt)}` : 'never used'}</span>
              {limits ? ` · ${limits}` : ''}
            </>
          )}
        </p>
      </div>
      <div className="flex flex-wrap gap-1">
        {apiKey.scopes.map((scope) => (
          <Badge key={scope} tone={scope === 'admin' ? 'red' : scope === 'v1' ? 'violet' : 'blue'}>
            {scope}
          </Badge>
        ))}
      </div>
      {apiKey.source === 'environment' ? null : revoked ? (
        <Badge tone="neutral">revoked</Badge>
      ) : (
        <Button size="sm" variant="danger-ghost" onClick={() => setRevoking(true)} data-testid="api-key-revoke">
          Revoke
        </Button>
      )}
      <ConfirmDialog
        open={revoking}
        onOpenChange={setRevoking}
        title={`Revoke “${apiKey.name}”?`}
        description="Requests with this key are refused from now on. This cannot be undone."
        confirmLabel="Revoke key"
        danger
        onConfirm={async () => {
          await revokeApiKey(apiKey.id);
          await queryClient.invalidateQueries({ queryKey: accessKeys.keys });
          await queryClient.invalidateQueries({ queryKey: accessKeys.audit });
        }}
      />
    </li>
  );
}

/** Settings → API keys: create (shown once), list with scopes, limits and last use, revoke. */
export function ApiKeysSection() {
  const { data, error, isPending } = useQuery(apiKeysQuery());
  const [creating, setCreating] = useState(false);
  return (
    <Card data-testid="api-keys-section">
      <CardHeader>
        <CardTitle>API keys</CardTitle>
        <Button size="sm" variant="primary" onClick={() => setCreating(true)} data-testid="create-api-key">
          <Plus />
          Create key
        </Button>
      </CardHeader>
      <CardBody className="space-y-2">
        <p className="text-[13px] text-zinc-600">
          Programs send a key as <code className="font-mono text-xs">Authorization: Bearer &lt;key&gt;</code>. Scopes: <strong className="font-medium">studio</strong> (this API, as an
          editor), <strong className="font-medium">runs</strong> (start and watch runs), <strong className="font-medium">v1</strong> (the OpenAI-compatible API),{' '}
          <strong className="font-medium">admin</strong> (accounts, keys and security settings).
        </p>
        {isPending ? <Spinner label="Loading keys…" /> : null}
        {error ? <ErrorPanel error={error} title="Could not load the keys" /> : null}
        {data && data.length === 0 ? <EmptyState icon={<KeyRound />} title="No API keys yet" description="Create one for each program that calls this server." /> : null}
        {data && data.length > 0 ? (
          <ul className="divide-y divide-zinc-100" data-testid="api-key-list">
            {data.map((apiKey) => (
              <KeyRow key={apiKey.id} apiKey={apiKey} />
            ))}
          </ul>
        ) : null}
      </CardBody>
      <CreateKeyDialog open={creating} onOpenChange={setCreating} />
    </Card>
  );
}
