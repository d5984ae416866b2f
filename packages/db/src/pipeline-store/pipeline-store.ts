import type { GraphProblem, PipelineDocument, PipelineSummary } from '@tandem/shared';
import type { StoredPipelineDraft } from '../repositories/drafts-repository.ts';
import type { NewPipelineOptions, SavedPipelineVersion, StoredPipelineVersion } from '../repositories/pipelines-repository.ts';

/**
 * Pipelines, their immutable versions and their one draft, as the studio's screens read and write them
 * (DESIGN.md §5). Every method is asynchronous so that the same port is served by SQLite (one process)
 * and Postgres (web nodes); the semantics are those of the synchronous pipelines and drafts repositories.
 * Documents come back as written: readers upgrade them.
 */
export interface PipelineStore {
  /** Non-deleted pipelines (those saved only as a draft too), most recently updated first. */
  list(): Promise<PipelineSummary[]>;
  /** A version (default: the latest) of a non-deleted pipeline with the list of its versions, or undefined. */
  get(id: string, version?: number): Promise<StoredPipelineVersion | undefined>;
  /**
   * Creates pipeline `document.id` at version 1 and drops any draft it had (CONFLICT when a non-deleted
   * pipeline has the id; a deleted one is revived at its next version).
   */
  createPipeline(document: PipelineDocument, options?: NewPipelineOptions): Promise<SavedPipelineVersion>;
  /** Saves version N+1 and drops the draft (PIPELINE_NOT_FOUND, VALIDATION_FAILED when `document.id` is not `id`). */
  saveVersion(id: string, document: PipelineDocument): Promise<SavedPipelineVersion>;
  /** Soft-deletes a pipeline; versions and runs stay (PIPELINE_NOT_FOUND when missing, CONFLICT for a system pipeline). */
  delete(id: string): Promise<void>;
  /**
   * Saves the draft of `document.id`, replacing the previous one. With `create`, a pipeline that does not
   * exist is created at version 0 to hold it (CONFLICT when it exists); without, PIPELINE_NOT_FOUND when missing.
   */
  saveDraft(document: PipelineDocument, problems: readonly GraphProblem[], options?: { create?: boolean }): Promise<StoredPipelineDraft>;
  /** The draft of a non-deleted pipeline, or undefined. */
  getDraft(pipelineId: string): Promise<StoredPipelineDraft | undefined>;
  /** Throws the draft away (nothing happens when there is none). */
  discardDraft(pipelineId: string): Promise<void>;
}
