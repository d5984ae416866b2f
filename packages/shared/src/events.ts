import { z } from 'zod';

export const runStatuses = ['queued', 'running', 'waiting', 'completed', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof runStatuses)[number];

export const terminalRunStatuses: readonly RunStatus[] = ['completed', 'failed', 'cancelled'];

export const stepStatuses = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'skipped', 'cancelled'] as const;
export type StepStatus = (typeof stepStatuses)[number];

/** An error as events record it: a stable code and a readable message. */
export const eventErrorSchema = z.looseObject({ code: z.string(), message: z.string() });
export type EventError = z.infer<typeof eventErrorSchema>;

/** A run's error: which step failed it, when one did. */
export const runErrorSchema = eventErrorSchema.extend({ nodeId: z.string().optional() });
export type RunError = z.infer<typeof runErrorSchema>;

/** Token usage of one model call. */
export const tokenUsageSchema = z.object({ inputTokens: z.number(), outputTokens: z.number() });
export type TokenUsage = z.infer<typeof tokenUsageSchema>;

/** What an `llm.call` event records about one model call. */
export const llmCallRecordSchema = z.looseObject({
  /** The role of the call inside its step, e.g. `main`, `primary`, `secondary`, `judge`, `variant:a`. */
  role: z.string(),
  model: z.string(),
  system: z.string().optional(),
  prompt: z.string(),
  output: z.string(),
  usage: tokenUsageSchema,
  latencyMs: z.number(),
  costUsd: z.number(),
  cached: z.boolean(),
  /** Set when the call failed: the prompt and model are still recorded. */
  error: eventErrorSchema.optional(),
  /** Why the model stopped: `stop`, `length`, `tool-calls`, `content-filter`, `error` or `other` (the model spec's words). */
  finishReason: z.string().optional(),
  /** Milliseconds from the call to its first token (absent for cache hits and calls that failed first). */
  firstTokenMs: z.number().optional(),
  /** Which cache answered (`exact` or `semantic`); `cached` is true with it. */
  cache: z.enum(['exact', 'semantic']).optional(),
  /** For a semantic cache hit: the cosine similarity of the stored prompt to this one. */
  cacheSimilarity: z.number().optional(),
  /** The pool member that answered, for a `pool:` model. */
  servedBy: z.string().optional(),
});
export type LlmCallRecord = z.infer<typeof llmCallRecordSchema>;

/** The outcome of one validator check, as `validate.result` records it. */
export const checkResultSchema = z.looseObject({ type: z.string(), passed: z.boolean(), reason: z.string().optional() });
export type CheckResult = z.infer<typeof checkResultSchema>;

/**
 * The `data` of each run event type (DESIGN.md §4). Objects are loose: a reader keeps fields it does
 * not know, so a log written by a newer server still replays. Change a shape only by adding optional
 * fields; the log is append-only and old databases must keep replaying.
 */
