import type { ExperimentAnalysis } from '@tandem/stats';
import { Badge } from '../ui/badge.tsx';
import { formatCount } from '../ui/format.ts';
import { armColor, formatMetric } from './arm-colors.ts';

const interval = (value: readonly [number, number] | null | undefined, metric: string) => (value ? `${formatMetric(value[0], metric)} – ${formatMetric(value[1], metric)}` : '');

/** Per arm: trials, failures, the primary metric (mean, 95 % CI), the first pass metric (rate, Wilson interval), latency, tokens and cost. */
export function ArmSummaryTable({ analysis }: { analysis: ExperimentAnalysis }) {
  const primary = analysis.primaryMetric;
  const pass = analysis.metrics.find((metric) => metric.kind === 'pass')?.name;
  const ids = analysis.arms.map((arm) => arm.id);
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-[13px]" data-testid="arm-summary">
        <thead className="text-[11px] text-zinc-500">
          <tr className="border-b border-zinc-100">
            <th className="px-3 py-2 font-medium">Arm</th>
            <th className="px-3 py-2 text-right font-medium">Trials</th>
            {primary ? <th className="px-3 py-2 font-medium">{primary} · mean (95 % CI)</th> : null}
            {pass ? <th className="px-3 py-2 font-medium">{pass} · pass rate (Wilson)</th> : null}
            <th className="px-3 py-2 text-right font-medium">Latency p50 / p95</th>
            <th className="px-3 py-2 text-right font-medium">Tokens / row</th>
            <th className="px-3 py-2 text-right font-medium">Cost / row</th>
          </tr>
        </thead>
        <tbody>
          {analysis.arms.map((arm) => {
            const score = primary ? arm.metrics[primary] : undefined;
            const passing = pass ? arm.metrics[pass] : undefined;
            const tokens = (arm.metrics.inputTokens?.mean ?? 0) + (arm.metrics.outputTokens?.mean ?? 0);
            return (
              <tr key={arm.id} className="border-b border-zinc-50 last:border-0" data-testid="arm-row" data-arm={arm.id}>
                <td className="px-3 py-2">
                  <span className="flex items-center gap-2 font-medium text-zinc-900">
                    <span className="size-2.5 rounded-full" style={{ background: armColor(ids, analysis.baseline, arm.id) }} />
                    {arm.label ?? arm.id}
                    {arm.id === analysis.baseline ? <Badge>baseline</Badge> : null}
                    {arm.id === analysis.winner ? <Badge tone="green">winner</Badge> : null}
                  </span>
                </td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {formatCount(arm.n)}
                  {arm.failed > 0 ? <span className="ml-1 text-red-600">({formatCount(arm.failed)} failed)</span> : null}
                </td>
                {primary ? (
                  <td className="px-3 py-2 tabular-nums">
                    <strong className="text-zinc-900">{formatMetric(score?.mean, primary)}</strong> <span className="text-zinc-500">{interval(score?.ci95, primary)}</span>
                  </td>
                ) : null}
                {pass ? (
                  <td className="px-3 py-2 tabular-nums">
                    <strong className="text-zinc-900">{passing?.passRate == null ? '—' : `${Math.round(passing.passRate * 100)} %`}</strong>{' '}
                    <span className="text-zinc-500">{passing?.wilson95 ? `${Math.round(passing.wilson95[0] * 100)}–${Math.round(passing.wilson95[1] * 100)} %` : ''}</span>
                  </td>
                ) : null}
                <td className="px-3 py-2 text-right tabular-nums">
                  {formatMetric(arm.metrics.latencyMs?.p50, 'latencyMs')} / {formatMetric(arm.metrics.latencyMs?.p95, 'latencyMs')}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{tokens > 0 ? formatCount(Math.round(tokens)) : '—'}</td>
                <td className="px-3 py-2 text-right tabular-nums">{formatMetric(arm.metrics.costUsd?.mean, 'costUsd')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
