import { z } from 'zod';
import { jsonSchemaSchema, nodeIdSchema } from './pipeline.ts';

/**
 * Per-node partial configs deep-merged into a stored pipeline version's node configs for one run
 * (`{ [nodeId]: partial config }`): objects merge, anything else replaces.
 */
export const configOverridesSchema = z.record(nodeIdSchema, z.record(z.string(), z.unknown()));
export type ConfigOverrides = z.infer<typeof configOverridesSchema>;

/** How the arms of an experiment are made (DESIGN.md §7). */
export const experimentArmsSpecSchema = z.discriminatedUnion('kind', [
  /** One arm per variant of a `variants` node; each arm forces its variant. */
  z.object({ kind: z.literal('variants'), nodeId: z.string().min(1, 'name the variants node') }),
  /** One arm per stored version of the pipeline. */
  z.object({ kind: z.literal('versions'), versions: z.array(z.number().int().positive()).min(1, 'list at least one version').max(12) }),
  /** One arm per model of one `llm`, `critique` or `judge` node. */
  z.object({
    kind: z.literal('models'),
    nodeId: z.string().min(1, 'name the node'),
    models: z.array(z.string().trim().min(1)).min(1, 'list at least one model').max(12),
  }),
]);
export type ExperimentArmsSpec = z.infer<typeof experimentArmsSpecSchema>;

const scorerBase = {
  /** The metric name; defaults to the scorer type. */
  name: z.string().trim().min(1).max(64).regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'use letters, digits, _, . and -').optional(),
  /** The `output` node whose value is scored; defaults to the pipeline's first output. */
  output: z.string().min(1).optional(),
};

/** Experiment-level scorers: each gives every trial one metric, mostly against the row's `expected` value. */
export const scorerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('exact'), ...scorerBase, caseSensitive: z.boolean().default(false) }),
  z.object({ type: z.literal('contains'), ...scorerBase, caseSensitive: z.boolean().default(false) }),
  /** Passes when the output matches `pattern`, or the row's `expected` value read as a pattern. */
  z.object({ type: z.literal('regex'), ...scorerBase, pattern: z.string().min(1).max(1000).optional(), flags: z.string().regex(/^[imsuyg]*$/, 'flags may be i, m, s (g, y and u change nothing)').optional() }),
  /** Passes when the output is JSON valid against `schema`, or the row's `expected` value read as a schema. */
  z.object({ type: z.literal('jsonSchema'), ...scorerBase, schema: jsonSchemaSchema.optional() }),
  /** A model scores the output against a rubric (and the expected answer when there is one); its cost counts in the trial. */
  z.object({
    type: z.literal('rubric'),
    ...scorerBase,
    model: z.string().min(1).default('sim:judge'),
    rubric: z.string().min(1, 'write the rubric').max(4000),
    scale: z.object({ min: z.number().default(1), max: z.number().default(10) }).prefault({}),
  }),
  /** A sandboxed JavaScript function body given `{ output, expected, inputs, row }`; returns a number or a boolean. */
  z.object({ type: z.literal('js'), ...scorerBase, code: z.string().min(1).max(20_000) }),
]);
export type Scorer = z.infer<typeof scorerSchema>;
export type ScorerType = Scorer['type'];

/** How dataset columns feed the pipeline: input name → column, and the column holding the expected answer. */
export const columnMappingSchema = z.object({
  inputs: z.record(z.string(), z.string()).optional(),
  expected: z.string().min(1).optional(),
});
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

/** `POST /api/experiments` (and `/api/experiments/estimate`) body. */
export const createExperimentBodySchema = z.object({
  name: z.string().trim().max(200).optional(),
  pipelineId: z.string().min(1),
  datasetId: z.string().min(1),
  /** The dataset version; the latest when left out. */
  datasetVersion: z.number().int().positive().optional(),
  arms: experimentArmsSpecSchema,
  /** The arm the others are compared with; the first arm when left out. */
  baseline: z.union([z.string().min(1), z.number().int().positive()]).optional(),
  repeats: z.number().int().min(1).max(20).default(1),
  concurrency: z.number().int().min(1).max(32).default(4),
  budgetUsd: z.number().finite().gt(0, 'must be above 0 (leave it out for no budget)').max(1_000_000).optional(),
  scorers: z.array(scorerSchema).max(12).default([]),
  mapping: columnMappingSchema.optional(),
});
export type CreateExperimentBody = z.input<typeof createExperimentBodySchema>;
export type ExperimentRequest = z.output<typeof createExperimentBodySchema>;