export const runEventDataSchemas = {
  'run.started': z.looseObject({
    pipelineId: z.string(),
    inputs: z.record(z.string(), z.unknown()),
    /** Set for a fork: the run and step it was forked from. */
    forkedFrom: z.looseObject({ runId: z.string(), nodeId: z.string() }).optional(),
  }),
  'run.resumed': z.looseObject({ fromSeq: z.number() }),
  'run.waiting': z.looseObject({ nodes: z.array(z.string()) }),
  'run.completed': z.looseObject({ outputs: z.record(z.string(), z.unknown()) }),
  'run.failed': z.looseObject({ error: runErrorSchema }),
  'run.cancelled': z.looseObject({ reason: z.string().optional() }),
  'step.started': z.looseObject({
    kind: z.string(),
    /** Why a validator sent the step back before this attempt. */
    feedback: z.string().optional(),
    /** A fallback model this attempt uses instead of the node's own. */
    model: z.string().optional(),
  }),
  /** Streamed tokens of the model call `role` of the step, coalesced (at most a few per second). */
  'step.delta': z.looseObject({ role: z.string().optional(), text: z.string() }),
  'step.completed': z.looseObject({
    output: z.unknown(),
    durationMs: z.number(),
    /** Set when the step did not run: its output was reused from this event of another run (a fork). */
    reusedFrom: z.looseObject({ runId: z.string(), seq: z.number() }).optional(),
  }),
  'step.failed': z.looseObject({ error: eventErrorSchema, durationMs: z.number() }),
  /** The step will be tried again: by its own retry policy, by a validator, or with a fallback model. */
  'step.retrying': z.looseObject({
    reason: z.string(),
    delayMs: z.number(),
    /** The attempt that will run next (validators set it). */
    attempt: z.number().optional(),
    /** The validator that sent the step back. */
    validator: z.string().optional(),
    model: z.string().optional(),
    fallback: z.boolean().optional(),
    code: z.string().optional(),
  }),
  'step.skipped': z.looseObject({ reason: z.string() }),
  'validate.result': z.looseObject({
    /** The guarded step's attempt that was checked. */
    attempt: z.number(),
    valid: z.boolean(),
    value: z.unknown(),
    results: z.array(checkResultSchema),
  }),
  'critique.round': z.looseObject({ round: z.number(), draft: z.string(), guidance: z.string(), refined: z.string().optional() }),
  'variant.assigned': z.looseObject({ variant: z.string(), mode: z.enum(['split', 'all']), key: z.string().optional() }),
  // `value` is absent when the step offers nothing to edit (JSON drops an undefined value).
  'user.waiting': z.looseObject({ title: z.string(), instructions: z.string().optional(), value: z.unknown().optional() }),
  'user.submitted': z.looseObject({ decision: z.enum(['approved', 'rejected']), value: z.unknown().optional() }),
  'llm.call': llmCallRecordSchema,
} as const;

type DataSchemas = typeof runEventDataSchemas;

/** Every run event type. */
export type RunEventType = keyof DataSchemas;
export const runEventTypes = Object.keys(runEventDataSchemas) as RunEventType[];

/** The `data` of a run event of type `Type`. */
export type RunEventData<Type extends RunEventType> = z.infer<DataSchemas[Type]>;

/** The fields every run event has. `seq` starts at 1 and has no gaps. */
export interface RunEventEnvelope {
  runId: string;
  seq: number;
  /** Milliseconds since the epoch. */
  ts: number;
  nodeId?: string;
  attempt?: number;
}

/** One entry of a run's append-only log: a discriminated union on `type`, each with its own `data`. */
export type RunEvent = { [Type in RunEventType]: RunEventEnvelope & { type: Type; data: RunEventData<Type> } }[RunEventType];

/** The run event of one type. */
export type RunEventOf<Type extends RunEventType> = RunEventEnvelope & { type: Type; data: RunEventData<Type> };

const envelopeSchema = z.object({
  runId: z.string(),
  seq: z.number().int().positive(),
  ts: z.number(),
  nodeId: z.string().optional(),
  attempt: z.number().int().positive().optional(),
});

const memberSchemas = runEventTypes.map((type) => envelopeSchema.extend({ type: z.literal(type), data: runEventDataSchemas[type] }));

/** The wire contract: validates a run event read from storage or received over SSE. */
export const runEventSchema = z.discriminatedUnion('type', memberSchemas as [(typeof memberSchemas)[number], ...(typeof memberSchemas)[number][]]) as unknown as z.ZodType<RunEvent>;

/**
 * Parses one event at an edge (the database, the SSE stream). Throws a zod error naming the field
 * when the event is not a run event this version understands.
 */
export function parseRunEvent(value: unknown): RunEvent {
  return runEventSchema.parse(value);
}

/** A run event not yet numbered: what a writer appends (it adds `runId`, `seq` and `ts`). */
export type RunEventDraft = { [Type in RunEventType]: { type: Type; data: RunEventData<Type>; nodeId?: string; attempt?: number } }[RunEventType];

/** The events of one type, typed by that type. */
export function eventsOfType<Type extends RunEventType>(events: readonly RunEvent[], type: Type): RunEventOf<Type>[] {
  // The one narrowing TypeScript cannot follow for a generic `type`: every event kept has that type.
  return events.filter((event) => event.type === type) as RunEvent[] as RunEventOf<Type>[];
}

/** Numbers a draft into an event of the run's log. */
export function numberRunEvent(draft: RunEventDraft, envelope: { runId: string; seq: number; ts: number }): RunEvent {
  // Spreading a union does not keep each member's type and data together for TypeScript; the draft's type does.
  return { ...draft, ...envelope } as RunEvent;
}
