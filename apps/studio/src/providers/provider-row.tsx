import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Plug, Trash2 } from 'lucide-react';
import type { ProvidersView } from '@tandem/shared';
import { deleteProvider, gatewayKeys, testProvider, type ProviderTestResult } from '../api/providers.ts';
import { Badge } from '../ui/badge.tsx';
import { Button } from '../ui/button.tsx';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { useAsyncAction } from '../ui/use-async-action.ts';
import { HealthBadge } from './health-badges.tsx';

const sourceLabels = { 'built-in': 'built in', environment: 'environment', settings: 'Settings', 'config-file': 'config file' } as const;

/** One provider: where it comes from, its models, health, key, limits, and a test call. */
export function ProviderRow({ provider, canTest, isOwner }: { provider: ProvidersView['providers'][number]; canTest: boolean; isOwner: boolean }) {
  const queryClient = useQueryClient();
  const [result, setResult] = useState<ProviderTestResult>();
  const [removing, setRemoving] = useState(false);
  const test = useAsyncAction();
  const remove = useAsyncAction();
  const { health } = provider;
  return (
    <li className="space-y-1.5 py-3" data-testid="provider-row" data-name={provider.name}>
      <div className="flex flex-wrap items-center gap-2">
        <Plug className="size-4 shrink-0 text-zinc-400" />
        <span className="font-medium text-zinc-900">{provider.name}</span>
        <Badge tone="slate">{sourceLabels[provider.source]}</Badge>
        <HealthBadge health={health} />
        <span className="text-xs text-zinc-500 tabular-nums">
          {health.calls} calls · {health.failures} failed{health.latencyMs !== undefined ? ` · ${health.latencyMs} ms to first token` : ''}
        </span>
        <div className="ml-auto flex gap-1">
          {canTest ? (
            <Button size="sm" disabled={test.busy} onClick={() => void test.run(async () => setResult(await testProvider(provider.name)))} data-testid="provider-test">
              {test.busy ? 'Testing…' : 'Test connection'}
            </Button>
          ) : null}
          {isOwner && provider.source === 'settings' ? (
            <Button size="icon-sm" variant="danger-ghost" aria-label={`Remove ${provider.name}`} onClick={() => setRemoving(true)} data-testid="provider-remove">
              <Trash2 />
            </Button>
          ) : null}
        </div>
      </div>
      <p className="pl-6 text-xs text-zinc-500">
        {provider.baseURL ? <code className="font-mono">{provider.baseURL}</code> : null}
        {provider.baseURL ? ' · ' : ''}
        {provider.keyLast4 ? <span data-testid="provider-key">key …{provider.keyLast4}</span> : provider.source === 'settings' ? 'no key' : null}
        {provider.limits ? ` · limits ${[provider.limits.rpm ? `${provider.limits.rpm} req/min` : '', provider.limits.tpm ? `${provider.limits.tpm} tokens/min` : ''].filter(Boolean).join(', ')}` : ''}
      </p>
      <p className="truncate pl-6 font-mono text-[11.5px] text-zinc-600" title={provider.models.join(', ')}>
        {provider.models.length > 0 ? provider.models.join(', ') : 'no models listed'}
      </p>
      {result ? (
        <p className={result.ok ? 'pl-6 text-xs text-emerald-700' : 'pl-6 text-xs text-red-700'} role="status" data-testid="provider-test-result" data-ok={result.ok}>
          {result.ok ? `${result.model} answered in ${result.latencyMs} ms` : `${result.model} failed: ${result.error.message}`}
        </p>
      ) : null}
      {test.error ? <p className="pl-6 text-xs text-red-700" role="alert">{test.error}</p> : null}
      {remove.error ? <p className="pl-6 text-xs text-red-700" role="alert">{remove.error}</p> : null}
      <ConfirmDialog
        open={removing}
        onOpenChange={setRemoving}
        title={`Remove provider “${provider.name}”?`}
        description="Its stored key is deleted too. Pools that use it must be changed first."
        confirmLabel="Remove"
        onConfirm={() =>
          void remove.run(async () => {
            await deleteProvider(provider.name);
            await queryClient.invalidateQueries({ queryKey: gatewayKeys.providers });
          })
        }
      />
    </li>
  );
}
