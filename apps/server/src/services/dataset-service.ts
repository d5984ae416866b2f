import { randomUUID } from 'node:crypto';
import type { DatasetCreated, DatasetFormat } from '@tandem/shared';
import type { DatasetStore } from '@tandem/db';
import { parseDataset, type TextSource } from './dataset-parsing.ts';

/** An upload as a route receives it: JSON content or a multipart file's stream. */
export interface DatasetInput {
  name: string;
  format: DatasetFormat;
  source: TextSource;
}

/** Parses uploads as they stream in and stores each in one transaction: a bad line stores nothing. */
export function createDatasetService(deps: { datasets: DatasetStore }) {
  const { datasets } = deps;
  return {
    async create(input: DatasetInput, id: string = randomUUID()): Promise<DatasetCreated> {
      const parsed = await parseDataset(input.format, input.source);
      return datasets.create(id, { name: input.name, format: input.format, ...parsed });
    },
    /** New content for a dataset: the latest version in place, or the next version once an experiment used it. */
    async replace(id: string, input: DatasetInput): Promise<DatasetCreated> {
      const parsed = await parseDataset(input.format, input.source);
      return datasets.replace(id, { name: input.name, format: input.format, ...parsed });
    },
  };
}

export type DatasetService = ReturnType<typeof createDatasetService>;
