import type { ReactNode } from 'react';
import { cn } from '../ui/cn.ts';

/** A titled block inside the step detail panel. */
export function DetailSection({ title, aside, children, className, testId }: { title: ReactNode; aside?: ReactNode; children: ReactNode; className?: string; testId?: string }) {
  return (
    <section className={cn('space-y-2', className)} data-testid={testId}>
      <div className="flex items-center justify-between gap-2">
        <h4 className="text-[11px] font-semibold tracking-wide text-zinc-500 uppercase">{title}</h4>
        {aside}
      </div>
      {children}
    </section>
  );
}

/** Preformatted text (prompts, outputs) that wraps and scrolls. */
export function TextBlock({ children, className, testId }: { children: ReactNode; className?: string; testId?: string }) {
  return (
    <pre
      data-testid={testId}
      className={cn('max-h-72 overflow-auto rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 font-mono text-[12px] leading-relaxed whitespace-pre-wrap text-zinc-800', className)}
    >
      {children}
    </pre>
  );
}
