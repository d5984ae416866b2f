import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ChevronLeft, RotateCcw, Square } from 'lucide-react';
import type { ExperimentView } from '@tandem/shared';
import { cancelExperiment, experimentKeys, experimentQuery, retryFailedTrials } from '../api/experiments.ts';
import { ApiError } from '../api/http.ts';
import { useAccess } from '../access/use-access.ts';
import { NotFoundPage } from '../app/not-found-page.tsx';
import { Badge, type BadgeTone } from '../ui/badge.tsx';
import { Button } from '../ui/button.tsx';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { PageSpinner } from '../ui/spinner.tsx';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '../ui/tabs.tsx';
import { toast } from '../ui/toast.tsx';
import { ComparePanel } from './compare-panel.tsx';
import { ExperimentDashboard } from './experiment-dashboard.tsx';
import { ExperimentProgress } from './experiment-progress.tsx';
import { ExportMenu } from './export-menu.tsx';
import { RowsTable } from './rows-table.tsx';
import { useExperimentEvents } from './use-experiment-events.ts';

const statusTones: Record<ExperimentView['status'], BadgeTone> = { queued: 'neutral', running: 'blue', completed: 'green', failed: 'red', cancelled: 'amber' };

/** `/experiments/:experimentId`: progress live, then verdicts, charts, rows side by side, comparison and exports. */
export function ExperimentPage() {
  const { experimentId = '' } = useParams();
  const query = useQuery(experimentQuery(experimentId));
  if (query.isPending) return <PageSpinner label="Loading experiment…" />;
  if (query.error) {
    if (query.error instanceof ApiError && query.error.isNotFound) return <NotFoundPage what="experiment" />;
    return (
      <div className="mx-auto max-w-2xl p-10">
        <ErrorPanel error={query.error} title="Could not load the experiment" action={<Button size="sm" onClick={() => void query.refetch()}>Try again</Button>} />
      </div>
    );
  }
  return <ExperimentScreen key={experimentId} view={query.data} />;
}

function ExperimentScreen({ view }: { view: ExperimentView }) {
  const queryClient = useQueryClient();
  const { progress, status, stopReason, stream } = useExperimentEvents(view);
  const [busy, setBusy] = useState(false);
  const { canEdit } = useAccess();
  const act = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await action();
      toast(done);
      await queryClient.invalidateQueries({ queryKey: experimentKeys.detail(view.id) });
    } catch (error) {
      toast('That did not work', { tone: 'error', description: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };
  const running = status === 'running';
  return (
    <div className="h-full overflow-y-auto" data-testid="experiment-view" data-status={status}>
      <div className="border-b border-zinc-200 bg-white">
        <div className="mx-auto max-w-7xl space-y-3 px-6 py-4">
          <div className="flex flex-wrap items-center gap-3">
            <Button asChild size="icon" variant="ghost" aria-label="All experiments">
              <Link to="/experiments">
                <ChevronLeft />
              </Link>
            </Button>
            <h1 className="text-lg font-semibold tracking-tight text-zinc-900" data-testid="experiment-name">
              {view.name}
            </h1>
            <Badge tone={statusTones[status]} data-testid="experiment-status" data-status={status}>
              {status}
              {stopReason === 'budget' ? ' · budget spent' : ''}
            </Badge>
            {stream === 'reconnecting' ? <span className="text-xs text-amber-600">Reconnecting…</span> : null}
            <div className="ml-auto flex items-center gap-2">
              {canEdit && progress.failed > 0 && !running ? (
                <Button size="sm" onClick={() => void act(() => retryFailedTrials(view.id), 'Failed trials queued again')} disabled={busy} data-testid="retry-failed">
                  <RotateCcw />
                  Retry failed
                </Button>
              ) : null}
              {canEdit && running ? (
                <Button size="sm" onClick={() => void act(() => cancelExperiment(view.id), 'No new trials will start')} disabled={busy} data-testid="cancel-experiment">
                  <Square className="!size-3 fill-current" />
                  Cancel
                </Button>
              ) : null}
            </div>
          </div>
          <p className="text-[13px] text-zinc-500">
            <Link to={`/pipelines/${encodeURIComponent(view.pipelineId)}`} className="text-zinc-700 hover:underline">
              {view.pipelineName}
            </Link>{' '}
            over{' '}
            <Link to="/datasets" className="text-zinc-700 hover:underline">
              {view.datasetName}
            </Link>{' '}
            v{view.datasetVersion} · {view.arms.length} arms ({view.arms.map((arm) => arm.id).join(', ')}) · baseline {view.baseline} · {view.repeats} repeat{view.repeats === 1 ? '' : 's'} · concurrency {view.concurrency}
          </p>
          <ExperimentProgress progress={progress} active={running} {...(view.budgetUsd !== undefined ? { budgetUsd: view.budgetUsd } : {})} />
        </div>
      </div>
      <Tabs defaultValue="dashboard" className="mx-auto max-w-7xl px-6 py-4">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <TabsList className="px-0">
            <TabsTrigger value="dashboard" data-testid="tab-dashboard">Dashboard</TabsTrigger>
            <TabsTrigger value="rows" data-testid="tab-rows">Rows</TabsTrigger>
            <TabsTrigger value="compare" data-testid="tab-compare">Compare</TabsTrigger>
          </TabsList>
          <ExportMenu experimentId={view.id} />
        </div>
        <TabsContent value="dashboard" className="pt-4">
          <ExperimentDashboard experiment={view} />
        </TabsContent>
        <TabsContent value="rows" className="pt-4">
          <RowsTable experiment={view} />
        </TabsContent>
        <TabsContent value="compare" className="pt-4">
          <ComparePanel experiment={view} />
        </TabsContent>
      </Tabs>
    </div>
  );
}
