import { useMemo } from 'react';
import { BoxPlot } from '@visx/stats';
import { scaleBand, scaleLinear } from '@visx/scale';
import type { TrialResult } from '@tandem/shared';
import { armColor, formatMetric } from './arm-colors.ts';
import { boxStats } from './quartiles.ts';

const width = 460;
const height = 220;
const margin = { top: 12, right: 16, bottom: 28, left: 52 };

/** A box plot per arm of one metric over the completed trials (visx). */
export function DistributionChart({ trials, arms, baseline, metric, title }: { trials: readonly TrialResult[]; arms: readonly string[]; baseline: string; metric: string; title: string }) {
  const boxes = useMemo(
    () => arms.map((arm) => ({ arm, stats: boxStats(trials.filter((trial) => trial.arm === arm && trial.status === 'completed' && typeof trial.metrics[metric] === 'number').map((trial) => trial.metrics[metric] as number)) })),
    [trials, arms, metric],
  );
  const values = boxes.flatMap(({ stats }) => (stats ? [stats.min, stats.max, ...stats.outliers] : []));
  if (values.length === 0) return <p className="p-4 text-[13px] text-zinc-500">No values of {metric} yet.</p>;
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = high === low ? Math.max(1, Math.abs(high) * 0.1) : (high - low) * 0.08;
  const y = scaleLinear<number>({ domain: [low - pad, high + pad], range: [height - margin.bottom, margin.top], nice: true });
  const x = scaleBand<string>({ domain: [...arms], range: [margin.left, width - margin.right], padding: 0.45 });
  const ticks = y.ticks(5);
  return (
    <figure className="space-y-1" data-testid="distribution-chart" data-metric={metric}>
      <figcaption className="text-xs font-medium text-zinc-600">{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" role="img" aria-label={`${title}: box plot per arm`}>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={margin.left} x2={width - margin.right} y1={y(tick)} y2={y(tick)} stroke="#e4e4e7" strokeDasharray="3 3" />
            <text x={margin.left - 6} y={y(tick)} dy="0.32em" textAnchor="end" fontSize={10} fill="#71717a">
              {formatMetric(tick, metric)}
            </text>
          </g>
        ))}
        {boxes.map(({ arm, stats }) =>
          stats ? (
            <g key={arm}>
              <BoxPlot
                left={x(arm)!}
                boxWidth={x.bandwidth()}
                valueScale={y}
                min={stats.min}
                firstQuartile={stats.firstQuartile}
                median={stats.median}
                thirdQuartile={stats.thirdQuartile}
                max={stats.max}
                outliers={stats.outliers}
                fill={armColor(arms, baseline, arm)}
                fillOpacity={0.22}
                stroke={armColor(arms, baseline, arm)}
                strokeWidth={1.5}
                rx={3}
                ry={3}
                medianProps={{ strokeWidth: 2.5 }}
              />
              <text x={x(arm)! + x.bandwidth() / 2} y={height - 8} textAnchor="middle" fontSize={11} fill="#3f3f46">
                {arm} <tspan fill="#a1a1aa">n={stats.n}</tspan>
              </text>
            </g>
          ) : null,
        )}
      </svg>
    </figure>
  );
}
