import { StudioError, type ConfigOverrides, type PipelineDocument, type PipelineVersionView, type SavedDraft } from '@tandem/shared';
import { diffPipelineDocuments, estimatePipeline, formatPipelineDocument, stableHash, type ModelResolver, type NodeRegistry, type PipelinePlan } from '@tandem/engine';
import type { Repositories } from '@tandem/db';
import { createPipelineChecks } from './pipeline-checks.ts';

/** Saving, checking, loading and exporting pipelines: nothing invalid is ever stored, and every document read is upgraded first. */
export function createPipelineService(deps: { repositories: Repositories; registry: NodeRegistry; models: ModelResolver }) {
  const { repositories, registry, models } = deps;

  const { problemsOf, requireValid, requireValidFor, readStored, planOfDocument, report, prepareDraft, viewOf } = createPipelineChecks(registry, models);

  /** A stored version with its document upgraded to today's format, or undefined when there is none. Asked without a version, it carries the draft, if any. */
  function find(id: string, version?: number): PipelineVersionView | undefined {
    const stored = repositories.pipelines.get(id, version);
    // A pipeline saved only as a draft so far is version 0, the draft's document.
    return viewOf(id, stored, version === undefined ? repositories.drafts.get(id) : undefined);
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
    /** The problems and estimates of a document (`POST /api/pipelines/check`). */
    check: report,
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
      const { document, problems } = prepareDraft(id, input);
      const saved = repositories.drafts.save(document, problems, options);
      return { id: document.id, draft: true, savedAt: saved.savedAt, problems };
    },
    /** What changed from version `from` to version `to` (`GET /api/pipelines/:id/diff`). */
    diff(id: string, from: number, to: number) {
      return diffPipelineDocuments(get(id, from).document, get(id, to).document, (kind) => registry.get(kind)?.role === 'input');
    },
    saveVersion(id: string, input: unknown) {
      return repositories.pipelines.saveVersion(id, requireValidFor(id, input));
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
