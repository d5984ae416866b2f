import { CartesianGrid, ComposedChart, ErrorBar, ReferenceLine, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import type { Comparison } from '@tandem/stats';
import { armColor, formatMetric } from './arm-colors.ts';

interface Point {
  arm: string;
  difference: number;
  /** Distances from the point to the interval's ends, as ErrorBar takes them. */
  error: [number, number];
  ci: [number, number];
  verdict: string;
}

/** Each arm's difference from the baseline on one metric, with its 95 % interval; the line at 0 is "no difference" (Recharts). */
export function ForestPlot({ comparisons, metric, arms, baseline }: { comparisons: readonly Comparison[]; metric: string; arms: readonly string[]; baseline: string }) {
  const points: Point[] = comparisons
    .filter((comparison) => comparison.metric === metric && comparison.difference !== null)
    .map((comparison) => {
      const difference = comparison.difference!;
      const ci: [number, number] = comparison.ci95 ?? [difference, difference];
      return { arm: comparison.arm, difference, error: [difference - ci[0], ci[1] - difference], ci, verdict: comparison.verdict };
    });
  if (points.length === 0) return <p className="p-4 text-[13px] text-zinc-500">No difference on {metric} can be computed yet.</p>;
  const step = niceStep(Math.max(...points.flatMap((point) => [Math.abs(point.ci[0]), Math.abs(point.ci[1])]), 1e-9) / 2);
  const extent = 3 * step;
  const ticks = [-3, -2, -1, 0, 1, 2, 3].map((multiple) => multiple * step);
  return (
    <figure className="space-y-1" data-testid="forest-plot" data-metric={metric}>
      <figcaption className="text-xs font-medium text-zinc-600">
        Difference from {baseline} on {metric} (95 % CI)
      </figcaption>
      <ResponsiveContainer width="100%" height={Math.max(120, 56 * points.length + 48)}>
        <ComposedChart layout="vertical" data={points} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" stroke="#e4e4e7" />
          <XAxis type="number" domain={[-extent, extent]} ticks={ticks} tickFormatter={(value: number) => formatMetric(value, metric)} tick={{ fontSize: 11, fill: '#71717a' }} />
          <YAxis type="category" dataKey="arm" width={90} tick={{ fontSize: 12, fill: '#3f3f46' }} />
          <ReferenceLine x={0} stroke="#a1a1aa" strokeWidth={1.5} />
          <Tooltip
            cursor={false}
            content={({ payload }) => {
              const point = payload?.[0]?.payload as Point | undefined;
              if (!point) return null;
              return (
                <div className="rounded-md border border-zinc-200 bg-white px-2.5 py-1.5 text-xs shadow-md">
                  <p className="font-medium text-zinc-900">{point.arm}</p>
                  <p className="text-zinc-600 tabular-nums">
                    {formatMetric(point.difference, metric)} [{formatMetric(point.ci[0], metric)}, {formatMetric(point.ci[1], metric)}]
                  </p>
                  <p className="text-zinc-500">{point.verdict}</p>
                </div>
              );
            }}
          />
          <Scatter dataKey="difference" isAnimationActive={false} shape={(props: { cx?: number; cy?: number; payload?: Point }) => <circle cx={props.cx} cy={props.cy} r={5.5} fill={armColor(arms, baseline, props.payload?.arm ?? '')} />}>
            <ErrorBar dataKey="error" direction="x" width={8} strokeWidth={2} stroke="#52525b" />
          </Scatter>
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** A round step (1, 2 or 5 times a power of ten) near `rough`. */
function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const scaled = rough / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}
