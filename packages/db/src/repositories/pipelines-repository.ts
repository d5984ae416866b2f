import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { StudioError, type PipelineDocument, type PipelineSummary, type PipelineVersionView } from '@tandem/shared';
import type { TandemDatabase } from '../client.ts';
import { pipelineDrafts, pipelines, pipelineVersions, type StoredPipelineDocument } from '../schema.ts';

/** What `createPipeline` and `saveVersion` answer (`POST/PUT /api/pipelines` bodies). */
export interface SavedPipelineVersion {
  id: string;
  version: number;
}

/** A stored version with the list of its pipeline's versions; `document` is as written (see {@link StoredPipelineDocument}). */
export interface StoredPipelineVersion extends Omit<PipelineVersionView, 'document' | 'draft'> {
  document: StoredPipelineDocument;
}

/** How a pipeline is created: a template (listed apart, copied by users) or a system pipeline (kept by the server, never deleted). */
export interface NewPipelineOptions {
  isTemplate?: boolean;
  isSystem?: boolean;
}

/** Stores pipelines and their immutable versions. Documents come back as written: readers upgrade them. */
export interface PipelinesRepository {
  /**
   * Creates the pipeline `document.id` at version 1. Throws StudioError CONFLICT when a pipeline with
   * that id exists and is not deleted. Re-creating a deleted id revives it: its old versions stay (runs
   * point at them) and the document becomes the next version, which is what the answer says.
   */
  createPipeline(document: PipelineDocument, options?: NewPipelineOptions): SavedPipelineVersion;
  /**
   * Saves `document` as version N+1 of pipeline `id` and drops its draft. Throws PIPELINE_NOT_FOUND when
   * there is no such (non-deleted) pipeline, VALIDATION_FAILED when `document.id` is not `id`.
   */
  saveVersion(id: string, document: PipelineDocument): SavedPipelineVersion;
  /** A version (default: the latest) of a non-deleted pipeline with the list of its versions, or undefined. */
  get(id: string, version?: number): StoredPipelineVersion | undefined;
  /** The document of an exact version, even of a deleted pipeline (runs and resume need it), or undefined. */
  getDocument(id: string, version: number): StoredPipelineDocument | undefined;
  /** The latest version of a non-deleted pipeline, or undefined (one prepared query: starting runs asks it). */
  latestVersion(id: string): number | undefined;
  /** Non-deleted pipelines (those saved only as a draft too), most recently updated first. */
  list(): PipelineSummary[];
  /** Soft-deletes a pipeline; its versions and runs stay. Throws PIPELINE_NOT_FOUND when missing, CONFLICT for a system pipeline. */
  delete(id: string): void;
  /** Marks a pipeline as the server's own (kept apart, not deletable). */
  markSystem(id: string): void;
}

