import type { TandemDatabase } from '../client.ts';
import { createDraftsRepository } from '../repositories/drafts-repository.ts';
import { createPipelinesRepository } from '../repositories/pipelines-repository.ts';
import type { PipelineStore } from './pipeline-store.ts';

/** The pipeline store over the single-process SQLite database: the synchronous repositories behind the asynchronous port. */
export function createSqlitePipelineStore(database: TandemDatabase): PipelineStore {
  const pipelines = createPipelinesRepository(database);
  const drafts = createDraftsRepository(database);
  return {
    list: async () => pipelines.list(),
    get: async (id, version) => pipelines.get(id, version),
    createPipeline: async (document, options) => pipelines.createPipeline(document, options),
    saveVersion: async (id, document) => pipelines.saveVersion(id, document),
    delete: async (id) => pipelines.delete(id),
    saveDraft: async (document, problems, options) => drafts.save(document, problems, options),
    getDraft: async (pipelineId) => drafts.get(pipelineId),
    discardDraft: async (pipelineId) => drafts.discard(pipelineId),
  };
}
