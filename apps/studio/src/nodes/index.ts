import type { NodeKind } from '@tandem/engine';
import type { NodeView } from './node-view.ts';
import { activityNodeView } from './activity.view.tsx';
import { critiqueNodeView } from './critique.view.tsx';
import { pipelineNodeView } from './pipeline.view.tsx';
import { validateNodeView } from './validate.view.tsx';
import { variantsNodeView } from './variants.view.tsx';

/** Optional per-kind UI, keyed by node kind. Add a kind's view by adding its `<kind>.view.tsx` and one line here. */
export const nodeViews: { readonly [Kind in NodeKind]?: NodeView } = {
  activity: activityNodeView,
  critique: critiqueNodeView,
  validate: validateNodeView,
  variants: variantsNodeView,
  pipeline: pipelineNodeView,
};

/** The view of a kind, if it has one (a kind from a newer file may be unknown here). */
export function viewOf(kind: string): NodeView | undefined {
  return Object.hasOwn(nodeViews, kind) ? nodeViews[kind as NodeKind] : undefined;
}

export type { NodeView, StepDetailProps } from './node-view.ts';
