import { z } from 'zod';
import type { PipelineDocument } from './pipeline.ts';
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
}

/** `GET /api/pipelines/:id` answer. */
export interface PipelineVersionView {
  id: string;
  version: number;
  createdAt: number;
  document: PipelineDocument;
  versions: number[];
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
  parentRunId?: string;
  /** Config overrides the run carries (experiment arms, forks). */
  overrides?: ConfigOverrides;
  /** Set when the run is a trial of an experiment. */
  experimentId?: string;
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
