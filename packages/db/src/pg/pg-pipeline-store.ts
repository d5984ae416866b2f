import { StudioError, type GraphProblem, type PipelineDocument, type PipelineSummary } from '@tandem/shared';
import type pg from 'pg';
import type { StoredPipelineDraft } from '../repositories/drafts-repository.ts';
import type { SavedPipelineVersion, StoredPipelineVersion } from '../repositories/pipelines-repository.ts';
import type { PipelineStore } from '../pipeline-store/pipeline-store.ts';
import type { StoredPipelineDocument } from '../schema.ts';
import type { TandemPostgres } from './pg-client.ts';
import { withTransaction } from './pg-transaction.ts';

interface PipelineRow {
  latest_version: number;
  deleted_at: number | null;
  is_template: boolean;
  is_system: boolean;
}

interface DraftRow {
  pipeline_id: string;
  document: StoredPipelineDocument;
  base_version: number;
  problems: GraphProblem[];
  saved_at: number;
}

const pipelineNotFound = (id: string) => new StudioError('PIPELINE_NOT_FOUND', `Pipeline "${id}" was not found`, { details: { id } });

/** Locks a pipeline's row for the rest of the transaction (writers of one pipeline take turns). */
async function lockPipeline(client: pg.PoolClient, id: string): Promise<PipelineRow | undefined> {
  const { rows } = await client.query<PipelineRow>('SELECT latest_version, deleted_at, is_template, is_system FROM pipelines WHERE id = $1 FOR UPDATE', [id]);
  return rows[0];
}

async function insertVersion(client: pg.PoolClient, id: string, version: number, document: PipelineDocument, now: number): Promise<void> {
  await client.query('INSERT INTO pipeline_versions (pipeline_id, version, document, created_at) VALUES ($1, $2, $3, $4)', [id, version, JSON.stringify(document), now]);
  await client.query('DELETE FROM pipeline_drafts WHERE pipeline_id = $1', [id]);
}

/**
 * The pipeline store on Postgres: the same contract as the SQLite adapter (pipeline-store.contract.ts
 * runs against both). Each write is one transaction holding the pipeline's row lock, so two web nodes
 * saving the same pipeline at once get versions N+1 and N+2, never the same number.
 */
