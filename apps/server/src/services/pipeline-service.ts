import { pipelineDocumentSchema, StudioError, type ConfigOverrides, type PipelineDocument, type PipelineDraftView, type PipelineVersionView, type SavedDraft } from '@tandem/shared';
import {
  checkPipeline,
  diffPipelineDocuments,
  estimatePipeline,
  estimateRun,
  formatPipelineDocument,
  stableHash,
  upgradePipelineDocument,
  type ModelResolver,
  type NodeEstimate,
  type NodeRegistry,
  type PipelinePlan,
} from '@tandem/engine';
import type { Repositories } from '@tandem/db';
import { createPipelineChecks } from './pipeline-checks.ts';

/** Saving, checking, loading and exporting pipelines: nothing invalid is ever stored, and every document read is upgraded first. */
export function createPipelineService(deps: { repositories: Repositories; registry: NodeRegistry; models: ModelResolver }) {
  const { repositories, registry, models } = deps;

  const { problemsOf, refuse, requireValid, readStored, planOfDocument } = createPipelineChecks(registry, models);

  /** The pipeline's draft, upgraded, when there is one. */
  function findDraft(id: string): PipelineDraftView | undefined {
    const draft = repositories.drafts.get(id);
    if (!draft) return undefined;
    return { document: readStored(id, 'draft', draft.document), savedAt: draft.savedAt, baseVersion: draft.baseVersion, problems: draft.problems };
  }

  /** A stored version with its document upgraded to today's format, or undefined when there is none. Asked without a version, it carries the draft, if any. */
  function find(id: string, version?: number): PipelineVersionView | undefined {
    const stored = repositories.pipelines.get(id, version);
    if (!stored) {
      // A pipeline saved only as a draft so far: version 0, the draft's document.
      const draft = version === undefined ? findDraft(id) : undefined;
      return draft ? { id, version: 0, createdAt: draft.savedAt, document: draft.document, versions: [], draft } : undefined;
    }
    if (version === undefined) {
      const draft = findDraft(id);
      if (draft) return { ...stored, document: readStored(id, `v${stored.version}`, stored.document), draft };
    }
    return { ...stored, document: readStored(id, `v${stored.version}`, stored.document) };
  }

  /** Checked plans by exact version (and overrides): versions never change, so each is checked once. */
  const plans = new Map<string, PipelinePlan>();
  const planCacheSize = 512;

  /** The plan of an exact stored version, even of a deleted pipeline (a run of it may still resume). */
  function planOf(pipelineId: string, version: number, overrides?: ConfigOverrides): PipelinePlan {
    const hasOverrides = overrides !== undefined && Object.keys(overrides).length > 0;
    const key = hasOverrides ? `${pipelineId}@${version}#${stableHash(JSON.stringify(overrides))}` : `${pipelineId}@${version}`;
    const cached = plans.get(key);
    if (cached) return cached;
    const plan = planOfDocument(upgradedDocument(pipelineId, version), pipelineId, version, overrides);
    if (plans.size >= planCacheSize) plans.delete(plans.keys().next().value!);
    plans.set(key, plan);
    return plan;
  }

  function upgradedDocument(pipelineId: string, version: number): PipelineDocument {
    const stored = repositories.pipelines.getDocument(pipelineId, version);
    if (!stored) throw new StudioError('PIPELINE_NOT_FOUND', `No pipeline "${pipelineId}" version ${version}`, { details: { pipelineId, version } });
    return readStored(pipelineId, `v${version}`, stored);
  }


  function get(id: string, version?: number): PipelineVersionView {
    const view = find(id, version);
    if (!view) throw new StudioError('PIPELINE_NOT_FOUND', `No pipeline "${id}"${version ? ` version ${version}` : ''}`, { details: { pipelineId: id, version } });
    return view;
  }

  return {
    check(input: unknown) {
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
    },
    /** Stores a document (of any version: it is upgraded first) as version 1 of a new pipeline. */
    create(input: unknown, options: { isTemplate?: boolean; isSystem?: boolean } = {}) {
      return repositories.pipelines.createPipeline(requireValid(input).document, options);
    },
    /**
     * Saves work in progress in the pipeline's draft slot, problems and all (never a version; it cannot
     * run). Only a document that is not a pipeline document at all (no id, no nodes list) is refused.
     * With `create`, the pipeline is created holding only the draft.
     */
    saveDraft(id: string | undefined, input: unknown, options: { create?: boolean } = {}): SavedDraft {
      const upgrade = upgradePipelineDocument(input, registry);
      if (!upgrade.ok) throw refuse(upgrade.problems);
      const parsed = pipelineDocumentSchema.safeParse(upgrade.document);
      if (!parsed.success) throw refuse(checkPipeline(upgrade.document, registry).problems, 'The draft');
      if (id !== undefined && parsed.data.id !== id) {
        throw new StudioError('PIPELINE_INVALID', `The document's id "${parsed.data.id}" does not match "${id}"`, { details: { problems: [{ code: 'PIPELINE_INVALID', field: 'id', message: `id must be "${id}"` }] } });
      }
      const { problems } = problemsOf(parsed.data);
      const saved = repositories.drafts.save(parsed.data, problems, options);
      return { id: parsed.data.id, draft: true, savedAt: saved.savedAt, problems };
    },
    /** What changed from version `from` to version `to` (`GET /api/pipelines/:id/diff`). */
    diff(id: string, from: number, to: number) {
      return diffPipelineDocuments(get(id, from).document, get(id, to).document, (kind) => registry.get(kind)?.role === 'input');
    },
    saveVersion(id: string, input: unknown) {
      const document = requireValid(input).document;
      if (document.id !== id) {
        throw new StudioError('PIPELINE_INVALID', `The document's id "${document.id}" does not match "${id}"`, { details: { problems: [{ code: 'PIPELINE_INVALID', field: 'id', message: `id must be "${id}"` }] } });
      }
      return repositories.pipelines.saveVersion(id, document);
    },
    /** Imports a document of any version, giving it a free id when its own is taken. */
    import(input: unknown) {
      const document = requireValid(input).document;
      let id = document.id;
      for (let suffix = 2; repositories.pipelines.get(id); suffix++) id = `${document.id}-${suffix}`;
      return repositories.pipelines.createPipeline({ ...document, id });
    },
    find,
    /** A stored version (the latest when none is given), upgraded; PIPELINE_NOT_FOUND when missing. */
    get,
    /** A stored version as a file that can live in git: current format, stable key order, final newline. */
    exportText(id: string, version?: number): { view: PipelineVersionView; text: string } {
      const view = get(id, version);
      return { view, text: formatPipelineDocument(view.document, registry) };
    },
    /**
     * Loads a stored version (the latest when none is given), upgraded, as an executable plan. Config
     * overrides are deep-merged into the node configs first and the result is checked again (models
     * included): a bad override is PIPELINE_INVALID naming the node and field.
     */
    loadPlan(pipelineId: string, version?: number, overrides?: ConfigOverrides): { plan: PipelinePlan; version: number } {
      // New runs start only on pipelines that exist (not deleted); the version itself is read once and cached.
      const latest = repositories.pipelines.latestVersion(pipelineId);
      if (latest === 0 && version === undefined) {
        throw new StudioError('PIPELINE_NOT_FOUND', `Pipeline "${pipelineId}" is only a draft so far: fix its problems and save it as a version to run it`, { details: { pipelineId } });
      }
      if (latest === undefined || (version !== undefined && (version > latest || version < 1))) {
        throw new StudioError('PIPELINE_NOT_FOUND', `No pipeline "${pipelineId}"${version ? ` version ${version}` : ''}`, { details: { pipelineId, version } });
      }
      const wanted = version ?? latest;
      return { plan: planOf(pipelineId, wanted, overrides), version: wanted };
    },
    /** The plan of the exact version a run was started on, even when its pipeline was deleted since (resume needs it). */
    planOf,
    /** The estimate of each node of a checked plan (latency, tokens, cost), by node id. */
    estimate(plan: PipelinePlan) {
      return estimatePipeline(plan.document, registry, models);
    },
    problemsOf,
  };
}

export type PipelineService = ReturnType<typeof createPipelineService>;
