import { useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { FileUp, LayoutTemplate, Plus, Workflow } from 'lucide-react';
import type { PipelineSummary } from '@tandem/shared';
import { pipelinesQuery } from '../api/pipelines.ts';
import { Button } from '../ui/button.tsx';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { FileButton } from '../ui/file-button.tsx';
import { PageSpinner } from '../ui/spinner.tsx';
import { NewPipelineDialog } from './new-pipeline-dialog.tsx';
import { NewExperimentDialog } from '../experiments/new-experiment-dialog.tsx';
import { PipelineCard } from './pipeline-card.tsx';
import { useAccess } from '../access/use-access.ts';
import { usePipelineActions } from './use-pipeline-actions.ts';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-3">
      <h2 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">{title}</h2>
      {children}
    </section>
  );
}

const gridClassName = 'grid gap-3 sm:grid-cols-2 xl:grid-cols-3 2xl:grid-cols-4';

/** `/`: the user's pipelines and the templates. */
export function PipelinesPage() {
  const { data, error, isPending, refetch } = useQuery(pipelinesQuery());
  const actions = usePipelineActions();
  const { canEdit } = useAccess();
  const [creating, setCreating] = useState(false);
  const [template, setTemplate] = useState<PipelineSummary>();
  const [deleting, setDeleting] = useState<PipelineSummary>();
  const [experimenting, setExperimenting] = useState<PipelineSummary>();

  const pipelines = (data ?? []).filter((pipeline) => !pipeline.isTemplate && !pipeline.isSystem).sort((a, b) => b.updatedAt - a.updatedAt);
  const templates = (data ?? []).filter((pipeline) => pipeline.isTemplate);
  const system = (data ?? []).filter((pipeline) => pipeline.isSystem && !pipeline.isTemplate);

  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-7xl space-y-8 px-6 py-8">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-xl font-semibold tracking-tight">Pipelines</h1>
            <p className="mt-1 text-zinc-500">Draw LLM pipelines as graphs, run them and watch every step.</p>
          </div>
          <div className={canEdit ? 'flex items-center gap-2' : 'hidden'}>
            <FileButton accept="application/json,.json" onFile={(file) => void actions.importFile(file)} data-testid="import-pipeline">
              <FileUp />
              Import
            </FileButton>
            <Button variant="primary" onClick={() => setCreating(true)} data-testid="new-pipeline">
              <Plus />
              New pipeline
            </Button>
          </div>
        </div>

        {isPending ? <PageSpinner label="Loading pipelines…" /> : null}
        {error ? (
          <ErrorPanel error={error} title="Could not load pipelines" action={<Button size="sm" onClick={() => void refetch()}>Try again</Button>} />
        ) : null}

        {data ? (
          <>
            <Section title="Your pipelines">
              {pipelines.length === 0 ? (
                <EmptyState
                  icon={<Workflow />}
                  title="No pipelines yet"
                  description="Start from scratch with an input → LLM → output pipeline, or copy one of the templates below."
                  action={
                    canEdit ? (
                    <Button variant="primary" onClick={() => setCreating(true)}>
                      <Plus />
                      New pipeline
                    </Button>
                    ) : undefined
                  }
                />
              ) : (
                <div className={gridClassName} data-testid="pipeline-list">
                  {pipelines.map((pipeline) => (
                    <PipelineCard key={pipeline.id} pipeline={pipeline} {...(canEdit ? { onDelete: () => setDeleting(pipeline), onExperiment: () => setExperimenting(pipeline) } : {})} />
                  ))}
                </div>
              )}
            </Section>
            {system.length > 0 ? (
              <Section title="Kept by the server">
                <p className="-mt-1 text-[13px] text-zinc-500">The server runs these for its compatibility APIs (<span className="font-mono">/generate</span>). Open them to see or change what they do; they cannot be deleted.</p>
                <div className={gridClassName} data-testid="system-list">
                  {system.map((pipeline) => (
                    <PipelineCard key={pipeline.id} pipeline={pipeline} />
                  ))}
                </div>
              </Section>
            ) : null}
            <Section title="Templates">
              {templates.length === 0 ? (
                <EmptyState icon={<LayoutTemplate />} title="No templates" description="The server ships none at the moment." />
              ) : (
                <div className={gridClassName} data-testid="template-list">
                  {templates.map((item) => (
                    <PipelineCard key={item.id} pipeline={item} {...(canEdit ? { onUseTemplate: () => setTemplate(item), onExperiment: () => setExperimenting(item) } : {})} />
                  ))}
                </div>
              )}
            </Section>
          </>
        ) : null}
      </div>

      <NewPipelineDialog
        key={creating ? 'open' : 'closed'}
        open={creating}
        onOpenChange={setCreating}
        title="New pipeline"
        submitLabel="Create pipeline"
        onSubmit={(values) => actions.createNew(values.name, values.description)}
      />
      <NewPipelineDialog
        key={template?.id ?? 'no-template'}
        open={template !== undefined}
        onOpenChange={(open) => (open ? undefined : setTemplate(undefined))}
        title={`Use template “${template?.name ?? ''}”`}
        initialName={template ? `${template.name} copy` : ''}
        submitLabel="Create from template"
        onSubmit={(values) => actions.copyTemplate(template!.id, values.name)}
      />
      {experimenting ? <NewExperimentDialog open onOpenChange={(open) => (open ? undefined : setExperimenting(undefined))} pipelineId={experimenting.id} /> : null}
      <ConfirmDialog
        open={deleting !== undefined}
        onOpenChange={(open) => (open ? undefined : setDeleting(undefined))}
        title="Delete pipeline?"
        description={
          <>
            <strong className="text-zinc-900">{deleting?.name}</strong> and all its versions will be deleted. Past runs keep their traces.
          </>
        }
        confirmLabel="Delete"
        danger
        onConfirm={() => actions.remove(deleting!.id)}
      />
    </div>
  );
}
