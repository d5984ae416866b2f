import { z } from 'zod';

/** Every run event type (DESIGN.md §4). */
export const runEventTypes = [
  'run.started',
  'run.resumed',
  'run.waiting',
  'run.completed',
  'run.failed',
  'run.cancelled',
  'step.started',
  'step.delta',
  'step.completed',
  'step.failed',
  'step.retrying',
  'step.skipped',
  'step.cached',
  'validate.result',
  'critique.round',
  'variant.assigned',
  'user.waiting',
  'user.submitted',
  'llm.call',
] as const;

export type RunEventType = (typeof runEventTypes)[number];

export const runStatuses = ['queued', 'running', 'waiting', 'completed', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof runStatuses)[number];

export const terminalRunStatuses: readonly RunStatus[] = ['completed', 'failed', 'cancelled'];

export const stepStatuses = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'skipped', 'cancelled'] as const;
export type StepStatus = (typeof stepStatuses)[number];

/** One entry of a run's append-only log. `seq` starts at 1 and has no gaps. */
export interface RunEvent {
  runId: string;
  seq: number;
  /** Milliseconds since the epoch. */
  ts: number;
  type: RunEventType;
  nodeId?: string;
  attempt?: number;
  data: Record<string, unknown>;
}

export const runEventSchema = z.object({
  runId: z.string(),
  seq: z.number().int().positive(),
  ts: z.number(),
  type: z.enum(runEventTypes),
  nodeId: z.string().optional(),
  attempt: z.number().int().positive().optional(),
  data: z.record(z.string(), z.unknown()),
});

/** Token usage of one model call. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

/** What an `llm.call` event records about one model call. */
export interface LlmCallRecord {
  /** The role of the call inside its step, e.g. `primary`, `secondary`, `judge`. */
  role: string;
  model: string;
  system?: string;
  prompt: string;
  output: string;
  usage: TokenUsage;
  latencyMs: number;
  costUsd: number;
  cached: boolean;
  /** Set when the call failed: the prompt and model are still recorded. */
  error?: { code: string; message: string };
}
