import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { poolStrategies, type PoolStrategy } from '@tandem/shared';
import { gatewayKeys, modelsQuery, putPool } from '../api/providers.ts';
import { Button } from '../ui/button.tsx';
import { Dialog } from '../ui/dialog.tsx';
import { Field } from '../ui/field.tsx';
import { Input } from '../ui/input.tsx';
import { Select } from '../ui/select.tsx';
import { useAsyncAction } from '../ui/use-async-action.ts';

const strategyLabels: Record<PoolStrategy, string> = {
  priority: 'Priority (failover in order)',
  weighted: 'Weighted (spread by weight)',
  'least-latency': 'Least latency (fastest first token)',
};

/** Creates a pool: its members (provider models), strategy, breaker and timeout. */
export function PoolDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const queryClient = useQueryClient();
  const { data: models = [] } = useQuery(modelsQuery());
  const [name, setName] = useState('');
  const [strategy, setStrategy] = useState<PoolStrategy>('priority');
  const [members, setMembers] = useState<string[]>([]);
  const [failures, setFailures] = useState('3');
  const [cooldown, setCooldown] = useState('30');
  const [timeout, setTimeoutSeconds] = useState('');
  const { busy, error, run } = useAsyncAction();
  const choices = models.filter((model) => model.provider !== 'pool');
  const close = () => {
    onOpenChange(false);
    setName('');
    setMembers([]);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await run(async () => {
      await putPool(name.trim(), {
        strategy,
        members: members.map((model) => ({ model })),
        breaker: { failures: Number(failures), cooldownMs: Math.round(Number(cooldown) * 1000) },
        ...(timeout.trim() ? { timeoutMs: Math.round(Number(timeout) * 1000) } : {}),
      });
      await queryClient.invalidateQueries({ queryKey: gatewayKeys.providers });
      await queryClient.invalidateQueries({ queryKey: ['providers', 'models'] });
    });
    if (saved) close();
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => (next ? onOpenChange(true) : close())}
      title="Create a pool"
      description="A model (pool:name) over several provider models, with failover and a circuit breaker per member."
      data-testid="pool-dialog"
      footer={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" form="pool-form" variant="primary" disabled={busy || !name.trim() || members.length === 0} data-testid="pool-submit">
            Create pool
          </Button>
        </>
      }
    >
      <form id="pool-form" className="space-y-4" onSubmit={(event) => void submit(event)}>
        <Field label="Name" htmlFor="pool-name" hint="Used as the model pool:name in pipelines and /v1.">
          <Input id="pool-name" required value={name} onChange={(event) => setName(event.target.value.toLowerCase())} placeholder="answers" data-testid="pool-name" />
        </Field>
        <Field label="Strategy" htmlFor="pool-strategy">
          <Select id="pool-strategy" value={strategy} onValueChange={(value) => setStrategy(value as PoolStrategy)} options={poolStrategies.map((value) => ({ value, label: strategyLabels[value] }))} data-testid="pool-strategy" />
        </Field>
        <fieldset className="space-y-1.5">
          <legend className="text-xs font-medium text-zinc-700">Members, in priority order (the order you tick them)</legend>
          <div className="max-h-48 space-y-1 overflow-y-auto rounded-md border border-zinc-200 p-2">
            {choices.map((model) => (
              <label key={model.id} className="flex cursor-pointer items-center gap-2 rounded px-1.5 py-1 text-[13px] hover:bg-zinc-50">
                <input
                  type="checkbox"
                  className="accent-accent-600"
                  checked={members.includes(model.id)}
                  onChange={(event) => setMembers(event.target.checked ? [...members, model.id] : members.filter((entry) => entry !== model.id))}
                  data-testid="pool-member-option"
                  data-model={model.id}
                />
                <span className="font-mono text-xs">{model.id}</span>
                {members.includes(model.id) ? <span className="ml-auto text-[11px] text-zinc-500">#{members.indexOf(model.id) + 1}</span> : null}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="grid grid-cols-3 gap-3">
          <Field label="Failures to open" htmlFor="pool-failures" hint="In a row">
            <Input id="pool-failures" type="number" min={1} value={failures} onChange={(event) => setFailures(event.target.value)} data-testid="pool-failures" />
          </Field>
          <Field label="Cooldown, s" htmlFor="pool-cooldown" hint="Then one probe">
            <Input id="pool-cooldown" type="number" min={0.1} step={0.1} value={cooldown} onChange={(event) => setCooldown(event.target.value)} data-testid="pool-cooldown" />
          </Field>
          <Field label="Timeout, s" htmlFor="pool-timeout" hint="To first token">
            <Input id="pool-timeout" type="number" min={0.1} step={0.1} value={timeout} onChange={(event) => setTimeoutSeconds(event.target.value)} data-testid="pool-timeout" />
          </Field>
        </div>
        {error ? <p className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-[13px] text-red-700" role="alert" data-testid="pool-error">{error}</p> : null}
      </form>
    </Dialog>
  );
}
