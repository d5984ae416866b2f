import { z } from 'zod';
import type { GraphProblem, PipelineDocument } from './pipeline.ts';
import type { RunStatus } from './events.ts';
import { configOverridesSchema, type ConfigOverrides } from './experiments.ts';

/** `POST /api/runs` body. */
export const startRunBodySchema = z.object({
  pipelineId: z.string().min(1),
  version: z.number().int().positive().optional(),
  inputs: z.record(z.string(), z.unknown()).default({}),
  /** Per-node partial configs merged into the version's node configs for this run only. */
  overrides: configOverridesSchema.optional(),
});
export type StartRunBody = z.infer<typeof startRunBodySchema>;

/** `POST /api/runs/:id/fork` body (DESIGN.md §5). */
export const forkRunBodySchema = z.object({
  /** The step to run again; the steps before it (and beside it) reuse the parent run's outputs. */
  fromNodeId: z.string().min(1),
  /** Partial configs by node id, deep-merged into the parent version's configs. */
  config: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  /** The run's inputs (default: the parent's). Steps that read changed inputs run again. */
  inputs: z.record(z.string(), z.unknown()).optional(),
  /** Save the changed config as a new pipeline version, which the fork runs (default: the change stays on the run, as its overrides). */
  saveAsVersion: z.boolean().optional(),
});
export type ForkRunBody = z.infer<typeof forkRunBodySchema>;

/** `POST /api/runs/:id/nodes/:nodeId/submit` body. */
export const submitUserStepBodySchema = z.object({
  decision: z.enum(['approved', 'rejected']),
  value: z.unknown().optional(),
});
export type SubmitUserStepBody = z.infer<typeof submitUserStepBodySchema>;

/** A pipeline in the list. */
export interface PipelineSummary {
  id: string;
  name: string;
  description?: string;
  version: number;
  nodeCount: number;
  updatedAt: number;
  isTemplate: boolean;
  /** True for a pipeline the server keeps for itself: listed apart, not deletable. */
  isSystem?: boolean;
  /** True when work in progress was saved as a draft since the latest version. */
  hasDraft?: boolean;
}

/**
 * A pipeline's work in progress: one mutable slot per pipeline, beside its immutable versions. It may
 * have problems; it never runs. Saving a version that passes its checks clears it.
 */
export interface PipelineDraftView {
  document: PipelineDocument;
  savedAt: number;
  /** The latest version when the draft was saved (0 when the pipeline has no version yet). */
  baseVersion: number;
  /** Its problems when it was saved (node, field, message). */
  problems: GraphProblem[];
}

/** `GET /api/pipelines/:id` answer. */
export interface PipelineVersionView {
  id: string;
  /** 0 for a pipeline saved only as a draft so far. */
  version: number;
  createdAt: number;
  document: PipelineDocument;
  versions: number[];
  /** The pipeline's draft, when one was saved since its latest version (only on the latest). */
  draft?: PipelineDraftView;
  /** True for a pipeline the server keeps for itself (the compatibility API's `orchestration`): it cannot be deleted. */
  isSystem?: boolean;
  /** True for a template: saving changes it for everyone; "Use this template" copies it. */
  isTemplate?: boolean;
}

/** What saving a draft (`POST /api/pipelines?draft=1`, `PUT /api/pipelines/:id?draft=1`) answers. */
export interface SavedDraft {
  id: string;
  draft: true;
  savedAt: number;
  problems: GraphProblem[];
}

/** `GET /api/runs/:id` answer (DESIGN.md §5). */
export interface RunView {
  id: string;
  pipelineId: string;
  version: number;
  status: RunStatus;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  error?: { code: string; message: string; nodeId?: string };
  startedAt: number;
  finishedAt?: number;
  /** The run this one belongs to: the run of a `pipeline` step, or the run it was forked from. */
  parentRunId?: string;
  /** Config overrides the run carries (experiment arms, forks). */
  overrides?: ConfigOverrides;
  /** Set when the run is a trial of an experiment. */
  experimentId?: string;
  /** Set for a fork: the run and step it was forked from (a child run of a `pipeline` step has none). */
  forkedFrom?: { runId: string; nodeId: string };
}

/** What `GET /api/runs` adds to each run: totals of its model calls and a line of its output. */
export interface RunListSummary {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** The first output, on one line and cut short. */
  outputPreview?: string;
}

/** A waiting user step as listed in the inbox. */
export interface InboxItem {
  runId: string;
  nodeId: string;
  pipelineId: string;
  pipelineName: string;
  title: string;
  instructions?: string;
  value: unknown;
  since: number;
}

/** A model the studio can offer in a model picker. */
export interface ModelInfo {
  /** `provider:model` string. */
  id: string;
  provider: string;
  label: string;
  description?: string;
  /** True for the built-in simulator. */
  simulated: boolean;
  tokensPerSecond?: number;
  /** USD per million input/output tokens. */
  price?: { input: number; output: number };
}
