import { StudioError, type DatasetCreated, type DatasetFormat, type DatasetRow, type DatasetSummary } from '@tandem/shared';
import type pg from 'pg';
import type { DatasetUpload } from '../repositories/datasets-repository.ts';
import type { DatasetStore } from '../experiment-store/experiment-store.ts';
import type { TandemPostgres } from './pg-client.ts';
import { withTransaction } from './pg-transaction.ts';

interface VersionRow {
  dataset_id: string;
  name: string;
  version: number;
  versions: number[];
  format: DatasetFormat;
  columns: string[];
  row_count: number;
  created_at: number;
  updated_at: number;
  locked: boolean;
}

const versionColumns = `d.id AS dataset_id, d.name, v.version, v.format, v.columns, v.row_count, d.created_at, d.updated_at,
  ARRAY(SELECT dv.version FROM dataset_versions dv WHERE dv.dataset_id = d.id ORDER BY dv.version) AS versions,
  EXISTS (SELECT 1 FROM experiments e WHERE e.dataset_id = d.id AND e.dataset_version = v.version) AS locked`;

/** Rows go in batches of this many per statement (one array parameter per column). */
const rowBatchSize = 5_000;

async function writeRows(client: pg.PoolClient, id: string, version: number, rows: readonly string[]): Promise<void> {
  for (let start = 0; start < rows.length; start += rowBatchSize) {
    const batch = rows.slice(start, start + rowBatchSize);
    await client.query(
      `INSERT INTO dataset_rows (dataset_id, version, row_index, data)
         SELECT $1, $2, index, data FROM unnest($3::int[], $4::jsonb[]) AS given(index, data)`,
      [id, version, batch.map((_row, offset) => start + offset), batch],
    );
  }
}

