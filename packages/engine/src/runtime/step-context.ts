import type { JsonSchema, PipelineDocument, RunEventData, RunEventType, TokenUsage } from '@tandem/shared';
import type { Clock } from '../ports/clock.ts';
import type { ModelResolver } from '../ports/model-resolver.ts';
import type { RunServices } from '../ports/services.ts';

/** One model call made through the engine. */
export interface ModelCallRequest {
  /** The role of the call inside its step (`main`, `primary`, `secondary`, `judge`…), recorded in the trace. */
  role: string;
  model: string;
  prompt: string;
  system?: string;
  temperature?: number;
  maxTokens?: number;
  /** Ask for JSON matching this schema. */
  jsonSchema?: JsonSchema;
  /** Use a cache: `true` or `exact` for the exact-match cache, `semantic` for the semantic one. */
  cache?: boolean | 'exact' | 'semantic';
  /** How long a stored answer lives (ms); absent: until evicted. */
  cacheTtlMs?: number;
}

/** The result of one model call. */
export interface ModelCallResult {
  text: string;
  model: string;
  usage: TokenUsage;
  latencyMs: number;
  costUsd: number;
  cached: boolean;
  /** Which cache answered, when one did. */
  cache?: 'exact' | 'semantic';
  /** For a semantic hit: how similar the stored prompt was. */
  cacheSimilarity?: number;
}

/** A person's answer to a `user` step. */
export interface UserSubmission {
  decision: 'approved' | 'rejected';
  value: unknown;
}

/** What a node's `run` may use: the run's ports, plus helpers that keep the trace complete. */
export interface StepContext {
  runId: string;
  nodeId: string;
  attempt: number;
  pipeline: PipelineDocument;
  inputs: Readonly<Record<string, unknown>>;
  /** Aborts on cancel, on the step's timeout, or when another step fails the run. */
  signal: AbortSignal;
  /** The `clock` time at which the step times out; undefined without a timeout. Retries never wait past it. */
  deadline?: number;
  clock: Clock;
  models: ModelResolver;
  services: RunServices;
  /** Renders a template against the outputs of completed nodes. */
  render(template: string): string;
  /** Like `render`, but a lone `{{ref}}` yields the raw value. */
  evaluate(template: string): unknown;
  /** Appends an event for this step to the run's log. */
  emit<Type extends RunEventType>(type: Type, data: RunEventData<Type>, options?: { nodeId?: string; attempt?: number }): void;
  /** Calls a model: streams tokens into `step.delta`, records an `llm.call` event, uses the cache when asked. */
  callModel(request: ModelCallRequest): Promise<ModelCallResult>;
  /** Reasons a validator gave when it sent this step back; LLM nodes add them to the prompt. */
  feedback?: string;
  /** A model a validator's fallback asks this step to use instead of its own. */
  modelOverride?: string;
  /** True when a `validate` node guards this step: it may then hand back an invalid answer for the validator to judge. */
  guarded: boolean;
  /** For `user` steps: the person's answer, once given. */
  submission?: UserSubmission;
  /** Runs another (upstream) node again, e.g. the step a validator guards; returns its new output. */
  rerun(nodeId: string, options: { feedback?: string; model?: string }): Promise<unknown>;
  /** The latest attempt number started for a node in this run (0 before its first), e.g. so a validator can label the target's attempts. */
  attemptOf?(nodeId: string): number;
}

/** Thrown by a `user` step to pause the run until a person answers. */
export class WaitingForPerson {
  constructor(readonly request: { title: string; instructions?: string; value: unknown }) {}
}