/** An expanded arm: what its trials run. */
export interface ExperimentArm {
  id: string;
  label: string;
  /** The pipeline version its runs use. */
  version: number;
  /** Config overrides its runs carry. */
  overrides?: ConfigOverrides;
}

export const experimentStatuses = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type ExperimentStatus = (typeof experimentStatuses)[number];

/** Why an experiment stopped before running every trial. */
export type ExperimentStopReason = 'budget' | 'cancelled';

export const trialStatuses = ['queued', 'running', 'completed', 'failed', 'skipped'] as const;
/** `skipped`: never started (the experiment was cancelled or its budget was spent). */
export type TrialStatus = (typeof trialStatuses)[number];

/** Counts of an experiment's trials, its spend and the expected time left. */
export interface ExperimentProgress {
  done: number;
  failed: number;
  total: number;
  running: number;
  queued: number;
  skipped: number;
  costUsd: number;
  /** Milliseconds until every trial is expected to end; null while unknown or when nothing is left. */
  etaMs: number | null;
}

/** `GET /api/experiments/:id` answer. */
export interface ExperimentView {
  id: string;
  name: string;
  pipelineId: string;
  pipelineName: string;
  datasetId: string;
  datasetVersion: number;
  datasetName: string;
  armsSpec: ExperimentArmsSpec;
  arms: ExperimentArm[];
  baseline: string;
  repeats: number;
  concurrency: number;
  budgetUsd?: number;
  scorers: Scorer[];
  mapping: { inputs: Record<string, string>; expected?: string };
  status: ExperimentStatus;
  stopReason?: ExperimentStopReason;
  progress: ExperimentProgress;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
}

/** A metric value of a trial: numbers and pass/fail booleans. */
export type TrialMetricValue = number | boolean;

/** One trial as `GET /api/experiments/:id/results` lists it. */
export interface TrialResult {
  /** The dataset row's index from 0. */
  row: number;
  arm: string;
  repeat: number;
  runId: string | null;
  status: TrialStatus;
  metrics: Record<string, TrialMetricValue>;
}

export const experimentEventTypes = [
  'experiment.started',
  'experiment.resumed',
  'trial.completed',
  'trial.failed',
  'experiment.retrying',
  'experiment.completed',
  'experiment.failed',
  'experiment.cancelled',
] as const;
export type ExperimentEventType = (typeof experimentEventTypes)[number];

/** One entry of an experiment's append-only progress log (served as SSE with `id: seq`). */
export interface ExperimentEvent {
  experimentId: string;
  seq: number;
  ts: number;
  type: ExperimentEventType;
  data: {
    progress: ExperimentProgress;
    status: ExperimentStatus;
    stopReason?: ExperimentStopReason;
    /** Trial events: which trial ended. */
    trial?: { row: number; arm: string; repeat: number; runId: string | null; status: TrialStatus; costUsd: number };
  };
}

/** `POST /api/runs/:id/feedback` body: a person's verdict on a run. */
export const runFeedbackBodySchema = z
  .object({
    score: z.number().finite().min(-1_000_000).max(1_000_000).optional(),
    thumbs: z.enum(['up', 'down']).optional(),
    comment: z.string().trim().max(4000).optional(),
  })
  .refine((body) => body.score !== undefined || body.thumbs !== undefined || (body.comment ?? '') !== '', {
    message: 'give a score, thumbs or a comment',
    path: ['score'],
  });
export type RunFeedbackBody = z.infer<typeof runFeedbackBodySchema>;

/** A stored piece of feedback on a run. */
export interface RunFeedback {
  id: number;
  runId: string;
  score?: number;
  thumbs?: 'up' | 'down';
  comment?: string;
  createdAt: number;
}

/** Which rows the side-by-side table shows. */
export type RowFilter = 'all' | 'disagree' | 'regressed';

/** One trial in a cell of the table. */
export interface RowCellTrial {
  repeat: number;
  runId: string | null;
  status: TrialResult['status'];
  /** The value of the pipeline's first output, as text (JSON for non-text values). */
  output?: string;
  error?: { code: string; message: string };
  metrics: TrialResult['metrics'];
}

/** One dataset row with every arm's trials. */
export interface ResultRow {
  row: number;
  inputs: Record<string, unknown>;
  expected?: unknown;
  cells: Record<string, RowCellTrial[]>;
  /** The arms' mean values of the primary metric differ (or, without one, their outputs do). */
  disagree: boolean;
  /** Arms whose primary metric is worse than the baseline's on this row. */
  regressed: string[];
}

/** `GET /api/experiments/:id/rows` answer: one page of rows. */
export interface ResultRowsPage {
  total: number;
  offset: number;
  limit: number;
  filter: RowFilter;
  metric: string | null;
  rows: ResultRow[];
}