const toSummary = (row: VersionRow): DatasetSummary => ({
  id: row.dataset_id,
  name: row.name,
  version: row.version,
  versions: row.versions,
  format: row.format,
  rowCount: row.row_count,
  columns: row.columns,
  locked: row.locked,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/**
 * Datasets on Postgres: the same contract as the SQLite repository (experiment-store.contract.ts). An upload
 * is one transaction; a replacement holds the dataset's row lock, which creating an experiment on it also
 * takes, so content an experiment uses is never rewritten in place.
 */
export function createPgDatasetStore(postgres: TandemPostgres): DatasetStore {
  const { pool } = postgres;

  async function find(client: pg.Pool | pg.PoolClient, id: string, version?: number): Promise<VersionRow | undefined> {
    const { rows } = await client.query<VersionRow>(
      `SELECT ${versionColumns} FROM datasets d JOIN dataset_versions v ON v.dataset_id = d.id
         WHERE d.id = $1 AND v.version = coalesce($2::int, d.latest_version)`,
      [id, version ?? null],
    );
    return rows[0];
  }

  return {
    create: (id, upload) =>
      withTransaction(pool, async (client): Promise<DatasetCreated> => {
        const now = Date.now();
        const inserted = await client.query('INSERT INTO datasets (id, name, latest_version, created_at, updated_at) VALUES ($1, $2, 1, $3, $3) ON CONFLICT (id) DO NOTHING', [
          id,
          upload.name,
          now,
        ]);
        if (inserted.rowCount === 0) throw new StudioError('CONFLICT', `A dataset with id "${id}" already exists`, { details: { id } });
        await insertVersion(client, id, 1, upload, now);
        return { id, version: 1, rowCount: upload.rows.length, columns: upload.columns };
      }),

    replace: (id, upload) =>
      withTransaction(pool, async (client): Promise<DatasetCreated> => {
        const held = await client.query('SELECT 1 FROM datasets WHERE id = $1 FOR UPDATE', [id]);
        const latest = held.rowCount === 0 ? undefined : await find(client, id);
        if (!latest) throw new StudioError('DATASET_NOT_FOUND', `No dataset "${id}"`, { details: { datasetId: id } });
        const now = Date.now();
        let version = latest.version;
        if (latest.locked) {
          version += 1;
          await insertVersion(client, id, version, upload, now);
        } else {
          await client.query('DELETE FROM dataset_rows WHERE dataset_id = $1 AND version = $2', [id, version]);
          await client.query('UPDATE dataset_versions SET format = $1, columns = $2, row_count = $3, created_at = $4 WHERE dataset_id = $5 AND version = $6', [
            upload.format,
            JSON.stringify(upload.columns),
            upload.rows.length,
            now,
            id,
            version,
          ]);
          await writeRows(client, id, version, upload.rows);
        }
        await client.query('UPDATE datasets SET name = $1, latest_version = $2, updated_at = $3 WHERE id = $4', [upload.name, version, now, id]);
        return { id, version, rowCount: upload.rows.length, columns: upload.columns };
      }),

    async get(id, version) {
      const row = await find(pool, id, version);
      return row ? toSummary(row) : undefined;
    },

    async list() {
      const { rows } = await pool.query<VersionRow>(
        `SELECT ${versionColumns} FROM datasets d JOIN dataset_versions v ON v.dataset_id = d.id AND v.version = d.latest_version
           ORDER BY d.updated_at DESC, d.id`,
      );
      return rows.map(toSummary);
    },

    async rows(id, version, offset, limit) {
      const { rows } = await pool.query<StoredRow>(
        `SELECT r.row_index, r.data, v.columns FROM dataset_rows r JOIN dataset_versions v ON v.dataset_id = r.dataset_id AND v.version = r.version
           WHERE r.dataset_id = $1 AND r.version = $2 AND r.row_index >= $3 ORDER BY r.row_index LIMIT $4`,
        [id, version, Math.max(0, offset), Math.max(0, limit)],
      );
      return rows.map(toRow);
    },

    async rowsAt(id, version, indexes) {
      if (indexes.length === 0) return [];
      const { rows } = await pool.query<StoredRow>(
        `SELECT r.row_index, r.data, v.columns FROM dataset_rows r JOIN dataset_versions v ON v.dataset_id = r.dataset_id AND v.version = r.version
           WHERE r.dataset_id = $1 AND r.version = $2 AND r.row_index = ANY($3::int[]) ORDER BY r.row_index`,
        [id, version, [...new Set(indexes)]],
      );
      return rows.map(toRow);
    },
  };
}

async function insertVersion(client: pg.PoolClient, id: string, version: number, upload: DatasetUpload, now: number): Promise<void> {
  await client.query('INSERT INTO dataset_versions (dataset_id, version, format, columns, row_count, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    id,
    version,
    upload.format,
    JSON.stringify(upload.columns),
    upload.rows.length,
    now,
  ]);
  await writeRows(client, id, version, upload.rows);
}

interface StoredRow {
  row_index: number;
  data: Record<string, unknown>;
  columns: string[];
}

/** A row with its fields in the order of the file's columns (jsonb keeps its own key order, not the file's). */
function toRow(row: StoredRow): DatasetRow {
  const data: Record<string, unknown> = {};
  for (const column of row.columns) if (Object.hasOwn(row.data, column)) data[column] = row.data[column];
  for (const [key, value] of Object.entries(row.data)) if (!Object.hasOwn(data, key)) data[key] = value;
  return { index: row.row_index, data };
}

/** Reads one row of a dataset version inside a transaction (a trial's claim). */
export async function readDatasetRow(client: pg.PoolClient, id: string, version: number, index: number): Promise<DatasetRow | undefined> {
  const { rows } = await client.query<StoredRow>(
    `SELECT r.row_index, r.data, v.columns FROM dataset_rows r JOIN dataset_versions v ON v.dataset_id = r.dataset_id AND v.version = r.version
       WHERE r.dataset_id = $1 AND r.version = $2 AND r.row_index = $3`,
    [id, version, index],
  );
  return rows[0] ? toRow(rows[0]) : undefined;
}
