import { pipelineDocumentSchema, StudioError, type ConfigOverrides, type GraphProblem, type PipelineDocument } from '@tandem/shared';
import { applyConfigOverrides, checkPipeline, estimatePipeline, type ModelResolver, type NodeRegistry, type PipelinePlan } from '@tandem/engine';
import type { Repositories } from '@tandem/db';

/** Checks that need the server: every model string must resolve. */
function checkModels(document: PipelineDocument, models: ModelResolver): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const visit = (value: unknown, path: string[], nodeId: string) => {
    if (Array.isArray(value)) value.forEach((item, index) => visit(item, [...path, String(index)], nodeId));
    else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const isModelField = key === 'model' || path.at(-1) === 'fallbackModels';
        if (isModelField && typeof item === 'string' && item) problems.push(...checkModel(item, [...path, key], nodeId));
        else if (key === 'fallbackModels' && Array.isArray(item)) item.forEach((model, index) => typeof model === 'string' && problems.push(...checkModel(model, [...path, key, String(index)], nodeId)));
        else visit(item, [...path, key], nodeId);
      }
    }
  };
  const checkModel = (model: string, path: string[], nodeId: string): GraphProblem[] => {
    try {
      models.languageModel(model);
      return [];
    } catch (error) {
      const field = path.join('.');
      return [{ code: 'MODEL_UNKNOWN', nodeId, field, message: `${field}: ${(error as Error).message}` }];
    }
  };
  for (const node of document.nodes) visit(node.config, ['config'], node.id);
  return problems;
}

/** Saving, checking and loading pipelines: nothing invalid is ever stored. */
export function createPipelineService(deps: { repositories: Repositories; registry: NodeRegistry; models: ModelResolver }) {
  const { repositories, registry, models } = deps;

  /** Every problem of a document: structure, graph, configs, references and models. */
  function problemsOf(input: unknown): { problems: GraphProblem[]; plan?: PipelinePlan } {
    const check = checkPipeline(input, registry);
    if (!check.ok) {
      const parsed = pipelineDocumentSchema.safeParse(input);
      return { problems: parsed.success ? [...check.problems, ...checkModels(parsed.data, models)] : check.problems };
    }
    const problems = checkModels(check.plan.document, models);
    return problems.length > 0 ? { problems } : { problems: [], plan: check.plan };
  }

  function requireValid(input: unknown): PipelinePlan {
    const { problems, plan } = problemsOf(input);
    if (plan) return plan;
    const summary = problems.slice(0, 3).map((problem) => (problem.nodeId ? `${problem.nodeId}: ${problem.message}` : problem.message)).join('; ');
    throw new StudioError('PIPELINE_INVALID', `The pipeline has ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${summary}`, { details: { problems } });
  }

  return {
    check(input: unknown) {
      const { problems, plan } = problemsOf(input);
      const document = plan?.document ?? (input as PipelineDocument);
      let estimates = {};
      try {
        estimates = estimatePipeline(document, registry, models);
      } catch {
        estimates = {};
      }
      return { problems, estimates };
    },
    create(input: unknown, options: { isTemplate?: boolean } = {}) {
      return repositories.pipelines.createPipeline(requireValid(input).document, options);
    },
    saveVersion(id: string, input: unknown) {
      const document = requireValid(input).document;
      if (document.id !== id) {
        throw new StudioError('PIPELINE_INVALID', `The document's id "${document.id}" does not match "${id}"`, { details: { problems: [{ code: 'PIPELINE_INVALID', field: 'id', message: `id must be "${id}"` }] } });
      }
      return repositories.pipelines.saveVersion(id, document);
    },
    /** Imports a document, giving it a free id when its own is taken. */
    import(input: unknown) {
      const document = requireValid(input).document;
      let id = document.id;
      for (let suffix = 2; repositories.pipelines.get(id); suffix++) id = `${document.id}-${suffix}`;
      return repositories.pipelines.createPipeline({ ...document, id });
    },
    /**
     * Loads a stored version (the latest when none is given) as an executable plan. Config overrides
     * are deep-merged into the node configs first and the result is checked again (models included):
     * a bad override is PIPELINE_INVALID naming the node and field.
     */
    loadPlan(pipelineId: string, version?: number, overrides?: ConfigOverrides): { plan: PipelinePlan; version: number } {
      const view = repositories.pipelines.get(pipelineId, version);
      if (!view) throw new StudioError('PIPELINE_NOT_FOUND', `No pipeline "${pipelineId}"${version ? ` version ${version}` : ''}`, { details: { pipelineId, version } });
      if (overrides && Object.keys(overrides).length > 0) {
        const merged = applyConfigOverrides(view.document, overrides);
        const { problems, plan } = merged.problems.length > 0 ? { problems: merged.problems, plan: undefined } : problemsOf(merged.document);
        if (!plan) {
          const summary = problems.slice(0, 3).map((problem) => (problem.nodeId ? `${problem.nodeId}: ${problem.message}` : problem.message)).join('; ');
          throw new StudioError('PIPELINE_INVALID', `With its overrides, pipeline "${pipelineId}" v${view.version} has ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${summary}`, { details: { problems } });
        }
        return { plan, version: view.version };
      }
      const check = checkPipeline(view.document, registry);
      if (!check.ok) throw new StudioError('PIPELINE_INVALID', `Stored pipeline "${pipelineId}" v${view.version} no longer passes its checks`, { details: { problems: check.problems } });
      return { plan: check.plan, version: view.version };
    },
    /** The estimate of each node of a checked plan (latency, tokens, cost), by node id. */
    estimate(plan: PipelinePlan) {
      return estimatePipeline(plan.document, registry, models);
    },
    problemsOf,
  };
}

export type PipelineService = ReturnType<typeof createPipelineService>;
