import { Loader2 } from 'lucide-react';
import { cn } from './cn.ts';

/** A spinning indicator; pass a label for screen readers and to show text beside it. */
export function Spinner({ label, className }: { label?: string; className?: string }) {
  return (
    <span role="status" className={cn('inline-flex items-center gap-2 text-zinc-500', className)}>
      <Loader2 className="size-4 animate-spin" aria-hidden />
      {label ? <span>{label}</span> : <span className="sr-only">Loading</span>}
    </span>
  );
}

/** A centred spinner filling its container while a page loads. */
export function PageSpinner({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="flex h-full min-h-48 items-center justify-center">
      <Spinner label={label} />
    </div>
  );
}
