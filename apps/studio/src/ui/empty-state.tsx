import type { ReactNode } from 'react';
import { cn } from './cn.ts';

export interface EmptyStateProps {
  icon?: ReactNode;
  title: string;
  description?: ReactNode;
  action?: ReactNode;
  className?: string;
}

/** What a list or panel shows when it has nothing to show. */
export function EmptyState({ icon, title, description, action, className }: EmptyStateProps) {
  return (
    <div className={cn('flex flex-col items-center justify-center gap-2 rounded-lg border border-dashed border-zinc-200 px-6 py-12 text-center', className)}>
      {icon ? <div className="mb-1 text-zinc-400 [&_svg]:size-6">{icon}</div> : null}
      <p className="font-medium text-zinc-800">{title}</p>
      {description ? <p className="max-w-md text-zinc-500">{description}</p> : null}
      {action ? <div className="mt-2">{action}</div> : null}
    </div>
  );
}
