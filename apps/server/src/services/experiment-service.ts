import { randomUUID } from 'node:crypto';
import {
  StudioError,
  type DatasetSummary,
  type ExperimentArm,
  type ExperimentRequest,
  type ExperimentView,
  type GraphProblem,
  type PipelineDocument,
} from '@tandem/shared';
import { checkMapping, checkScorers, modelArms, resolveMapping, variantArms, type ArmDraft, type ModelResolver, type PipelinePlan } from '@tandem/engine';
import { progressOf, type ExperimentRecord, type ExperimentStore } from '@tandem/db';
import type { ExperimentPipelines } from './experiment-pipelines.ts';
import type { WakeHub } from './wake-hub.ts';

/** A checked experiment request, expanded, with what it will cost: what `POST /api/experiments/estimate` answers. */
export interface ExperimentPlan {
  pipelineId: string;
  dataset: DatasetSummary;
  arms: (ExperimentArm & { estimate: { costUsd: number; latencyMs: number } })[];
  baseline: string;
  mapping: { inputs: Record<string, string>; expected?: string };
  trials: number;
  /** Rough total cost (USD) and wall time (ms) at the chosen concurrency, from the engine's estimates. */
  estimate: { costUsd: number; durationMs: number };
}

function invalid(problems: GraphProblem[]): StudioError {
  const summary = problems.slice(0, 3).map((problem) => problem.message).join('; ');
  return new StudioError('EXPERIMENT_INVALID', problems.length === 1 ? summary : `The experiment has ${problems.length} problems: ${summary}`, {
    details: { field: problems[0]?.field, problems },
  });
}

/**
 * Checks, expands, starts and stops experiments, over the asynchronous experiment store: the single process
 * gives it SQLite, a cluster's web node Postgres. Nothing is stored unless every check passed.
 */
