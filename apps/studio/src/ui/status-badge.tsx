import type { RunStatus, StepStatus } from '@tandem/shared';
import { Badge } from './badge.tsx';
import { runStatusStyles, stepStatusStyles } from './status-style.ts';
import { cn } from './cn.ts';

function Dot({ live }: { live: boolean }) {
  return <span className={cn('size-1.5 rounded-full bg-current', live && 'animate-pulse')} />;
}

/** A run's status as a coloured pill. */
export function RunStatusBadge({ status }: { status: RunStatus }) {
  const style = runStatusStyles[status] ?? { label: status, tone: 'neutral' as const };
  return (
    <Badge tone={style.tone} data-testid="run-status" data-status={status}>
      <Dot live={status === 'running'} />
      {style.label}
    </Badge>
  );
}

/** A step's status as a coloured pill. */
export function StepStatusBadge({ status }: { status: StepStatus }) {
  const style = stepStatusStyles[status] ?? { label: status, tone: 'neutral' as const };
  return (
    <Badge tone={style.tone} data-testid="step-status" data-status={status}>
      <Dot live={status === 'running'} />
      {style.label}
    </Badge>
  );
}
