import { CartesianGrid, LabelList, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import type { ArmSummary } from '@tandem/stats';
import { armColor, formatMetric } from './arm-colors.ts';

interface Point {
  arm: string;
  x: number;
  y: number;
}

/**
 * Quality (the primary metric's mean) against cost per row, one point per arm; when nothing cost
 * money (the simulator), against latency instead, so the trade-off is still visible (Recharts).
 */
export function CostQualityChart({ arms, metric, baseline }: { arms: readonly ArmSummary[]; metric: string; baseline: string }) {
  const anyCost = arms.some((arm) => (arm.metrics.costUsd?.mean ?? 0) > 0);
  const xMetric = anyCost ? 'costUsd' : 'latencyMs';
  const ids = arms.map((arm) => arm.id);
  const points: Point[] = arms
    .map((arm) => ({ arm: arm.id, x: arm.metrics[xMetric]?.mean ?? Number.NaN, y: arm.metrics[metric]?.mean ?? Number.NaN }))
    .filter((point) => Number.isFinite(point.x) && Number.isFinite(point.y));
  if (points.length === 0) return <p className="p-4 text-[13px] text-zinc-500">No arm has both a {metric} and a {xMetric} yet.</p>;
  const padded = (values: number[]): [number, number] => {
    const low = Math.min(...values);
    const high = Math.max(...values);
    const pad = high === low ? Math.max(Math.abs(high) * 0.1, 1e-6) : (high - low) * 0.2;
    return [low - pad, high + pad];
  };
  return (
    <figure className="space-y-1" data-testid="cost-quality-chart" data-x-metric={xMetric}>
      <figcaption className="text-xs font-medium text-zinc-600">
        {metric} against {anyCost ? 'cost per row' : 'latency (nothing cost money)'}
      </figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <ScatterChart margin={{ top: 16, right: 28, bottom: 8, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e4e4e7" />
          <XAxis type="number" dataKey="x" name={xMetric} domain={padded(points.map((point) => point.x))} tickCount={5} tickFormatter={(value: number) => formatMetric(value, xMetric)} tick={{ fontSize: 11, fill: '#71717a' }} />
          <YAxis type="number" dataKey="y" name={metric} domain={padded(points.map((point) => point.y))} tickCount={5} width={44} tickFormatter={(value: number) => formatMetric(value, metric)} tick={{ fontSize: 11, fill: '#71717a' }} />
          <ZAxis range={[90, 90]} />
          <Tooltip
            cursor={{ strokeDasharray: '3 3' }}
            content={({ payload }) => {
              const point = payload?.[0]?.payload as Point | undefined;
              if (!point) return null;
              return (
                <div className="rounded-md border border-zinc-200 bg-white px-2.5 py-1.5 text-xs shadow-md">
                  <p className="font-medium text-zinc-900">{point.arm}</p>
                  <p className="text-zinc-600 tabular-nums">
                    {metric} {formatMetric(point.y, metric)} · {formatMetric(point.x, xMetric)}
                  </p>
                </div>
              );
            }}
          />
          <Scatter data={points} isAnimationActive={false} shape={(props: { cx?: number; cy?: number; payload?: Point }) => <circle cx={props.cx} cy={props.cy} r={7} fill={armColor(ids, baseline, props.payload?.arm ?? '')} fillOpacity={0.9} />}>
            <LabelList dataKey="arm" position="top" offset={10} style={{ fontSize: 11, fill: '#3f3f46' }} />
          </Scatter>
        </ScatterChart>
      </ResponsiveContainer>
    </figure>
  );
}
