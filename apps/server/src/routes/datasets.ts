import { Hono, type Context } from 'hono';
import { createDatasetBodySchema, datasetFormats, StudioError, type DatasetFormat } from '@tandem/shared';
import type { ServerContext } from '../context.ts';
import { parseBody } from '../middleware/parse-body.ts';
import type { DatasetInput } from '../services/dataset-service.ts';

/** Largest upload: tens of thousands of rows fit with room to spare. */
export const datasetUploadLimitBytes = 64 * 1024 * 1024;

function formatOf(fileName: string, given: string | undefined): DatasetFormat {
  const format = given ?? (/\.(jsonl|ndjson)$/i.test(fileName) ? 'jsonl' : /\.(csv|tsv|txt)$/i.test(fileName) ? 'csv' : undefined);
  if (format === undefined || !(datasetFormats as readonly string[]).includes(format)) {
    throw new StudioError('VALIDATION_FAILED', `format: say "csv" or "jsonl" (the file "${fileName}" does not tell)`, { details: { field: 'format' } });
  }
  return format as DatasetFormat;
}

/** Reads an upload: multipart (`file`, optional `name` and `format`) streams the file; JSON sends `{ name, format, content }`. */
async function readUpload(c: Context): Promise<DatasetInput> {
  if ((c.req.header('content-type') ?? '').includes('multipart/form-data')) {
    const form = await c.req.formData().catch((error: unknown) => {
      throw new StudioError('VALIDATION_FAILED', `The multipart body could not be read: ${(error as Error).message}`, { details: { field: 'body' } });
    });
    const file = form.get('file');
    if (!(file instanceof File)) throw new StudioError('VALIDATION_FAILED', 'file: attach the CSV or JSONL file as "file"', { details: { field: 'file' } });
    const name = String(form.get('name') ?? '').trim() || file.name.replace(/\.[^.]+$/, '') || 'Dataset';
    const format = formatOf(file.name, form.get('format') ? String(form.get('format')) : undefined);
    return { name: name.slice(0, 200), format, source: file.stream() };
  }
  const body = await parseBody(c, createDatasetBodySchema);
  return { name: body.name, format: body.format, source: body.content };
}

function pageParam(value: string | undefined, field: string, fallback: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new StudioError('VALIDATION_FAILED', `${field} must be a whole number of at least 0, got "${value}"`, { details: { field } });
  return Math.min(number, max);
}

/** What the dataset routes use: the same on the single-process server and on a cluster's web node. */
export type DatasetRouteDeps = Pick<ServerContext, 'experimentStore' | 'datasets'>;

/** `/api/datasets`: upload (multipart or JSON), list, get, rows (paged), new content. */
export function datasetRoutes(context: DatasetRouteDeps) {
  const { experimentStore: store, datasets } = context;
  const requireDataset = async (id: string, version?: number) => {
    const dataset = await store.datasets.get(id, version);
    if (!dataset) throw new StudioError('DATASET_NOT_FOUND', `No dataset "${id}"${version ? ` version ${version}` : ''}`, { details: { datasetId: id, version } });
    return dataset;
  };
  const versionOf = (c: Context) => {
    const version = c.req.query('version');
    return version ? pageParam(version, 'version', 1, Number.MAX_SAFE_INTEGER) || undefined : undefined;
  };

  return new Hono()
    .post('/', async (c) => c.json(await datasets.create(await readUpload(c)), 201))
    .get('/', async (c) => c.json({ datasets: await store.datasets.list() }))
    .get('/:id', async (c) => c.json(await requireDataset(c.req.param('id'), versionOf(c))))
    .put('/:id', async (c) => {
      await requireDataset(c.req.param('id'));
      return c.json(await datasets.replace(c.req.param('id'), await readUpload(c)));
    })
    .get('/:id/rows', async (c) => {
      const dataset = await requireDataset(c.req.param('id'), versionOf(c));
      const offset = pageParam(c.req.query('offset'), 'offset', 0, Number.MAX_SAFE_INTEGER);
      const limit = pageParam(c.req.query('limit'), 'limit', 50, 500) || 50;
      return c.json({ id: dataset.id, version: dataset.version, total: dataset.rowCount, offset, limit, rows: await store.datasets.rows(dataset.id, dataset.version, offset, limit) });
    });
}
