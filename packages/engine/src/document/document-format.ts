import { pipelineFormatVersion, pipelineSchemaTag } from '@tandem/shared';

/**
 * One step of the pipeline document format, from `tandem.pipeline/v(version - 1)` to `v(version)`.
 * `up` gets a copy of the whole document (it may move things between nodes, rename kinds…).
 */
export interface DocumentMigration {
  /** The format version this step upgrades to. */
  version: number;
  /** What changed, for the record. */
  description?: string;
  up(document: Record<string, unknown>): Record<string, unknown>;
}

/** The document format a build writes, and the steps that lead older documents to it. */
export interface DocumentFormat {
  version: number;
  /** One migration to each version after 1, up to `version`. */
  migrations: readonly DocumentMigration[];
}

/**
 * The format this build reads and writes: `tandem.pipeline/v1`. When the
 * document shape changes, bump `pipelineSchemaTag` in `@tandem/shared` and
 * add the step from the previous version here.
 */
export const pipelineDocumentFormat: DocumentFormat = {
  version: pipelineFormatVersion(pipelineSchemaTag)!,
  migrations: [],
};

/** The `schema` tag of a format version. */
export function schemaTagOf(version: number): string {
  return `tandem.pipeline/v${version}`;
}
