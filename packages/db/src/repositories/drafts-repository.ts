import { eq } from 'drizzle-orm';
import { StudioError, type GraphProblem, type PipelineDocument } from '@tandem/shared';
import type { TandemDatabase } from '../client.ts';
import { pipelineDrafts, pipelines, type StoredPipelineDocument } from '../schema.ts';

/** A pipeline's draft as stored; `document` is as written (readers upgrade it, like versions). */
export interface StoredPipelineDraft {
  pipelineId: string;
  document: StoredPipelineDocument;
  baseVersion: number;
  problems: GraphProblem[];
  savedAt: number;
}

/** Stores the one draft (work in progress, problems allowed) a pipeline may have beside its versions. */
export interface DraftsRepository {
  /**
   * Saves `document` as the draft of pipeline `document.id`, replacing the previous one. With
   * `create`, a pipeline that does not exist yet is created with no version (version 0) to hold it;
   * CONFLICT when it exists. Without, PIPELINE_NOT_FOUND when it does not exist.
   */
  save(document: PipelineDocument, problems: readonly GraphProblem[], options?: { create?: boolean }): StoredPipelineDraft;
  /** The draft of a non-deleted pipeline, or undefined. */
  get(pipelineId: string): StoredPipelineDraft | undefined;
  /** Throws the draft away (nothing happens when there is none). */
  discard(pipelineId: string): void;
}

/** Creates the drafts repository over an open database. */
export function createDraftsRepository(database: TandemDatabase): DraftsRepository {
  const { db } = database;

  const save = database.sqlite.transaction((document: PipelineDocument, problems: readonly GraphProblem[], create: boolean): StoredPipelineDraft => {
    const now = Date.now();
    const row = db.select().from(pipelines).where(eq(pipelines.id, document.id)).get();
    const live = row !== undefined && row.deletedAt === null;
    if (create && live) throw new StudioError('CONFLICT', `A pipeline with id "${document.id}" already exists`, { details: { id: document.id } });
    if (!create && !live) throw new StudioError('PIPELINE_NOT_FOUND', `Pipeline "${document.id}" was not found`, { details: { id: document.id } });
    const info = { name: document.name, description: document.description ?? null, updatedAt: now };
    if (!row) db.insert(pipelines).values({ id: document.id, latestVersion: 0, createdAt: now, ...info }).run();
    else db.update(pipelines).set({ ...info, deletedAt: null }).where(eq(pipelines.id, document.id)).run();
    const draft = { pipelineId: document.id, document, baseVersion: row?.latestVersion ?? 0, problems: [...problems], savedAt: now };
    db.insert(pipelineDrafts).values(draft).onConflictDoUpdate({ target: pipelineDrafts.pipelineId, set: draft }).run();
    return draft;
  });

  return {
    save: (document, problems, options = {}) => save.immediate(document, problems, options.create ?? false),
    get(pipelineId) {
      const row = db.select({ draft: pipelineDrafts, deletedAt: pipelines.deletedAt }).from(pipelineDrafts).innerJoin(pipelines, eq(pipelines.id, pipelineDrafts.pipelineId)).where(eq(pipelineDrafts.pipelineId, pipelineId)).get();
      if (!row || row.deletedAt !== null) return undefined;
      return { ...row.draft, problems: row.draft.problems as GraphProblem[] };
    },
    discard(pipelineId) {
      db.delete(pipelineDrafts).where(eq(pipelineDrafts.pipelineId, pipelineId)).run();
    },
  };
}
