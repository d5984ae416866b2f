import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { FlaskConical, Upload } from 'lucide-react';
import type { DatasetSummary, PipelineVersionView } from '@tandem/shared';
import { datasetsQuery } from '../api/datasets.ts';
import { estimateExperiment, startExperiment, type ExperimentEstimate } from '../api/experiments.ts';
import { pipelineQuery } from '../api/pipelines.ts';
import { DatasetDropzone } from '../datasets/dataset-dropzone.tsx';
import { DatasetPreview } from '../datasets/dataset-preview.tsx';
import { Button } from '../ui/button.tsx';
import { Dialog } from '../ui/dialog.tsx';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { Field } from '../ui/field.tsx';
import { formatCost, formatCount, formatDuration } from '../ui/format.ts';
import { Input } from '../ui/input.tsx';
import { Select } from '../ui/select.tsx';
import { PageSpinner, Spinner } from '../ui/spinner.tsx';
import { useDebouncedValue } from '../ui/use-debounced-value.ts';
import { experimentTargets, initialFormState, requestOf, type ExperimentFormState } from './experiment-form-state.ts';

export interface NewExperimentDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  pipelineId: string;
}

/** Start an experiment: dataset, arms, baseline, repeats, concurrency, budget and column mapping, with the trial count and cost first. */
export function NewExperimentDialog({ open, onOpenChange, pipelineId }: NewExperimentDialogProps) {
  const pipeline = useQuery({ ...pipelineQuery(pipelineId), enabled: open });
  const datasets = useQuery({ ...datasetsQuery(), enabled: open });
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="New experiment" description="Run the pipeline’s arms over every row of a dataset and compare them." className="w-[min(760px,calc(100vw-2rem))]" data-testid="new-experiment-dialog">
      {pipeline.error || datasets.error ? <ErrorPanel error={pipeline.error ?? datasets.error} title="Could not load the pipeline or the datasets" /> : null}
      {pipeline.data && datasets.data ? <ExperimentForm view={pipeline.data} datasets={datasets.data} onDone={() => onOpenChange(false)} /> : !(pipeline.error || datasets.error) ? <PageSpinner /> : null}
    </Dialog>
  );
}

