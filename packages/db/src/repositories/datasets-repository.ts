import { StudioError, type DatasetCreated, type DatasetFormat, type DatasetRow, type DatasetSummary } from '@tandem/shared';
import type { TandemDatabase } from '../client.ts';

/** A parsed upload, ready to store: its rows already serialised as JSON objects. */
export interface DatasetUpload {
  name: string;
  format: DatasetFormat;
  columns: string[];
  /** Each row as a JSON object text, in file order (the index is the position). */
  rows: readonly string[];
}

interface VersionRow {
  dataset_id: string;
  name: string;
  version: number;
  latest_version: number;
  format: DatasetFormat;
  columns: string;
  row_count: number;
  created_at: number;
  updated_at: number;
  locked: number;
}

/** Stores datasets and their versions. Rows are written in one transaction with their version: never half an upload. */
export interface DatasetsRepository {
  /** Stores a new dataset (version 1). */
  create(id: string, upload: DatasetUpload): DatasetCreated;
  /**
   * Replaces a dataset's content. A latest version no experiment used is rewritten in place; one an
   * experiment used stays as it is and the content becomes the next version. Throws DATASET_NOT_FOUND.
   */
  replace(id: string, upload: DatasetUpload): DatasetCreated;
  /** The dataset described by a version (the latest by default), or undefined. */
  get(id: string, version?: number): DatasetSummary | undefined;
  /** Every dataset by its latest version, newest first. */
  list(): DatasetSummary[];
  /** A page of rows of a version, by index. */
  rows(id: string, version: number, offset: number, limit: number): DatasetRow[];
  /** The rows with these indexes (those that exist), in index order. */
  rowsAt(id: string, version: number, indexes: readonly number[]): DatasetRow[];
}

/** Creates the datasets repository over an open database. */
export function createDatasetsRepository(database: TandemDatabase): DatasetsRepository {
  const { sqlite } = database;
  const selectVersion = sqlite.prepare<[string, number | null], VersionRow>(
    `SELECT d.id AS dataset_id, d.name, v.version, d.latest_version, v.format, v.columns, v.row_count, d.created_at, d.updated_at,
        EXISTS (SELECT 1 FROM experiments e WHERE e.dataset_id = d.id AND e.dataset_version = v.version) AS locked
       FROM datasets d JOIN dataset_versions v ON v.dataset_id = d.id
       WHERE d.id = ? AND v.version = coalesce(?, d.latest_version)`,
  );
  const selectAll = sqlite.prepare<[], VersionRow>(
    `SELECT d.id AS dataset_id, d.name, v.version, d.latest_version, v.format, v.columns, v.row_count, d.created_at, d.updated_at,
        EXISTS (SELECT 1 FROM experiments e WHERE e.dataset_id = d.id AND e.dataset_version = v.version) AS locked
       FROM datasets d JOIN dataset_versions v ON v.dataset_id = d.id AND v.version = d.latest_version
       ORDER BY d.updated_at DESC, d.id`,
  );
  const selectVersions = sqlite.prepare<[string], number>('SELECT version FROM dataset_versions WHERE dataset_id = ? ORDER BY version').pluck();
  const insertDataset = sqlite.prepare<[string, string, number, number]>('INSERT INTO datasets (id, name, latest_version, created_at, updated_at) VALUES (?, ?, 1, ?, ?)');
  const updateDataset = sqlite.prepare<[string, number, number, string]>('UPDATE datasets SET name = ?, latest_version = ?, updated_at = ? WHERE id = ?');
  const insertVersion = sqlite.prepare<[string, number, DatasetFormat, string, number, number]>(
    'INSERT INTO dataset_versions (dataset_id, version, format, columns, row_count, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const updateVersion = sqlite.prepare<[DatasetFormat, string, number, number, string, number]>(
    'UPDATE dataset_versions SET format = ?, columns = ?, row_count = ?, created_at = ? WHERE dataset_id = ? AND version = ?',
  );
  const deleteRows = sqlite.prepare<[string, number]>('DELETE FROM dataset_rows WHERE dataset_id = ? AND version = ?');
  const insertRow = sqlite.prepare<[string, number, number, string]>('INSERT INTO dataset_rows (dataset_id, version, row_index, data) VALUES (?, ?, ?, ?)');
  const selectRows = sqlite.prepare<[string, number, number, number], { row_index: number; data: string }>(
    'SELECT row_index, data FROM dataset_rows WHERE dataset_id = ? AND version = ? AND row_index >= ? ORDER BY row_index LIMIT ?',
  );
  const selectRow = sqlite.prepare<[string, number, number], { row_index: number; data: string }>('SELECT row_index, data FROM dataset_rows WHERE dataset_id = ? AND version = ? AND row_index = ?');

  const findVersion = (id: string, version?: number) => selectVersion.get(id, version ?? null);

  function writeRows(id: string, version: number, rows: readonly string[]) {
    rows.forEach((data, index) => insertRow.run(id, version, index, data));
  }

  const create = sqlite.transaction((id: string, upload: DatasetUpload): DatasetCreated => {
    if (findVersion(id)) throw new StudioError('CONFLICT', `A dataset with id "${id}" already exists`, { details: { id } });
    const now = Date.now();
    insertDataset.run(id, upload.name, now, now);
    insertVersion.run(id, 1, upload.format, JSON.stringify(upload.columns), upload.rows.length, now);
    writeRows(id, 1, upload.rows);
    return { id, version: 1, rowCount: upload.rows.length, columns: upload.columns };
  });

  const replace = sqlite.transaction((id: string, upload: DatasetUpload): DatasetCreated => {
    const latest = findVersion(id);
    if (!latest) throw notFound(id);
    const now = Date.now();
    let version = latest.version;
    if (latest.locked) {
      version += 1;
      insertVersion.run(id, version, upload.format, JSON.stringify(upload.columns), upload.rows.length, now);
    } else {
      deleteRows.run(id, version);
      updateVersion.run(upload.format, JSON.stringify(upload.columns), upload.rows.length, now, id, version);
    }
    writeRows(id, version, upload.rows);
    updateDataset.run(upload.name, version, now, id);
    return { id, version, rowCount: upload.rows.length, columns: upload.columns };
  });

  const toSummary = (row: VersionRow): DatasetSummary => ({
    id: row.dataset_id,
    name: row.name,
    version: row.version,
    versions: selectVersions.all(row.dataset_id),
    format: row.format,
    rowCount: row.row_count,
    columns: JSON.parse(row.columns) as string[],
    locked: row.locked === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
  const toRow = (row: { row_index: number; data: string }): DatasetRow => ({ index: row.row_index, data: JSON.parse(row.data) as Record<string, unknown> });

  return {
    create: (id, upload) => create.immediate(id, upload),
    replace: (id, upload) => replace.immediate(id, upload),
    get(id, version) {
      const row = findVersion(id, version);
      return row ? toSummary(row) : undefined;
    },
    list: () => selectAll.all().map(toSummary),
    rows: (id, version, offset, limit) => selectRows.all(id, version, Math.max(0, offset), Math.max(0, limit)).map(toRow),
    rowsAt(id, version, indexes) {
      const rows: DatasetRow[] = [];
      for (const index of [...new Set(indexes)].sort((a, b) => a - b)) {
        const row = selectRow.get(id, version, index);
        if (row) rows.push(toRow(row));
      }
      return rows;
    },
  };
}

function notFound(id: string): StudioError {
  return new StudioError('DATASET_NOT_FOUND', `No dataset "${id}"`, { details: { datasetId: id } });
}
