import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Popover } from 'radix-ui';
import { ChevronDown } from 'lucide-react';
import type { ModelInfo } from '@tandem/shared';
import { modelsQuery } from '../../api/providers.ts';
import { Badge } from '../../ui/badge.tsx';
import { Field } from '../../ui/field.tsx';
import { Input } from '../../ui/input.tsx';
import { fieldDomId, problemsAt, useFormContext } from '../form-context.ts';
import type { FieldProps } from './field-props.ts';

function ModelOption({ model, onPick }: { model: ModelInfo; onPick: () => void }) {
  return (
    <button
      type="button"
      onClick={onPick}
      data-testid="model-option"
      className="flex w-full cursor-pointer flex-col items-start gap-0.5 rounded px-2 py-1.5 text-left hover:bg-zinc-100 focus:bg-zinc-100 focus:outline-none"
    >
      <span className="flex w-full items-center gap-2">
        <span className="truncate text-[13px] font-medium text-zinc-800">{model.label}</span>
        {model.simulated ? <Badge tone="amber">Simulator</Badge> : null}
      </span>
      <span className="font-mono text-[11px] text-zinc-500">{model.id}</span>
    </button>
  );
}

/** A `provider:model` string: free text, with the server's models to pick from. */
export function ModelField({ schema, value, onChange, path, label, required }: FieldProps) {
  const context = useFormContext();
  const id = fieldDomId(context.nodeId, path);
  const [open, setOpen] = useState(false);
  const models = useQuery(modelsQuery());
  const text = typeof value === 'string' ? value : '';
  const [base, options] = text.split('?');
  const known = models.data?.find((model) => model.id === text) ?? models.data?.find((model) => model.id === base);
  const hint = known ? (options && known.id !== text ? `${known.label} with ${options.replaceAll('&', ', ')}` : (known.description ?? known.label)) : schema.description;
  return (
    <Field label={label} htmlFor={id} required={required} hint={hint} error={problemsAt(context, path)[0]}>
      <Popover.Root open={open} onOpenChange={setOpen}>
        <div className="flex items-center gap-1">
          <Input
            id={id}
            className="font-mono text-[12.5px]"
            value={text}
            placeholder={typeof schema.default === 'string' ? schema.default : 'provider:model'}
            onChange={(event) => onChange(event.target.value === '' && !required ? undefined : event.target.value)}
            data-testid={`field-${path.join('.')}`}
          />
          {known?.simulated ? <Badge tone="amber" className="shrink-0">Simulator</Badge> : null}
          <Popover.Trigger asChild>
            <button
              type="button"
              aria-label="Choose a model"
              className="grid h-8 w-8 shrink-0 cursor-pointer place-items-center rounded-md border border-zinc-200 bg-white text-zinc-500 hover:bg-zinc-50"
            >
              <ChevronDown className="size-4" />
            </button>
          </Popover.Trigger>
        </div>
        <Popover.Portal>
          <Popover.Content align="end" sideOffset={4} className="z-50 max-h-80 w-72 overflow-y-auto rounded-md border border-zinc-200 bg-white p-1 shadow-lg" data-testid="model-picker">
            {models.isPending ? <p className="p-2 text-zinc-500">Loading models…</p> : null}
            {models.error ? <p className="p-2 text-red-600">Could not load models: {models.error.message}</p> : null}
            {models.data?.length === 0 ? <p className="p-2 text-zinc-500">The server offers no models.</p> : null}
            {models.data?.map((model) => (
              <ModelOption
                key={model.id}
                model={model}
                onPick={() => {
                  onChange(model.id);
                  setOpen(false);
                }}
              />
            ))}
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>
    </Field>
  );
}
