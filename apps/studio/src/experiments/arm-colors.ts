import { referenceColor, seriesColor } from '../ui/chart-palette.ts';

/** One colour per arm, in arm order (the baseline keeps slate so it reads as the reference). */
export function armColor(armIds: readonly string[], baseline: string, arm: string): string {
  if (arm === baseline) return referenceColor;
  const others = armIds.filter((id) => id !== baseline);
  return seriesColor(Math.max(0, others.indexOf(arm)));
}

/** Numbers as a chart shows them: at most 3 significant digits past the point. */
export function formatMetric(value: number | null | undefined, metric: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (metric === 'costUsd') return value === 0 ? '$0' : `$${Math.abs(value) < 0.01 ? value.toPrecision(2) : value.toFixed(3)}`;
  if (metric === 'latencyMs') return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`;
  return Math.abs(value) >= 100 ? value.toFixed(0) : Number(value.toPrecision(3)).toString();
}
