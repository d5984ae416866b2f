import type { PipelineNode } from '@tandem/shared';

const summaryFields = ['prompt', 'value', 'title', 'condition', 'goal', 'subject', 'criteria', 'url', 'code', 'target'] as const;

/** The model a node calls, if its config names one. */
export function modelOf(node: PipelineNode): string | undefined {
  const config = node.config as { model?: unknown; primary?: { model?: unknown } };
  if (typeof config.model === 'string' && config.model) return config.model;
  if (typeof config.primary?.model === 'string') return config.primary.model;
  return undefined;
}

/** The text a card previews: the prompt, value or similar field of the config. */
export function previewOf(node: PipelineNode): string | undefined {
  const config = node.config as Record<string, unknown>;
  for (const field of summaryFields) {
    const value = config[field];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  const activity = config as { type?: unknown; url?: unknown; name?: unknown };
  if (typeof activity.type === 'string') return [activity.type, activity.url ?? activity.name].filter(Boolean).join(' ');
  return undefined;
}