export function createExperimentService(deps: {
  store: ExperimentStore;
  pipelines: ExperimentPipelines;
  models: ModelResolver;
  /** Starts an experiment's trials (in process, or enqueued for a cluster's workers). */
  scheduler: { wake(experimentId: string): void };
  /** Wakes the experiment's progress streams. */
  hub: Pick<WakeHub, 'wake'>;
}) {
  const { store } = deps;

  async function requireExperiment(id: string): Promise<ExperimentRecord> {
    const record = await store.experiments.get(id);
    if (!record) throw new StudioError('EXPERIMENT_NOT_FOUND', `No experiment "${id}"`, { details: { experimentId: id } });
    return record;
  }

  async function expandArms(request: ExperimentRequest, latest: PipelineDocument, latestVersion: number): Promise<(ArmDraft & { version: number })[]> {
    const spec = request.arms;
    if (spec.kind === 'variants') return variantArms(latest, spec.nodeId).map((arm) => ({ ...arm, version: latestVersion }));
    if (spec.kind === 'models') {
      const problems: GraphProblem[] = [];
      spec.models.forEach((model, index) => {
        try {
          deps.models.languageModel(model);
        } catch (error) {
          problems.push({ code: 'EXPERIMENT_INVALID', field: `arms.models.${index}`, message: `arms.models.${index}: ${(error as Error).message}` });
        }
      });
      if (problems.length > 0) throw invalid(problems);
      return modelArms(latest, spec.nodeId, spec.models).map((arm) => ({ ...arm, version: latestVersion }));
    }
    const versions = await store.reads.pipelineVersions(request.pipelineId);
    const problems: GraphProblem[] = [];
    const seen = new Set<number>();
    spec.versions.forEach((version, index) => {
      const field = `arms.versions.${index}`;
      if (!versions.includes(version)) problems.push({ code: 'EXPERIMENT_INVALID', field, message: `${field}: pipeline "${request.pipelineId}" has no version ${version} (it has ${versions.join(', ')})` });
      if (seen.has(version)) problems.push({ code: 'EXPERIMENT_INVALID', field, message: `${field}: version ${version} is listed twice` });
      seen.add(version);
    });
    if (problems.length > 0) throw invalid(problems);
    return spec.versions.map((version) => ({ id: `v${version}`, label: `Version ${version}`, overrides: {}, version }));
  }

  async function planOf(request: ExperimentRequest): Promise<ExperimentPlan & { plans: Map<string, PipelinePlan> }> {
    const latest = await deps.pipelines.latest(request.pipelineId);
    if (!latest) throw new StudioError('PIPELINE_NOT_FOUND', `No pipeline "${request.pipelineId}"`, { details: { field: 'pipelineId', pipelineId: request.pipelineId } });
    const dataset = await store.datasets.get(request.datasetId, request.datasetVersion);
    if (!dataset) {
      throw new StudioError('DATASET_NOT_FOUND', `No dataset "${request.datasetId}"${request.datasetVersion ? ` version ${request.datasetVersion}` : ''}`, { details: { field: 'datasetId', datasetId: request.datasetId } });
    }
    const drafts = await expandArms(request, latest.document, latest.version);
    const plans = new Map<string, PipelinePlan>();
    const problems: GraphProblem[] = [];
    for (const arm of drafts) {
      try {
        plans.set(arm.id, await deps.pipelines.planOf(request.pipelineId, arm.version, arm.overrides));
      } catch (error) {
        if (!StudioError.is(error)) throw error;
        const armProblems = (error.details as { problems?: GraphProblem[] } | undefined)?.problems ?? [{ code: error.code, message: error.message }];
        for (const problem of armProblems) problems.push({ ...problem, field: `arms.${arm.id}${problem.field ? `.${problem.nodeId ?? ''}.${problem.field}` : ''}`, message: `Arm "${arm.id}": ${problem.nodeId ? `${problem.nodeId}: ` : ''}${problem.message}` });
      }
    }
    if (problems.length > 0) throw invalid(problems);
    const baselineId = request.baseline === undefined ? drafts[0]!.id : typeof request.baseline === 'number' ? `v${request.baseline}` : request.baseline;
    if (!drafts.some((arm) => arm.id === baselineId)) {
      throw invalid([{ code: 'EXPERIMENT_INVALID', field: 'baseline', message: `baseline: "${baselineId}" is not one of the arms (${drafts.map((arm) => arm.id).join(', ')})` }]);
    }
    const baselinePlan = plans.get(baselineId)!;
    const mapping = resolveMapping(baselinePlan.document.inputs, dataset.columns, request.mapping);
    const outputNodeIds = baselinePlan.document.nodes.filter((node) => baselinePlan.definitions.get(node.id)?.role === 'output').map((node) => node.id);
    const metricNames = baselinePlan.document.nodes.flatMap((node) => (node.kind === 'judge' ? [`${node.id}.score`] : node.kind === 'validate' ? [`${node.id}.valid`] : []));
    const scorerProblems = [
      ...checkMapping(baselinePlan.document.inputs, dataset.columns, mapping),
      ...checkScorers(request.scorers, { outputNodeIds, hasExpected: mapping.expected !== undefined, metricNames }),
    ];
    request.scorers.forEach((scorer, index) => {
      if (scorer.type !== 'rubric') return;
      try {
        deps.models.languageModel(scorer.model);
      } catch (error) {
        scorerProblems.push({ code: 'EXPERIMENT_INVALID', field: `scorers.${index}.model`, message: `scorers.${index}.model: ${(error as Error).message}` });
      }
    });
    if (scorerProblems.length > 0) throw invalid(scorerProblems);

    const arms = drafts.map((draft) => {
      const estimates = Object.values(deps.pipelines.estimate(plans.get(draft.id)!));
      const arm: ExperimentPlan['arms'][number] = {
        id: draft.id,
        label: draft.label,
        version: draft.version,
        estimate: { costUsd: estimates.reduce((sum, estimate) => sum + estimate.costUsd, 0), latencyMs: estimates.reduce((sum, estimate) => sum + estimate.latencyMs, 0) },
      };
      if (Object.keys(draft.overrides).length > 0) arm.overrides = draft.overrides;
      return arm;
    });
    const perRow = request.repeats * dataset.rowCount;
    const costUsd = arms.reduce((sum, arm) => sum + arm.estimate.costUsd * perRow, 0);
    const busyMs = arms.reduce((sum, arm) => sum + arm.estimate.latencyMs * perRow, 0);
    return {
      pipelineId: request.pipelineId,
      dataset,
      arms,
      baseline: baselineId,
      mapping,
      trials: perRow * arms.length,
      estimate: { costUsd, durationMs: Math.round(busyMs / request.concurrency) },
      plans,
    };
  }

  /** A pipeline's name; its id when the stored document cannot be read. */
  async function nameOf(pipelineId: string): Promise<string> {
    try {
      return (await deps.pipelines.latest(pipelineId))?.document.name ?? pipelineId;
    } catch {
      return pipelineId;
    }
  }

  async function view(record: ExperimentRecord): Promise<ExperimentView> {
    const result: ExperimentView = {
      id: record.id,
      name: record.name,
      pipelineId: record.pipelineId,
      pipelineName: await nameOf(record.pipelineId),
      datasetId: record.datasetId,
      datasetVersion: record.datasetVersion,
      datasetName: (await store.datasets.get(record.datasetId, record.datasetVersion))?.name ?? record.datasetId,
      armsSpec: record.armsSpec,
      arms: record.arms,
      baseline: record.baseline,
      repeats: record.repeats,
      concurrency: record.concurrency,
      scorers: record.scorers,
      mapping: record.mapping,
      status: record.status,
      progress: progressOf(record, Date.now()),
      createdAt: record.createdAt,
    };
    if (record.budgetUsd !== undefined) result.budgetUsd = record.budgetUsd;
    if (record.stopReason) result.stopReason = record.stopReason;
    if (record.startedAt !== undefined) result.startedAt = record.startedAt;
    if (record.finishedAt !== undefined) result.finishedAt = record.finishedAt;
    return result;
  }

  return {
    requireExperiment,
    view,
    /** Checks and expands a request without storing anything. */
    async plan(request: ExperimentRequest): Promise<ExperimentPlan> {
      const { plans: _plans, ...plan } = await planOf(request);
      return plan;
    },
    /** Checks, stores (experiment, every trial and its first event in one transaction) and starts an experiment. */
    async create(request: ExperimentRequest): Promise<ExperimentView> {
      const plan = await planOf(request);
      const pipelineName = await nameOf(request.pipelineId);
      const { record } = await store.experiments.create({
        id: randomUUID(),
        name: request.name || `${pipelineName} × ${plan.dataset.name}`,
        pipelineId: request.pipelineId,
        datasetId: plan.dataset.id,
        datasetVersion: plan.dataset.version,
        rowCount: plan.dataset.rowCount,
        armsSpec: request.arms,
        arms: plan.arms.map(({ estimate: _estimate, ...arm }) => arm),
        baseline: plan.baseline,
        repeats: request.repeats,
        concurrency: request.concurrency,
        ...(request.budgetUsd !== undefined ? { budgetUsd: request.budgetUsd } : {}),
        scorers: request.scorers,
        mapping: plan.mapping,
      });
      deps.scheduler.wake(record.id);
      return view((await store.experiments.get(record.id))!);
    },
    /** Stops taking trials; running ones end and are recorded. Throws EXPERIMENT_FINISHED when it already ended. */
    async cancel(id: string): Promise<ExperimentView> {
      const record = await requireExperiment(id);
      if (record.status !== 'running') {
        throw new StudioError('EXPERIMENT_FINISHED', `Experiment "${id}" already ${record.status}`, { details: { experimentId: id, status: record.status } });
      }
      if (await store.experiments.stop(id, 'cancelled')) deps.hub.wake(id);
      return view(await requireExperiment(id));
    },
    /** Puts failed trials back in the queue and starts them again. */
    async retryFailed(id: string): Promise<{ requeued: number; experiment: ExperimentView }> {
      await requireExperiment(id);
      const { requeued, event } = await store.experiments.retryFailed(id);
      if (event) {
        deps.hub.wake(id);
        deps.scheduler.wake(id);
      }
      return { requeued, experiment: await view(await requireExperiment(id)) };
    },
  };
}

export type ExperimentService = ReturnType<typeof createExperimentService>;
