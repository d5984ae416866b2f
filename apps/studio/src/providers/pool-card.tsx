import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Layers, Trash2 } from 'lucide-react';
import type { ProvidersView } from '@tandem/shared';
import { deletePool, gatewayKeys } from '../api/providers.ts';
import { Badge } from '../ui/badge.tsx';
import { Button } from '../ui/button.tsx';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { BreakerBadge } from './health-badges.tsx';

/** One pool: its strategy and each member's breaker, calls in flight, error rate and latency, live. */
export function PoolCard({ pool, isOwner }: { pool: ProvidersView['pools'][number]; isOwner: boolean }) {
  const queryClient = useQueryClient();
  const [removing, setRemoving] = useState(false);
  return (
    <div className="rounded-md border border-zinc-200" data-testid="pool-card" data-name={pool.name}>
      <div className="flex items-center gap-2 border-b border-zinc-100 px-3 py-2">
        <Layers className="size-4 text-zinc-400" />
        <span className="font-mono text-[13px] font-medium text-zinc-900">pool:{pool.name}</span>
        <Badge tone="violet">{pool.strategy}</Badge>
        <span className="text-xs text-zinc-500">
          {pool.breaker ? `opens after ${pool.breaker.failures} failures${pool.breaker.windowMs ? ` in ${pool.breaker.windowMs / 1000} s` : ' in a row'}, probes after ${pool.breaker.cooldownMs / 1000} s` : 'default breaker'}
          {pool.timeoutMs !== undefined ? ` · ${pool.timeoutMs / 1000} s to first token` : ''}
        </span>
        {isOwner ? (
          <Button className="ml-auto" size="icon-sm" variant="danger-ghost" aria-label={`Delete pool ${pool.name}`} onClick={() => setRemoving(true)} data-testid="pool-remove">
            <Trash2 />
          </Button>
        ) : null}
      </div>
      <table className="w-full text-left text-[12.5px]">
        <thead className="text-[11px] text-zinc-500">
          <tr>
            <th className="px-3 py-1.5 font-medium">Member</th>
            <th className="px-3 py-1.5 font-medium">Breaker</th>
            <th className="px-3 py-1.5 text-right font-medium">In flight</th>
            <th className="px-3 py-1.5 text-right font-medium">Calls</th>
            <th className="px-3 py-1.5 text-right font-medium">Error rate</th>
            <th className="px-3 py-1.5 text-right font-medium">First token</th>
          </tr>
        </thead>
        <tbody>
          {pool.members.map((member) => (
            <tr key={member.model} className="border-t border-zinc-100" data-testid="pool-member" data-model={member.model}>
              <td className="px-3 py-1.5 font-mono text-xs">
                {member.model}
                {pool.strategy === 'weighted' && member.weight !== undefined ? <span className="ml-1 text-zinc-400">×{member.weight}</span> : null}
              </td>
              <td className="px-3 py-1.5">
                <BreakerBadge state={member.breaker} />
              </td>
              <td className="px-3 py-1.5 text-right tabular-nums">{member.inFlight}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{member.calls}</td>
              <td className="px-3 py-1.5 text-right tabular-nums" data-testid="member-error-rate">{Math.round(member.errorRate * 100)}%</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{member.latencyMs !== undefined ? `${member.latencyMs} ms` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmDialog
        open={removing}
        onOpenChange={setRemoving}
        title={`Delete pool “${pool.name}”?`}
        description="Pipelines that use it fail until it is created again."
        confirmLabel="Delete"
        danger
        onConfirm={async () => {
          await deletePool(pool.name);
          await queryClient.invalidateQueries({ queryKey: gatewayKeys.providers });
        }}
      />
    </div>
  );
}
