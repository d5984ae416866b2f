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

/** True for text that reads as JSON or code (mono), false for prose (sans). */
export function looksLikeCode(text: string): boolean {
  const trimmed = text.trim();
  if (/^[[{]/.test(trimmed)) {
    try {
      JSON.parse(trimmed);
      return true;
    } catch {
      // not JSON: fall through
    }
  }
  return /^```|\{\{[^}]+\}\}|^\s*(function|const|return|import|def)\b/m.test(trimmed) && !/[.!?]\s+[A-Z]/.test(trimmed);
}

/** Preformatted text (prompts, outputs) that wraps and scrolls: prose in the sans font, JSON and code in mono. */
export function TextBlock({ children, className, testId, mono }: { children: ReactNode; className?: string; testId?: string; mono?: boolean }) {
  const code = mono ?? (typeof children === 'string' ? looksLikeCode(children) : true);
  return (
    <pre
      data-testid={testId}
      data-font={code ? 'mono' : 'sans'}
      className={cn(
        'max-h-72 overflow-auto rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 leading-relaxed whitespace-pre-wrap text-zinc-800',
        code ? 'font-mono text-[12px]' : 'font-sans text-[13px]',
        className,
      )}
    >
      {children}
    </pre>
  );
}