export function createPgPipelineStore(postgres: TandemPostgres): PipelineStore {
  const { pool } = postgres;

  return {
    async list() {
      const { rows } = await pool.query<{
        id: string;
        name: string;
        description: string | null;
        version: number;
        node_count: number;
        updated_at: number;
        is_template: boolean;
        is_system: boolean;
        draft_saved_at: number | null;
      }>(
        `SELECT p.id, p.name, p.description, p.latest_version AS version, p.updated_at, p.is_template, p.is_system, d.saved_at AS draft_saved_at,
            coalesce(json_array_length(CASE WHEN json_typeof(d.document -> 'nodes') = 'array' THEN d.document -> 'nodes' END),
                     json_array_length(CASE WHEN json_typeof(v.document -> 'nodes') = 'array' THEN v.document -> 'nodes' END), 0)::int AS node_count
           FROM pipelines p
           LEFT JOIN pipeline_versions v ON v.pipeline_id = p.id AND v.version = p.latest_version
           LEFT JOIN pipeline_drafts d ON d.pipeline_id = p.id
           WHERE p.deleted_at IS NULL
           ORDER BY p.updated_at DESC, p.id COLLATE "C"`,
      );
      return rows.map((row): PipelineSummary => ({
        id: row.id,
        name: row.name,
        ...(row.description === null ? {} : { description: row.description }),
        version: row.version,
        nodeCount: row.node_count,
        updatedAt: row.updated_at,
        isTemplate: row.is_template,
        ...(row.is_system ? { isSystem: true } : {}),
        ...(row.draft_saved_at !== null ? { hasDraft: true } : {}),
      }));
    },

    async get(id, version) {
      // One statement: the pipeline row, the wanted version and the version list read from the same snapshot.
      const { rows } = await pool.query<PipelineRow & { version: number; created_at: number; document: StoredPipelineDocument; versions: number[] }>(
        `SELECT p.latest_version, p.deleted_at, p.is_template, p.is_system, v.version, v.created_at, v.document,
            (SELECT array_agg(a.version ORDER BY a.version) FROM pipeline_versions a WHERE a.pipeline_id = p.id) AS versions
           FROM pipelines p JOIN pipeline_versions v ON v.pipeline_id = p.id AND v.version = coalesce($2::int, p.latest_version)
           WHERE p.id = $1 AND p.deleted_at IS NULL`,
        [id, version ?? null],
      );
      const row = rows[0];
      if (!row) return undefined;
      const stored: StoredPipelineVersion = { id, version: row.version, createdAt: row.created_at, document: row.document, versions: row.versions };
      if (row.is_template) stored.isTemplate = true;
      if (row.is_system) stored.isSystem = true;
      return stored;
    },

    createPipeline: (document, options = {}) =>
      withTransaction(pool, async (client): Promise<SavedPipelineVersion> => {
        const now = Date.now();
        // A first insert of the id races with another node's: the loser waits on the row and then sees it.
        await client.query('INSERT INTO pipelines (id, name, latest_version, created_at, updated_at, deleted_at) VALUES ($1, $2, 0, $3, $3, $3) ON CONFLICT (id) DO NOTHING', [
          document.id,
          document.name,
          now,
        ]);
        const existing = (await lockPipeline(client, document.id))!;
        if (existing.deleted_at === null) throw new StudioError('CONFLICT', `A pipeline with id "${document.id}" already exists`, { details: { id: document.id } });
        const version = existing.latest_version + 1;
        await client.query(
          `UPDATE pipelines SET name = $2, description = $3, latest_version = $4, is_template = $5, is_system = $6, deleted_at = NULL, updated_at = $7
             WHERE id = $1`,
          [document.id, document.name, document.description ?? null, version, options.isTemplate ?? false, options.isSystem ?? false, now],
        );
        await insertVersion(client, document.id, version, document, now);
        return { id: document.id, version };
      }),

    saveVersion: (id, document) =>
      withTransaction(pool, async (client): Promise<SavedPipelineVersion> => {
        if (document.id !== id) {
          throw new StudioError('VALIDATION_FAILED', `The document id "${document.id}" does not match the pipeline "${id}"`, {
            details: { field: 'id', expected: id, actual: document.id },
          });
        }
        const existing = await lockPipeline(client, id);
        if (!existing || existing.deleted_at !== null) throw pipelineNotFound(id);
        const now = Date.now();
        const version = existing.latest_version + 1;
        await client.query('UPDATE pipelines SET name = $2, description = $3, latest_version = $4, updated_at = $5 WHERE id = $1', [
          id,
          document.name,
          document.description ?? null,
          version,
          now,
        ]);
        await insertVersion(client, id, version, document, now);
        return { id, version };
      }),

    async delete(id) {
      const { rows } = await pool.query<{ is_system: boolean }>('SELECT is_system FROM pipelines WHERE id = $1', [id]);
      if (rows[0]?.is_system) {
        throw new StudioError('CONFLICT', `Pipeline "${id}" is kept by the server (the /generate API runs it) and cannot be deleted`, { details: { id } });
      }
      const now = Date.now();
      const result = await pool.query('UPDATE pipelines SET deleted_at = $2, updated_at = $2 WHERE id = $1 AND deleted_at IS NULL', [id, now]);
      if (result.rowCount === 0) throw pipelineNotFound(id);
    },

    saveDraft: (document, problems, options = {}) =>
      withTransaction(pool, async (client): Promise<StoredPipelineDraft> => {
        const now = Date.now();
        const create = options.create ?? false;
        const row = await lockPipeline(client, document.id);
        const live = row !== undefined && row.deleted_at === null;
        if (create && live) throw new StudioError('CONFLICT', `A pipeline with id "${document.id}" already exists`, { details: { id: document.id } });
        if (!create && !live) throw pipelineNotFound(document.id);
        await client.query(
          `INSERT INTO pipelines (id, name, description, latest_version, created_at, updated_at) VALUES ($1, $2, $3, 0, $4, $4)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description, updated_at = excluded.updated_at, deleted_at = NULL`,
          [document.id, document.name, document.description ?? null, now],
        );
        const draft: StoredPipelineDraft = { pipelineId: document.id, document, baseVersion: row?.latest_version ?? 0, problems: [...problems], savedAt: now };
        await client.query(
          `INSERT INTO pipeline_drafts (pipeline_id, document, base_version, problems, saved_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (pipeline_id) DO UPDATE SET document = excluded.document, base_version = excluded.base_version,
               problems = excluded.problems, saved_at = excluded.saved_at`,
          [draft.pipelineId, JSON.stringify(document), draft.baseVersion, JSON.stringify(draft.problems), now],
        );
        return draft;
      }),

    async getDraft(pipelineId) {
      const { rows } = await pool.query<DraftRow>(
        `SELECT d.pipeline_id, d.document, d.base_version, d.problems, d.saved_at FROM pipeline_drafts d
           JOIN pipelines p ON p.id = d.pipeline_id WHERE d.pipeline_id = $1 AND p.deleted_at IS NULL`,
        [pipelineId],
      );
      const row = rows[0];
      return row ? { pipelineId: row.pipeline_id, document: row.document, baseVersion: row.base_version, problems: row.problems, savedAt: row.saved_at } : undefined;
    },

    async discardDraft(pipelineId) {
      await pool.query('DELETE FROM pipeline_drafts WHERE pipeline_id = $1', [pipelineId]);
    },
  };
}
