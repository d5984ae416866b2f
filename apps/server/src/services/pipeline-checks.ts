import { pipelineDocumentSchema, StudioError, type ConfigOverrides, type GraphProblem, type PipelineDocument, type PipelineDraftView, type PipelineVersionView } from '@tandem/shared';
import { applyConfigOverrides, checkPipeline, estimatePipeline, estimateRun, upgradePipelineDocument, type ModelResolver, type NodeEstimate, type NodeRegistry, type PipelinePlan } from '@tandem/engine';
import type { StoredPipelineDraft, StoredPipelineVersion } from '@tandem/db';
import { checkInputSchema } from './input-schema-check.ts';

/** Checks that need the server: every model string must resolve. */
export function checkModels(document: PipelineDocument, models: ModelResolver): GraphProblem[] {
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

/**
 * The checks a pipeline document goes through, whatever stores it (the single-process pipeline service,
 * or cluster mode's web nodes and workers): upgrade, structure, graph, configs, references and models.
 */
export function createPipelineChecks(registry: NodeRegistry, models: ModelResolver) {
  /** Every problem of a document of any version: too new, structure, graph, configs, references and models. */
  function problemsOf(input: unknown): { problems: GraphProblem[]; plan?: PipelinePlan; upgraded?: unknown } {
    const upgrade = upgradePipelineDocument(input, registry);
    if (!upgrade.ok) return { problems: upgrade.problems };
    const check = checkPipeline(upgrade.document, registry);
    if (!check.ok) {
      const parsed = pipelineDocumentSchema.safeParse(upgrade.document);
      return {
        problems: parsed.success ? [...check.problems, ...checkInputSchema(parsed.data.inputs), ...checkModels(parsed.data, models)] : check.problems,
        upgraded: upgrade.document,
      };
    }
    const problems = [...checkInputSchema(check.plan.document.inputs), ...checkModels(check.plan.document, models)];
    return problems.length > 0 ? { problems, upgraded: upgrade.document } : { problems: [], plan: check.plan, upgraded: upgrade.document };
  }

  function refuse(problems: GraphProblem[], prefix = 'The pipeline'): StudioError {
    const summary = problems.slice(0, 3).map((problem) => (problem.nodeId ? `${problem.nodeId}: ${problem.message}` : problem.message)).join('; ');
    const tooNew = problems.some((problem) => problem.code === 'PIPELINE_VERSION_UNSUPPORTED');
    return new StudioError(tooNew ? 'PIPELINE_VERSION_UNSUPPORTED' : 'PIPELINE_INVALID', `${prefix} has ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${summary}`, { details: { problems } });
  }

  function requireValid(input: unknown): PipelinePlan {
    const { problems, plan } = problemsOf(input);
    if (plan) return plan;
    throw refuse(problems);
  }

  /** A stored document (a version's or a draft's, `what` says which) upgraded to today's format; PIPELINE_INVALID when it cannot be read. */
  function readStored(id: string, what: string, document: unknown): PipelineDocument {
    const upgrade = upgradePipelineDocument(document, registry);
    if (!upgrade.ok) throw refuse(upgrade.problems, `Stored pipeline "${id}" ${what}`);
    const parsed = pipelineDocumentSchema.safeParse(upgrade.document);
    if (!parsed.success) {
      throw new StudioError('PIPELINE_INVALID', `Stored pipeline "${id}" ${what} is not a readable document: ${parsed.error.issues[0]?.message ?? 'invalid'}`, {
        details: { problems: parsed.error.issues.map((issue) => ({ code: 'PIPELINE_INVALID', field: issue.path.join('.') || 'document', message: issue.message })) },
      });
    }
    return parsed.data;
  }

  /** The executable plan of a stored (upgraded) version, with config overrides merged in and checked again. */
  function planOfDocument(document: PipelineDocument, pipelineId: string, version: number, overrides?: ConfigOverrides): PipelinePlan {
    if (overrides !== undefined && Object.keys(overrides).length > 0) {
      const merged = applyConfigOverrides(document, overrides);
      const checked = merged.problems.length > 0 ? { problems: merged.problems, plan: undefined } : problemsOf(merged.document);
      if (!checked.plan) {
        const summary = checked.problems.slice(0, 3).map((problem) => (problem.nodeId ? `${problem.nodeId}: ${problem.message}` : problem.message)).join('; ');
        const count = checked.problems.length;
        throw new StudioError('PIPELINE_INVALID', `With its overrides, pipeline "${pipelineId}" v${version} has ${count} problem${count === 1 ? '' : 's'}: ${summary}`, { details: { problems: checked.problems } });
      }
      return checked.plan;
    }
    const check = checkPipeline(document, registry);
    if (!check.ok) throw new StudioError('PIPELINE_INVALID', `Stored pipeline "${pipelineId}" v${version} no longer passes its checks`, { details: { problems: check.problems } });
    return check.plan;
  }

  /** What `POST /api/pipelines/check` answers: the problems, each node's estimate and, when it can run, the whole run's. */
  function report(input: unknown) {
    const { problems, plan, upgraded } = problemsOf(input);
    const document = plan?.document ?? ((upgraded ?? input) as PipelineDocument);
    let estimates: Record<string, NodeEstimate> = {};
    let run: NodeEstimate | undefined;
    try {
      estimates = estimatePipeline(document, registry, models);
      // A whole run along its slowest path: what the editor shows next to Run.
      run = plan ? estimateRun(document, estimates) : undefined;
    } catch {
      estimates = {};
    }
    return { problems, estimates, ...(run && Object.keys(estimates).length > 0 ? { run } : {}) };
  }

  /** A checked document that must carry the id of the pipeline it is saved to. */
  function requireValidFor(id: string, input: unknown): PipelineDocument {
    const document = requireValid(input).document;
    if (document.id !== id) throw idMismatch(document.id, id);
    return document;
  }

  /**
   * A draft's document and its problems: anything that is a pipeline document at all (an id, a nodes
   * list), problems and all; with `id`, it must be that pipeline's.
   */
  function prepareDraft(id: string | undefined, input: unknown): { document: PipelineDocument; problems: GraphProblem[] } {
    const upgrade = upgradePipelineDocument(input, registry);
    if (!upgrade.ok) throw refuse(upgrade.problems);
    const parsed = pipelineDocumentSchema.safeParse(upgrade.document);
    if (!parsed.success) throw refuse(checkPipeline(upgrade.document, registry).problems, 'The draft');
    if (id !== undefined && parsed.data.id !== id) throw idMismatch(parsed.data.id, id);
    return { document: parsed.data, problems: problemsOf(parsed.data).problems };
  }

  /** A stored version with its document upgraded, carrying the draft when `draft` is given; version 0 for a draft-only pipeline. */
  function viewOf(id: string, stored: StoredPipelineVersion | undefined, draft: StoredPipelineDraft | undefined): PipelineVersionView | undefined {
    const draftView: PipelineDraftView | undefined = draft
      ? { document: readStored(id, 'draft', draft.document), savedAt: draft.savedAt, baseVersion: draft.baseVersion, problems: draft.problems }
      : undefined;
    if (!stored) return draftView ? { id, version: 0, createdAt: draftView.savedAt, document: draftView.document, versions: [], draft: draftView } : undefined;
    const view: PipelineVersionView = { ...stored, document: readStored(id, `v${stored.version}`, stored.document) };
    return draftView ? { ...view, draft: draftView } : view;
  }

  return { problemsOf, refuse, requireValid, requireValidFor, readStored, planOfDocument, report, prepareDraft, viewOf };
}

function idMismatch(actual: string, expected: string): StudioError {
  return new StudioError('PIPELINE_INVALID', `The document's id "${actual}" does not match "${expected}"`, {
    details: { problems: [{ code: 'PIPELINE_INVALID', field: 'id', message: `id must be "${expected}"` }] },
  });
}
