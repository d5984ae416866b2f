import { pipelineDocumentSchema, type PipelineDocument } from '@tandem/shared';
import type { ServerContext } from '../context.ts';
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
 * document changed since it was stored. Templates whose node kinds this build
 * lacks are skipped with a warning rather than stopping the server.
 */
export function seedTemplates(context: ServerContext): void {
  for (const template of shippedTemplates) {
    const existing = context.repositories.pipelines.get(template.id);
    try {
      if (!existing) context.pipelines.create(template, { isTemplate: true });
      else if (JSON.stringify(existing.document) !== JSON.stringify(pipelineDocumentSchema.parse(template))) context.pipelines.saveVersion(template.id, template);
    } catch (error) {
      console.warn(`Template "${template.id}" was not stored: ${(error as Error).message}`);
    }
  }
}
