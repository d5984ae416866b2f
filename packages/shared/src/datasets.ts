import { z } from 'zod';

/** The file formats a dataset can be uploaded in. */
export const datasetFormats = ['csv', 'jsonl'] as const;
export type DatasetFormat = (typeof datasetFormats)[number];

/** `POST /api/datasets` (JSON form) and `PUT /api/datasets/:id` body. The multipart form sends `file` (and optionally `name`). */
export const createDatasetBodySchema = z.object({
  name: z.string().trim().min(1, 'name the dataset').max(200),
  format: z.enum(datasetFormats),
  content: z.string(),
});
export type CreateDatasetBody = z.infer<typeof createDatasetBodySchema>;

/** What an upload answers with (201). */
export interface DatasetCreated {
  id: string;
  version: number;
  rowCount: number;
  columns: string[];
}

/** A dataset in the list, described by its latest version. */
export interface DatasetSummary {
  id: string;
  name: string;
  /** The latest version. */
  version: number;
  versions: number[];
  format: DatasetFormat;
  rowCount: number;
  columns: string[];
  /** True once an experiment used the latest version: editing it then makes a new version. */
  locked: boolean;
  createdAt: number;
  updatedAt: number;
}

/** One row of a dataset: its index from 0 and its values by column. */
export interface DatasetRow {
  index: number;
  data: Record<string, unknown>;
}

/** `GET /api/datasets/:id/rows` answer. */
export interface DatasetRowsPage {
  id: string;
  version: number;
  total: number;
  offset: number;
  limit: number;
  rows: DatasetRow[];
}
