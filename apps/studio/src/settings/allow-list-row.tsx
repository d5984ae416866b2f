import { ShieldAlert, X } from 'lucide-react';
import { Button } from '../ui/button.tsx';
import { cn } from '../ui/cn.ts';
import { Input } from '../ui/input.tsx';
import { privateReason } from './private-address.ts';

export interface AllowListRowProps {
  index: number;
  value: string;
  /** The server's complaint about this entry (`httpAllowList.N: …`). */
  error: string | undefined;
  onChange: (value: string) => void;
  onRemove: () => void;
}

/** One allow-list entry: editable, flagged when it opens private addresses. */
export function AllowListRow({ index, value, error, onChange, onRemove }: AllowListRowProps) {
  const reason = privateReason(value);
  return (
    <li
      data-testid="allow-list-entry"
      data-index={index}
      data-private={reason ? 'true' : 'false'}
      className={cn('rounded-md border px-2.5 py-2', reason ? 'border-amber-300 bg-amber-50/70' : 'border-zinc-200 bg-white', error && 'border-red-300 bg-red-50/50')}
    >
      <div className="flex items-center gap-2">
        <Input
          aria-label={`Allow-list entry ${index + 1}`}
          aria-invalid={error ? true : undefined}
          className="font-mono text-[12.5px]"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          data-testid="allow-list-input"
        />
        {reason ? (
          <span data-testid="allow-list-private" className="flex shrink-0 items-center gap-1 rounded-full border border-amber-300 bg-amber-100 px-2 py-0.5 text-[11px] font-medium text-amber-800" title={`Opens ${reason} addresses to HTTP activities`}>
            <ShieldAlert className="size-3" />
            {reason}
          </span>
        ) : null}
        <Button size="icon-sm" variant="ghost" aria-label={`Remove ${value || 'entry'}`} onClick={onRemove} data-testid="allow-list-remove">
          <X />
        </Button>
      </div>
      {error ? (
        <p className="mt-1 text-xs text-red-700" role="alert" data-testid="allow-list-error">
          {error}
        </p>
      ) : null}
    </li>
  );
}
