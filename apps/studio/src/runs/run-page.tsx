import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { ArrowLeft } from 'lucide-react';
import { applyConfigOverrides } from '@tandem/engine';
import { terminalRunStatuses, type RunView } from '@tandem/shared';
import { ApiError } from '../api/http.ts';
import { pipelineQuery } from '../api/pipelines.ts';
import { runQuery, startRun } from '../api/runs.ts';
import { RunDialog } from '../editor/run-dialog.tsx';
import { NotFoundPage } from '../app/not-found-page.tsx';
import { Button } from '../ui/button.tsx';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { PageSpinner } from '../ui/spinner.tsx';
import { useNow } from '../ui/use-now.ts';
import { RunCanvas } from './run-canvas.tsx';
import { RunHeader } from './run-header.tsx';
import { RunOverview } from './run-overview.tsx';
import { RunTimeline } from './run-timeline.tsx';
import { StepDetailPanel } from './step-detail.tsx';
import { useRunEvents } from './use-run-events.ts';

/** `/runs/:runId`: loads the run, then shows it (live while it runs). */
export function RunPage() {
  const { runId = '' } = useParams();
  const query = useQuery(runQuery(runId));
  if (query.isPending) return <PageSpinner label="Loading run…" />;
  if (query.error) {
    if (query.error instanceof ApiError && query.error.isNotFound) return <NotFoundPage what="run" />;
    return (
      <div className="mx-auto max-w-2xl p-10">
        <ErrorPanel error={query.error} title="Could not load the run" action={<Button size="sm" onClick={() => void query.refetch()}>Try again</Button>} />
      </div>
    );
  }
  return <RunScreen key={runId} view={query.data} />;
}

function RunScreen({ view }: { view: RunView }) {
  // Decided once: a run that was active when the page opened is followed live until its stream ends.
  const [live] = useState(() => !terminalRunStatuses.includes(view.status));
  const { run, events, stream, error, retry } = useRunEvents(view.id, { live });
  const steps = run.steps;
  const pipeline = useQuery(pipelineQuery(view.pipelineId, view.version));
  const [selectedNodeId, setSelectedNodeId] = useState<string>();
  const [runningAgain, setRunningAgain] = useState(false);
  const navigate = useNavigate();

  const status = run.lastSeq > 0 ? run.status : view.status;
  const running = !terminalRunStatuses.includes(status);
  const now = useNow(running);
  const startedAt = run.startedAt ?? view.startedAt;
  const finishedAt = run.finishedAt ?? view.finishedAt;
  const endAt = finishedAt ?? (running ? now : startedAt);
  // The configs the run ran with: its version's, with the run's overrides (a fork's edits, an experiment arm's) merged in.
  const stored = pipeline.data?.document;
  const document = useMemo(() => (stored ? applyConfigOverrides(stored, view.overrides).document : undefined), [stored, view.overrides]);
  const selectedNode = document?.nodes.find((node) => node.id === selectedNodeId);

  return (
    <div className="flex h-full flex-col" data-testid="run-view" data-run-status={status}>
      <RunHeader
        runId={view.id}
        pipelineId={view.pipelineId}
        pipelineName={document?.name ?? view.pipelineId}
        version={view.version}
        status={status}
        startedAt={startedAt}
        durationMs={endAt - startedAt}
        stream={stream}
        {...(view.parentRunId ? { parentRunId: view.parentRunId } : {})}
        {...(view.forkedFrom ? { forkedFrom: view.forkedFrom } : {})}
        {...(pipeline.data ? { onRunAgain: () => setRunningAgain(true) } : {})}
      />
      {runningAgain && document ? (
        <RunDialog
          open
          onOpenChange={setRunningAgain}
          title={`Run v${view.version} again`}
          pipelineId={view.pipelineId}
          inputsSchema={document.inputs}
          willSave={false}
          initialInputs={view.inputs}
          onRun={async (inputs) => {
            const { id } = await startRun({ pipelineId: view.pipelineId, version: view.version, inputs });
            setRunningAgain(false);
            await navigate(`/runs/${encodeURIComponent(id)}`);
          }}
        />
      ) : null}
      {error ? (
        <div className="border-b border-zinc-200 bg-white p-3">
          <ErrorPanel error={error} title="Could not follow this run" action={<Button size="sm" onClick={retry}>Reconnect</Button>} />
        </div>
      ) : null}
      <div className="flex min-h-0 flex-1">
        <div className="flex min-w-0 flex-1 flex-col">
          <div className="relative min-h-0 flex-1 bg-zinc-50">
            {pipeline.error ? (
              <div className="p-6">
                <ErrorPanel error={pipeline.error} title="Could not load the pipeline version of this run" />
              </div>
            ) : document ? (
              <RunCanvas document={document} steps={steps} selectedNodeId={selectedNodeId} onSelect={setSelectedNodeId} runFinished={!running && run.lastSeq > 0} />
            ) : (
              <PageSpinner label="Loading pipeline…" />
            )}
          </div>
          <div className="h-56 shrink-0 border-t border-zinc-200 bg-white">
            <RunTimeline run={run} startedAt={startedAt} endAt={endAt} selectedNodeId={selectedNodeId} onSelect={setSelectedNodeId} />
          </div>
        </div>
        <aside className="w-[360px] shrink-0 overflow-y-auto border-l border-zinc-200 bg-white xl:w-[420px]" data-testid="run-side-panel">
          {selectedNodeId ? (
            <>
              <button
                type="button"
                onClick={() => setSelectedNodeId(undefined)}
                className="flex w-full cursor-pointer items-center gap-1.5 border-b border-zinc-100 px-4 py-2 text-xs text-zinc-500 hover:text-zinc-900"
                data-testid="back-to-overview"
              >
                <ArrowLeft className="size-3.5" />
                Run overview
              </button>
              <StepDetailPanel runId={view.id} nodeId={selectedNodeId} node={selectedNode} step={steps[selectedNodeId]} now={now} document={document} runFinished={!running && run.lastSeq > 0} />
            </>
          ) : (
            <RunOverview view={view} run={run} onSelect={setSelectedNodeId} />
          )}
        </aside>
      </div>
    </div>
  );
}
