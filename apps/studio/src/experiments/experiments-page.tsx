import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { FlaskConical } from 'lucide-react';
import { experimentsQuery } from '../api/experiments.ts';
import { Badge } from '../ui/badge.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { formatCost, formatCount, formatRelativeTime } from '../ui/format.ts';
import { PageSpinner } from '../ui/spinner.tsx';
import { ExperimentProgress } from './experiment-progress.tsx';

/** `/experiments`: every experiment, newest first, with its progress. */
export function ExperimentsPage() {
  const { data, error, isPending } = useQuery(experimentsQuery());
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-7xl space-y-6 px-6 py-8">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Experiments</h1>
          <p className="mt-1 text-zinc-500">Arms of a pipeline run over a dataset and compared with statistics. Start one from a pipeline’s Experiment button.</p>
        </div>
        {isPending ? <PageSpinner label="Loading experiments…" /> : null}
        {error ? <ErrorPanel error={error} title="Could not load the experiments" /> : null}
        {data && data.length === 0 ? (
          <EmptyState icon={<FlaskConical />} title="No experiments yet" description="Open the “A/B prompt test with a judge” template and press Experiment: it ships with a sample dataset." />
        ) : null}
        <ul className="space-y-2" data-testid="experiment-list">
          {data?.map((experiment) => (
            <li key={experiment.id}>
              <Link to={`/experiments/${experiment.id}`} className="block rounded-lg border border-zinc-200 bg-white p-4 shadow-xs transition hover:border-zinc-300 hover:shadow-sm" data-testid="experiment-item">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-semibold text-zinc-900">{experiment.name}</span>
                  <Badge tone={experiment.status === 'completed' ? 'green' : experiment.status === 'running' ? 'blue' : experiment.status === 'failed' ? 'red' : 'amber'}>{experiment.status}</Badge>
                  <span className="ml-auto text-xs text-zinc-500">{formatRelativeTime(experiment.createdAt)}</span>
                </div>
                <p className="mt-1 mb-3 text-xs text-zinc-500">
                  {experiment.pipelineName} · {experiment.datasetName} · arms {experiment.arms.map((arm) => arm.id).join(', ')} · {formatCount(experiment.progress.total)} trials · {formatCost(experiment.progress.costUsd)}
                </p>
                <ExperimentProgress progress={experiment.progress} active={experiment.status === 'running'} />
              </Link>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
