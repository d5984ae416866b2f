import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Layers, Plus } from 'lucide-react';
import { providersQuery } from '../api/providers.ts';
import { useAccess } from '../access/use-access.ts';
import { Button } from '../ui/button.tsx';
import { Card, CardBody, CardHeader, CardTitle } from '../ui/card.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { PageSpinner } from '../ui/spinner.tsx';
import { AddProviderDialog } from './add-provider-dialog.tsx';
import { PoolCard } from './pool-card.tsx';
import { PoolDialog } from './pool-dialog.tsx';
import { ProviderRow } from './provider-row.tsx';

/** Settings → Providers: configured providers with their health, and pools with each member's breaker, live. */
export function ProvidersPage() {
  const { data, error, isPending, refetch } = useQuery(providersQuery());
  const { isOwner, canEdit } = useAccess();
  const [adding, setAdding] = useState(false);
  const [creatingPool, setCreatingPool] = useState(false);
  return (
    <div className="space-y-6" data-testid="providers-page">
      {isPending ? <PageSpinner label="Loading providers…" /> : null}
      {error ? <ErrorPanel error={error} title="Could not load the providers" action={<Button size="sm" onClick={() => void refetch()}>Try again</Button>} /> : null}
      {data ? (
        <>
          <Card>
            <CardHeader>
              <CardTitle>Providers</CardTitle>
              {isOwner ? (
                <Button size="sm" onClick={() => setAdding(true)} data-testid="add-provider">
                  <Plus /> Add provider
                </Button>
              ) : null}
            </CardHeader>
            <CardBody className="py-1">
              <ul className="divide-y divide-zinc-100">
                {data.providers.map((provider) => (
                  <ProviderRow key={provider.name} provider={provider} canTest={canEdit} isOwner={isOwner} />
                ))}
              </ul>
            </CardBody>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Pools</CardTitle>
              {isOwner ? (
                <Button size="sm" onClick={() => setCreatingPool(true)} data-testid="create-pool">
                  <Plus /> Create pool
                </Button>
              ) : null}
            </CardHeader>
            <CardBody className="space-y-3">
              {data.pools.length === 0 ? (
                <EmptyState icon={<Layers />} title="No pools yet" description="A pool is one model over several providers: calls fail over when a member fails, and a member that keeps failing is skipped until it recovers." />
              ) : (
                data.pools.map((pool) => <PoolCard key={pool.name} pool={pool} isOwner={isOwner} />)
              )}
            </CardBody>
          </Card>
        </>
      ) : null}
      <AddProviderDialog open={adding} onOpenChange={setAdding} />
      <PoolDialog open={creatingPool} onOpenChange={setCreatingPool} />
    </div>
  );
}
