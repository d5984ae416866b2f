import type { NodeHandles, NodeView } from './node-view.ts';
import { activityNodeView } from './activity.view.tsx';
import { critiqueNodeView } from './critique.view.tsx';
import { pipelineNodeView } from './pipeline.view.tsx';
import { validateNodeView } from './validate.view.tsx';
import { variantsNodeView } from './variants.view.tsx';

/**
 * Optional per-kind UI, keyed by node kind. Keyed by string rather than `NodeKind`
 * because views may ship before (or outlive) the engine kind they describe.
 * Add a kind's view by adding its `<kind>.view.tsx` and one line here.
 */
export const nodeViews: Readonly<Partial<Record<string, NodeView>>> = {
  input: { handles: { target: false } },
  output: { handles: { sources: [] } },
  llm: { outputs: ['text', 'json'] },
  branch: { handles: { sources: ['true', 'false'] }, outputs: ['taken'] },
  judge: { outputs: ['score', 'reason'] },
  activity: { ...activityNodeView, outputs: ['value', 'json'] },
  user: { outputs: ['value', 'decision'] },
  critique: { ...critiqueNodeView, outputs: ['text'] },
  validate: { ...validateNodeView, outputs: ['value', 'valid'] },
  variants: { ...variantsNodeView, outputs: ['text', 'variant'] },
  pipeline: pipelineNodeView,
};

const defaultHandles: NodeHandles = { target: true, sources: [null] };

/** The handles a node of `kind` shows. */
export function handlesOf(kind: string): NodeHandles {
  return { ...defaultHandles, ...nodeViews[kind]?.handles };
}

export type { NodeView, NodeHandles, StepDetailProps } from './node-view.ts';
