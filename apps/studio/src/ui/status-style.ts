import type { RunStatus, StepStatus } from '@tandem/shared';
import type { BadgeTone } from './badge.tsx';

export interface StatusStyle {
  label: string;
  tone: BadgeTone;
  /** Card border on the run canvas. */
  border: string;
  /** Timeline bar fill. */
  bar: string;
}

export const stepStatusStyles: Record<StepStatus, StatusStyle> = {
  queued: { label: 'Queued', tone: 'neutral', border: 'border-zinc-200 opacity-80', bar: 'bg-zinc-300' },
  running: { label: 'Running', tone: 'blue', border: 'border-blue-500 animate-pulse-ring', bar: 'bg-blue-500' },
  waiting: { label: 'Waiting', tone: 'rose', border: 'border-rose-500', bar: 'bg-rose-400' },
  succeeded: { label: 'Succeeded', tone: 'green', border: 'border-emerald-500', bar: 'bg-emerald-500' },
  failed: { label: 'Failed', tone: 'red', border: 'border-red-500', bar: 'bg-red-500' },
  cancelled: { label: 'Cancelled', tone: 'amber', border: 'border-amber-400', bar: 'bg-amber-300' },
  skipped: { label: 'Skipped', tone: 'neutral', border: 'border-dashed border-zinc-400 opacity-60', bar: 'bg-zinc-200' },
};

export const runStatusStyles: Record<RunStatus, { label: string; tone: BadgeTone }> = {
  queued: { label: 'Queued', tone: 'neutral' },
  running: { label: 'Running', tone: 'blue' },
  waiting: { label: 'Waiting', tone: 'rose' },
  completed: { label: 'Completed', tone: 'green' },
  failed: { label: 'Failed', tone: 'red' },
  cancelled: { label: 'Cancelled', tone: 'amber' },
};
