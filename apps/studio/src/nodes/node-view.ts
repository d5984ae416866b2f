import type { ComponentType } from 'react';
import type { StepView } from '@tandem/engine';
import type { PipelineNode } from '@tandem/shared';
import type { FieldProps } from '../inspector/fields/field-props.ts';

export interface StepDetailProps {
  step: StepView;
  node: PipelineNode | undefined;
}

/**
 * Optional UI for one node kind. Everything else about a kind (handles, icon, what it hands on, its
 * card summary) comes from its engine definition. A kind without a view gets the generic card, the
 * inspector generated from its config schema and the generic step detail.
 */
export interface NodeView {
  /** Replaces the one-line summary on the canvas card. */
  Summary?: ComponentType<{ config: Record<string, unknown> }>;
  /** Inspector fields that replace the generated ones, by dotted config path (`*` matches array indices). */
  fields?: Partial<Record<string, ComponentType<FieldProps>>>;
  /** An extra section of the run's step panel, rendered from `step.records`. */
  StepDetail?: ComponentType<StepDetailProps>;
  /** What a running step's card says it is doing ("round 1 of 2 · critic reviewing"), from the run's fold. */
  liveStatus?(step: StepView, node: PipelineNode): string | undefined;
}