/** Creates the pipelines repository over an open database. */
export function createPipelinesRepository(database: TandemDatabase): PipelinesRepository {
  const { db } = database;
  const selectLatestVersion = database.sqlite.prepare<[string], number>('SELECT latest_version FROM pipelines WHERE id = ? AND deleted_at IS NULL').pluck();

  function insertVersion(id: string, version: number, document: PipelineDocument, now: number): void {
    db.insert(pipelineVersions).values({ pipelineId: id, version, document, createdAt: now }).run();
  }

  function findRow(id: string) {
    return db.select().from(pipelines).where(eq(pipelines.id, id)).get();
  }

  const createPipeline = database.sqlite.transaction(
    (document: PipelineDocument, options: NewPipelineOptions): SavedPipelineVersion => {
      const now = Date.now();
      const existing = findRow(document.id);
      if (existing && existing.deletedAt === null) {
        throw new StudioError('CONFLICT', `A pipeline with id "${document.id}" already exists`, {
          details: { id: document.id },
        });
      }
      const version = existing ? existing.latestVersion + 1 : 1;
      const row = {
        name: document.name,
        description: document.description ?? null,
        latestVersion: version,
        isTemplate: options.isTemplate ?? false,
        isSystem: options.isSystem ?? false,
        deletedAt: null,
        updatedAt: now,
      };
      if (existing) db.update(pipelines).set(row).where(eq(pipelines.id, document.id)).run();
      else db.insert(pipelines).values({ id: document.id, createdAt: now, ...row }).run();
      insertVersion(document.id, version, document, now);
      db.delete(pipelineDrafts).where(eq(pipelineDrafts.pipelineId, document.id)).run();
      return { id: document.id, version };
    },
  );

  const saveVersion = database.sqlite.transaction((id: string, document: PipelineDocument): SavedPipelineVersion => {
    if (document.id !== id) {
      throw new StudioError('VALIDATION_FAILED', `The document id "${document.id}" does not match the pipeline "${id}"`, {
        details: { field: 'id', expected: id, actual: document.id },
      });
    }
    const existing = findRow(id);
    if (!existing || existing.deletedAt !== null) throw pipelineNotFound(id);
    const now = Date.now();
    const version = existing.latestVersion + 1;
    db.update(pipelines)
      .set({ name: document.name, description: document.description ?? null, latestVersion: version, updatedAt: now })
      .where(eq(pipelines.id, id))
      .run();
    insertVersion(id, version, document, now);
    db.delete(pipelineDrafts).where(eq(pipelineDrafts.pipelineId, id)).run();
    return { id, version };
  });

  const get = database.sqlite.transaction((id: string, version?: number): StoredPipelineVersion | undefined => {
    const row = findRow(id);
    if (!row || row.deletedAt !== null) return undefined;
    const wanted = version ?? row.latestVersion;
    const stored = db
      .select()
      .from(pipelineVersions)
      .where(and(eq(pipelineVersions.pipelineId, id), eq(pipelineVersions.version, wanted)))
      .get();
    if (!stored) return undefined;
    const versions = db
      .select({ version: pipelineVersions.version })
      .from(pipelineVersions)
      .where(eq(pipelineVersions.pipelineId, id))
      .orderBy(pipelineVersions.version)
      .all()
      .map((entry) => entry.version);
    return {
      id,
      version: stored.version,
      createdAt: stored.createdAt,
      document: stored.document,
      versions,
      ...(row.isTemplate ? { isTemplate: true } : {}),
      ...(row.isSystem ? { isSystem: true } : {}),
    };
  });

  return {
    createPipeline: (document, options = {}) => createPipeline.immediate(document, options),
    saveVersion: (id, document) => saveVersion.immediate(id, document),
    get: (id, version) => get(id, version),
    latestVersion: (id) => selectLatestVersion.get(id),
    getDocument(id, version) {
      const stored = db
        .select({ document: pipelineVersions.document })
        .from(pipelineVersions)
        .where(and(eq(pipelineVersions.pipelineId, id), eq(pipelineVersions.version, version)))
        .get();
      return stored?.document;
    },
    list() {
      const rows = db
        .select({
          id: pipelines.id,
          name: pipelines.name,
          description: pipelines.description,
          version: pipelines.latestVersion,
          // json_valid first: a document SQLite cannot parse (nested deeper than its JSON limit of 1000)
          // must not fail the whole list; it counts 0 nodes instead.
          nodeCount: sql<number>`coalesce(iif(json_valid(${pipelineDrafts.document}), json_array_length(${pipelineDrafts.document}, '$.nodes'), NULL), iif(json_valid(${pipelineVersions.document}), coalesce(json_array_length(${pipelineVersions.document}, '$.nodes'), 0), 0), 0)`,
          updatedAt: pipelines.updatedAt,
          isTemplate: pipelines.isTemplate,
          isSystem: pipelines.isSystem,
          draftSavedAt: pipelineDrafts.savedAt,
        })
        .from(pipelines)
        .leftJoin(
          pipelineVersions,
          and(eq(pipelineVersions.pipelineId, pipelines.id), eq(pipelineVersions.version, pipelines.latestVersion)),
        )
        .leftJoin(pipelineDrafts, eq(pipelineDrafts.pipelineId, pipelines.id))
        .where(isNull(pipelines.deletedAt))
        .orderBy(desc(pipelines.updatedAt), pipelines.id)
        .all();
      return rows.map(({ description, isSystem, draftSavedAt, ...rest }): PipelineSummary => ({
        ...rest,
        ...(description === null ? {} : { description }),
        ...(isSystem ? { isSystem: true } : {}),
        ...(draftSavedAt !== null ? { hasDraft: true } : {}),
      }));
    },
    delete(id) {
      if (findRow(id)?.isSystem) {
        throw new StudioError('CONFLICT', `Pipeline "${id}" is kept by the server (the /generate API runs it) and cannot be deleted`, { details: { id } });
      }
      const now = Date.now();
      const result = db
        .update(pipelines)
        .set({ deletedAt: now, updatedAt: now })
        .where(and(eq(pipelines.id, id), isNull(pipelines.deletedAt)))
        .run();
      if (result.changes === 0) throw pipelineNotFound(id);
    },
    markSystem: (id) => markSystemRow(database, id),
  };
}

function markSystemRow(database: TandemDatabase, id: string): void {
  database.db.update(pipelines).set({ isSystem: true }).where(eq(pipelines.id, id)).run();
}

function pipelineNotFound(id: string): StudioError {
  return new StudioError('PIPELINE_NOT_FOUND', `Pipeline "${id}" was not found`, { details: { id } });
}