function ExperimentForm({ view, datasets, onDone }: { view: PipelineVersionView; datasets: DatasetSummary[]; onDone: () => void }) {
  const navigate = useNavigate();
  const [state, setState] = useState<ExperimentFormState>(() => initialFormState(view.document, view.versions, datasets));
  const [uploading, setUploading] = useState(datasets.length === 0);
  const [estimate, setEstimate] = useState<ExperimentEstimate>();
  const [problem, setProblem] = useState<unknown>();
  const [starting, setStarting] = useState(false);
  const targets = useMemo(() => experimentTargets(view.document), [view.document]);
  const dataset = datasets.find((candidate) => candidate.id === state.datasetId);
  const request = useDebouncedValue(useMemo(() => requestOf(view.id, state), [view.id, state]), 300);
  const update = (patch: Partial<ExperimentFormState>) => setState((current) => ({ ...current, ...patch }));
  const inputs = Object.keys((view.document.inputs.properties as Record<string, unknown> | undefined) ?? {});

  useEffect(() => {
    if (!request.datasetId) return;
    const controller = new AbortController();
    estimateExperiment(request, controller.signal).then(
      (answer) => {
        setEstimate(answer);
        setProblem(undefined);
      },
      (error: unknown) => {
        if ((error as Error).name === 'AbortError') return;
        setEstimate(undefined);
        setProblem(error);
      },
    );
    return () => controller.abort();
  }, [request]);

  const start = async () => {
    setStarting(true);
    try {
      const { id } = await startExperiment(requestOf(view.id, state));
      onDone();
      await navigate(`/experiments/${encodeURIComponent(id)}`);
    } catch (error) {
      setProblem(error);
    } finally {
      setStarting(false);
    }
  };

  const columnOptions = (dataset?.columns ?? []).map((column) => ({ value: column, label: column }));
  return (
    <div className="space-y-5" data-testid="experiment-form">
      <section className="space-y-2">
        <div className="flex items-end gap-2">
          <Field label="Dataset" className="flex-1">
            <Select
              aria-label="Dataset"
              data-testid="experiment-dataset"
              value={state.datasetId || undefined}
              placeholder="Pick a dataset"
              onValueChange={(datasetId) => update({ datasetId, mapping: {}, expected: undefined })}
              options={datasets.map((candidate) => ({ value: candidate.id, label: `${candidate.name} (${formatCount(candidate.rowCount)} rows)` }))}
            />
          </Field>
          <Button onClick={() => setUploading(!uploading)} data-testid="experiment-upload-toggle">
            <Upload />
            Upload
          </Button>
        </div>
        {uploading ? (
          <DatasetDropzone
            compact
            onUploaded={(created) => {
              setUploading(false);
              update({ datasetId: created.id, mapping: {}, expected: undefined });
            }}
          />
        ) : null}
        {dataset ? <DatasetPreview key={`${dataset.id}@${dataset.version}`} dataset={dataset} pageSize={4} {...(estimate?.mapping.expected ? { expected: estimate.mapping.expected } : {})} /> : null}
      </section>

      {dataset ? (
        <section className="grid grid-cols-2 gap-3">
          {inputs.map((input) => (
            <Field key={input} label={<>Input <code className="font-mono">{input}</code> reads column</>}>
              <Select aria-label={`Column for ${input}`} data-testid={`mapping-${input}`} value={state.mapping[input] || estimate?.mapping.inputs[input]} placeholder="No column" onValueChange={(column) => update({ mapping: { ...state.mapping, [input]: column } })} options={columnOptions} />
            </Field>
          ))}
          <Field label="Expected answer column" hint="Feeds the reference scorers (exact, contains, regex, JSON Schema).">
            <Select aria-label="Expected column" data-testid="mapping-expected" value={state.expected ?? estimate?.mapping.expected} placeholder="None" onValueChange={(expected) => update({ expected })} options={columnOptions} />
          </Field>
        </section>
      ) : null}

      <section className="grid grid-cols-2 gap-3">
        <Field label="Arms">
          <Select
            aria-label="Arms"
            data-testid="experiment-arms-kind"
            value={state.armsKind}
            onValueChange={(armsKind) => update({ armsKind: armsKind as ExperimentFormState['armsKind'], baseline: '' })}
            options={[
              ...(targets.variants.length > 0 ? [{ value: 'variants', label: 'Variants of a variants node' }] : []),
              ...(targets.models.length > 0 ? [{ value: 'models', label: 'Models for one node' }] : []),
              { value: 'versions', label: 'Pipeline versions' },
            ]}
          />
        </Field>
        {state.armsKind === 'variants' ? (
          <Field label="Variants node">
            <Select aria-label="Variants node" value={state.variantsNodeId} onValueChange={(variantsNodeId) => update({ variantsNodeId, baseline: '' })} options={targets.variants.map((node) => ({ value: node.id, label: node.label ?? node.id }))} />
          </Field>
        ) : state.armsKind === 'models' ? (
          <Field label="Node">
            <Select aria-label="Model node" value={state.modelNodeId} onValueChange={(modelNodeId) => update({ modelNodeId, baseline: '' })} options={targets.models.map((node) => ({ value: node.id, label: `${node.label ?? node.id} (${node.kind})` }))} />
          </Field>
        ) : (
          <Field label="Versions" hint="Each version is one arm.">
            <div className="flex flex-wrap gap-3 pt-1">
              {[...view.versions].sort((a, b) => b - a).map((version) => (
                <label key={version} className="flex items-center gap-1.5 text-[13px]">
                  <input type="checkbox" checked={state.versions.includes(version)} onChange={(event) => update({ versions: event.target.checked ? [...state.versions, version] : state.versions.filter((entry) => entry !== version), baseline: '' })} />v{version}
                </label>
              ))}
            </div>
          </Field>
        )}
        {state.armsKind === 'models' ? (
          <Field label="Models" hint="Comma separated, e.g. sim:writer, openai:gpt-4o-mini" className="col-span-2">
            <Input value={state.models} onChange={(event) => update({ models: event.target.value, baseline: '' })} aria-label="Models" />
          </Field>
        ) : null}
        <Field label="Baseline">
          <Select aria-label="Baseline" data-testid="experiment-baseline" value={state.baseline || estimate?.baseline} placeholder="First arm" onValueChange={(baseline) => update({ baseline })} options={(estimate?.arms ?? []).map((arm) => ({ value: arm.id, label: arm.label }))} />
        </Field>
        <div className="grid grid-cols-3 gap-3">
          <Field label="Repeats">
            <Input type="number" min={1} max={20} value={state.repeats} onChange={(event) => update({ repeats: Math.max(1, Number(event.target.value) || 1) })} aria-label="Repeats" />
          </Field>
          <Field label="Concurrency">
            <Input type="number" min={1} max={32} value={state.concurrency} onChange={(event) => update({ concurrency: Math.max(1, Number(event.target.value) || 1) })} aria-label="Concurrency" />
          </Field>
          <Field label="Budget (USD)">
            <Input inputMode="decimal" placeholder="none" value={state.budgetUsd} onChange={(event) => update({ budgetUsd: event.target.value })} aria-label="Budget" data-testid="experiment-budget" />
          </Field>
        </div>
      </section>

      {problem ? <ErrorPanel error={problem} title="This experiment cannot start yet" /> : null}
      <div className="flex items-center justify-between gap-3 border-t border-zinc-100 pt-4">
        <p className="text-[13px] text-zinc-600" data-testid="experiment-estimate">
          {estimate ? (
            <>
              <strong className="text-zinc-900">{formatCount(estimate.trials)} trials</strong> ({estimate.arms.length} arms × {formatCount(dataset?.rowCount ?? 0)} rows × {state.repeats}) · about{' '}
              {formatCost(estimate.estimate.costUsd)} · about {formatDuration(estimate.estimate.durationMs)}
            </>
          ) : problem ? null : (
            <Spinner label="Estimating…" />
          )}
        </p>
        <Button variant="primary" onClick={() => void start()} disabled={!estimate || starting} data-testid="start-experiment">
          <FlaskConical />
          {starting ? 'Starting…' : 'Start experiment'}
        </Button>
      </div>
    </div>
  );
}
