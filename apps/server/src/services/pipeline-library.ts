import { StudioError, type PipelineSummary, type PipelineVersionView, type SavedDraft } from '@tandem/shared';
import { diffPipelineDocuments, formatPipelineDocument, type ModelResolver, type NodeRegistry } from '@tandem/engine';
import type { NewPipelineOptions, PipelineStore, SavedPipelineVersion } from '@tandem/db';
import { createPipelineChecks } from './pipeline-checks.ts';

const notFound = (id: string, version?: number) =>
  new StudioError('PIPELINE_NOT_FOUND', `No pipeline "${id}"${version ? ` version ${version}` : ''}`, { details: { pipelineId: id, version } });

/**
 * The pipelines as the studio's screens see them (`/api/pipelines`), over the asynchronous
 * {@link PipelineStore}: the same code in one process (SQLite) and on a cluster's web nodes (Postgres).
 * Nothing invalid is stored as a version; every document read is upgraded first.
 */
export function createPipelineLibrary(deps: { store: PipelineStore; registry: NodeRegistry; models: ModelResolver }) {
  const { store, registry } = deps;
  const checks = createPipelineChecks(registry, deps.models);

  /** A stored version (the latest when none is given) upgraded; asked without a version, it carries the draft. */
  async function find(id: string, version?: number): Promise<PipelineVersionView | undefined> {
    const [stored, draft] = await Promise.all([store.get(id, version), version === undefined ? store.getDraft(id) : undefined]);
    return checks.viewOf(id, stored, draft);
  }

  async function get(id: string, version?: number): Promise<PipelineVersionView> {
    const view = await find(id, version);
    if (!view) throw notFound(id, version);
    return view;
  }

  async function requireExists(id: string): Promise<void> {
    if (!(await store.get(id))) throw new StudioError('PIPELINE_NOT_FOUND', `No pipeline "${id}"`, { details: { id } });
  }

  return {
    list: (): Promise<PipelineSummary[]> => store.list(),
    find,
    /** A stored version (the latest when none is given), upgraded; PIPELINE_NOT_FOUND when missing. */
    get,
    /** The problems and estimates of a document (`POST /api/pipelines/check`); nothing is stored. */
    check: checks.report,
    /** Stores a document (of any version: it is upgraded first) as version 1 of a new pipeline. */
    create: (input: unknown, options?: NewPipelineOptions): Promise<SavedPipelineVersion> => store.createPipeline(checks.requireValid(input).document, options),
    /** PIPELINE_NOT_FOUND unless the pipeline exists with a version (not deleted, not only a draft). */
    requireExists,
    /** Saves a checked document as version N+1 of an existing pipeline. */
    saveVersion: (id: string, input: unknown): Promise<SavedPipelineVersion> => store.saveVersion(id, checks.requireValidFor(id, input)),
    /** Saves work in progress, problems and all, in the draft slot; with `create`, a new pipeline holding only it. */
    async saveDraft(id: string | undefined, input: unknown, options: { create?: boolean } = {}): Promise<SavedDraft> {
      const { document, problems } = checks.prepareDraft(id, input);
      const saved = await store.saveDraft(document, problems, options);
      return { id: document.id, draft: true, savedAt: saved.savedAt, problems };
    },
    /** Throws the draft away (PIPELINE_NOT_FOUND when there is no such pipeline, draft-only ones included). */
    async discardDraft(id: string): Promise<void> {
      if (!(await find(id))) throw new StudioError('PIPELINE_NOT_FOUND', `No pipeline "${id}"`, { details: { id } });
      await store.discardDraft(id);
    },
    /** Soft-deletes a pipeline; its versions and runs stay. */
    async delete(id: string): Promise<void> {
      await requireExists(id);
      await store.delete(id);
    },
    /** What changed from version `from` to version `to` (`GET /api/pipelines/:id/diff`). */
    async diff(id: string, from: number, to: number) {
      const [before, after] = await Promise.all([get(id, from), get(id, to)]);
      return diffPipelineDocuments(before.document, after.document, (kind) => registry.get(kind)?.role === 'input');
    },
    /** Imports a document of any version, giving it a free id when its own is taken. */
    async import(input: unknown): Promise<SavedPipelineVersion> {
      const document = checks.requireValid(input).document;
      let id = document.id;
      for (let suffix = 2; await store.get(id); suffix++) id = `${document.id}-${suffix}`;
      return store.createPipeline({ ...document, id });
    },
    /** A stored version as a file that can live in git: current format, stable key order, final newline. */
    async exportText(id: string, version?: number): Promise<{ view: PipelineVersionView; text: string }> {
      const view = await get(id, version);
      return { view, text: formatPipelineDocument(view.document, registry) };
    },
  };
}

export type PipelineLibrary = ReturnType<typeof createPipelineLibrary>;
