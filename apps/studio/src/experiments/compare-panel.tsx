import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { ExperimentView } from '@tandem/shared';
import { compareQuery, experimentsQuery } from '../api/experiments.ts';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { Field } from '../ui/field.tsx';
import { formatRelativeTime } from '../ui/format.ts';
import { Select } from '../ui/select.tsx';
import { Spinner } from '../ui/spinner.tsx';
import { formatMetric } from './arm-colors.ts';
import { VerdictBadge } from './verdict-badge.tsx';

/** This experiment against an earlier one on the same dataset: rows improved, regressed, unchanged, and the paired tests. */
export function ComparePanel({ experiment }: { experiment: ExperimentView }) {
  const others = useQuery(experimentsQuery({}));
  const candidates = (others.data ?? []).filter((other) => other.id !== experiment.id && other.datasetId === experiment.datasetId && other.status !== 'running');
  const [otherId, setOtherId] = useState<string>();
  const chosen = otherId ?? candidates[0]?.id;
  const comparison = useQuery({ ...compareQuery(experiment.id, chosen ?? ''), enabled: chosen !== undefined });
  return (
    <div className="space-y-4" data-testid="compare-panel">
      <Field label="Compare with an earlier experiment on this dataset" className="max-w-md">
        <Select
          aria-label="Earlier experiment"
          data-testid="compare-with"
          value={chosen}
          placeholder={candidates.length === 0 ? 'No other experiment on this dataset yet' : 'Pick an experiment'}
          disabled={candidates.length === 0}
          onValueChange={setOtherId}
          options={candidates.map((other) => ({ value: other.id, label: `${other.name} (${formatRelativeTime(other.createdAt)})` }))}
        />
      </Field>
      {comparison.isFetching ? <Spinner label="Comparing…" /> : null}
      {comparison.error ? <ErrorPanel error={comparison.error} title="These experiments cannot be compared" /> : null}
      {comparison.data ? (
        <div className="space-y-4">
          <p className="text-[13px] text-zinc-700" data-testid="compare-summary">
            {comparison.data.summary}
            {comparison.data.sameDatasetVersion ? '' : ' (the two experiments ran different versions of the dataset: only rows with the same index are paired)'}
          </p>
          {comparison.data.pairs.map((pair) => (
            <div key={`${pair.currentArm}/${pair.previousArm}`} className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
              <table className="w-full text-left text-[13px]">
                <thead className="bg-zinc-50 text-[11px] text-zinc-500">
                  <tr>
                    <th className="px-3 py-2 font-medium">
                      {pair.currentArm} now vs {pair.previousArm} then
                    </th>
                    <th className="px-3 py-2 text-right font-medium text-emerald-700">Improved</th>
                    <th className="px-3 py-2 text-right font-medium text-red-700">Regressed</th>
                    <th className="px-3 py-2 text-right font-medium">Unchanged</th>
                    <th className="px-3 py-2 font-medium">Difference (95 % CI)</th>
                    <th className="px-3 py-2 font-medium">Verdict</th>
                  </tr>
                </thead>
                <tbody>
                  {pair.metrics.map((change) => (
                    <tr key={change.metric} className="border-t border-zinc-100" data-testid="compare-metric" data-metric={change.metric}>
                      <td className="px-3 py-2 font-mono text-[12px]">{change.metric}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{change.improved}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{change.regressed}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{change.unchanged}</td>
                      <td className="px-3 py-2 tabular-nums">
                        {formatMetric(change.comparison.difference, change.metric)}
                        {change.comparison.ci95 ? ` [${formatMetric(change.comparison.ci95[0], change.metric)}, ${formatMetric(change.comparison.ci95[1], change.metric)}]` : ''}
                      </td>
                      <td className="px-3 py-2">
                        <VerdictBadge verdict={change.comparison.verdict} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
