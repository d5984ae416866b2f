import type { CreateExperimentBody, DatasetSummary, PipelineDocument } from '@tandem/shared';

/** What the new-experiment form edits. */
export interface ExperimentFormState {
  datasetId: string;
  armsKind: 'variants' | 'models' | 'versions';
  variantsNodeId: string;
  modelNodeId: string;
  models: string;
  versions: number[];
  baseline: string;
  repeats: number;
  concurrency: number;
  budgetUsd: string;
  /** Input name → column; empty means "by name". */
  mapping: Record<string, string>;
  /** The expected column; '' for none, undefined for the default (a column named `expected`). */
  expected: string | undefined;
}

/** Nodes an experiment can vary. */
export function experimentTargets(document: PipelineDocument) {
  return {
    variants: document.nodes.filter((node) => node.kind === 'variants'),
    models: document.nodes.filter((node) => node.kind === 'llm' || node.kind === 'critique' || node.kind === 'judge'),
  };
}

function modelOf(config: Record<string, unknown>): string {
  if (typeof config.model === 'string') return config.model;
  const primary = config.primary as { model?: unknown } | undefined;
  return typeof primary?.model === 'string' ? primary.model : '';
}

/** A dataset covers the pipeline when every required input has a column of its name. */
export function coversInputs(dataset: DatasetSummary, document: PipelineDocument): boolean {
  const required = Array.isArray(document.inputs.required) ? (document.inputs.required as string[]) : [];
  const columns = new Set(dataset.columns.map((column) => column.toLowerCase()));
  return required.every((input) => columns.has(input.toLowerCase()));
}

/** The form's first state: a dataset that covers the inputs, the pipeline's variants when it has some. */
export function initialFormState(document: PipelineDocument, versions: readonly number[], datasets: readonly DatasetSummary[], preferredDatasetId?: string): ExperimentFormState {
  const targets = experimentTargets(document);
  const dataset = datasets.find((candidate) => candidate.id === preferredDatasetId) ?? datasets.find((candidate) => coversInputs(candidate, document)) ?? datasets[0];
  const modelNode = targets.models[0];
  const sorted = [...versions].sort((a, b) => b - a);
  return {
    datasetId: dataset?.id ?? '',
    armsKind: targets.variants.length > 0 ? 'variants' : targets.models.length > 0 ? 'models' : 'versions',
    variantsNodeId: targets.variants[0]?.id ?? '',
    modelNodeId: modelNode?.id ?? '',
    models: modelNode ? [modelOf(modelNode.config), 'sim:fast?tps=20000&ttft=20'].filter(Boolean).join(', ') : '',
    versions: sorted.slice(0, 2),
    baseline: '',
    repeats: 1,
    concurrency: 4,
    budgetUsd: '',
    mapping: {},
    expected: undefined,
  };
}

/** The request the form describes. */
export function requestOf(pipelineId: string, state: ExperimentFormState): CreateExperimentBody {
  const arms: CreateExperimentBody['arms'] =
    state.armsKind === 'variants'
      ? { kind: 'variants', nodeId: state.variantsNodeId }
      : state.armsKind === 'models'
        ? { kind: 'models', nodeId: state.modelNodeId, models: state.models.split(',').map((model) => model.trim()).filter(Boolean) }
        : { kind: 'versions', versions: [...state.versions].sort((a, b) => a - b) };
  const inputs = Object.fromEntries(Object.entries(state.mapping).filter(([, column]) => column !== ''));
  const budget = state.budgetUsd.trim() === '' ? undefined : Number(state.budgetUsd);
  return {
    pipelineId,
    datasetId: state.datasetId,
    arms,
    repeats: state.repeats,
    concurrency: state.concurrency,
    ...(state.baseline ? { baseline: state.baseline } : {}),
    ...(budget !== undefined ? { budgetUsd: budget } : {}),
    ...(Object.keys(inputs).length > 0 || state.expected ? { mapping: { ...(Object.keys(inputs).length > 0 ? { inputs } : {}), ...(state.expected ? { expected: state.expected } : {}) } } : {}),
  };
}
