import { pipelineDocumentSchema, type PipelineDocument } from '@tandem/shared';
import { stampKindVersions, type NodeRegistry } from '@tandem/engine';
import type { ServerContext } from '../context.ts';
import type { PipelineLibrary } from '../services/pipeline-library.ts';
import { abPromptTestTemplate } from './ab-prompt-test.ts';
import { answerChainTemplate } from './answer-chain.ts';
import { critiqueLoopTemplate } from './critique-loop.ts';
import { meetingSchedulerTemplate } from './meeting-scheduler.ts';
import { validatedExtractionTemplate } from './validated-extraction.ts';

/** The templates shipped with the studio; each runs on the simulator out of the box. */
export const shippedTemplates: readonly PipelineDocument[] = [
  answerChainTemplate,
  critiqueLoopTemplate,
  validatedExtractionTemplate,
  abPromptTestTemplate,
  meetingSchedulerTemplate,
];

/**
 * Stores each shipped template that is missing, and a new version of one whose
 * document changed since it was stored (compared in today's format, so an
 * upgrade alone stores nothing). Templates are written with today's config
 * schemas and stamped so. Templates whose node kinds this build lacks are
 * skipped with a warning rather than stopping the server.
 */
export function seedTemplates(context: ServerContext): void {
  for (const shipped of shippedTemplates) {
    try {
      const template = stampKindVersions(shipped, context.registry);
      const existing = context.pipelines.find(template.id);
      if (!existing) context.pipelines.create(template, { isTemplate: true });
      else if (changedSince(existing.document, template)) context.pipelines.saveVersion(template.id, template);
    } catch (error) {
      console.warn(`Template "${shipped.id}" was not stored: ${(error as Error).message}`);
    }
  }
}

/** The same seeding over the asynchronous library (a cluster's web node; the caller keeps other nodes out meanwhile). */
export async function seedTemplatesInLibrary(library: PipelineLibrary, registry: NodeRegistry): Promise<void> {
  for (const shipped of shippedTemplates) {
    try {
      const template = stampKindVersions(shipped, registry);
      const existing = await library.find(template.id);
      if (!existing) await library.create(template, { isTemplate: true });
      else if (changedSince(existing.document, template)) await library.saveVersion(template.id, template);
    } catch (error) {
      console.warn(`Template "${shipped.id}" was not stored: ${(error as Error).message}`);
    }
  }
}

/** Whether a shipped template differs from what is stored, compared in today's format (an upgrade alone is no change). */
function changedSince(stored: PipelineDocument, template: PipelineDocument): boolean {
  return JSON.stringify(stored) !== JSON.stringify(pipelineDocumentSchema.parse(template));
}
