import type { RunEventData, RunEventType } from '@tandem/shared';
import type { PipelinePlan } from '../graph/check-pipeline.ts';
import type { Clock } from '../ports/clock.ts';
import type { ModelResolver } from '../ports/model-resolver.ts';
import type { RunServices } from '../ports/services.ts';
import { evaluateTemplate, renderTemplate } from '../template/template.ts';
import { callModel, type ModelCallDeps } from './model-call.ts';
import type { ModelCallRequest, ModelCallResult, StepContext, UserSubmission } from './step-context.ts';

/** The per-run state a step context reads through. */
export interface RunSession {
  runId: string;
  plan: PipelinePlan;
  inputs: Record<string, unknown>;
  models: ModelResolver;
  services: RunServices;
  clock: Clock;
  scope: Record<string, unknown>;
  attempts: Map<string, number>;
  submissions: ReadonlyMap<string, UserSubmission>;
  emit<Type extends RunEventType>(type: Type, data: RunEventData<Type>, nodeId?: string, attempt?: number): void;
  runStep(nodeId: string, extra?: { feedback?: string; model?: string }): Promise<unknown>;
}

/**
 * One step's context. A class rather than an object of closures: a run makes
 * one per step, and methods on the prototype cost nothing per step.
 */
export class StepContextImpl implements StepContext, ModelCallDeps {
  readonly feedback?: string;
  readonly modelOverride?: string;
  readonly submission?: UserSubmission;
  readonly guarded: boolean;

  constructor(
    private readonly session: RunSession,
    readonly nodeId: string,
    readonly attempt: number,
    readonly signal: AbortSignal,
    extra: { feedback?: string; model?: string },
    readonly deadline?: number,
  ) {
    if (extra.feedback) this.feedback = extra.feedback;
    if (extra.model) this.modelOverride = extra.model;
    const submission = session.submissions.get(nodeId);
    if (submission) this.submission = submission;
    this.guarded = session.plan.guards.has(nodeId);
  }

  get runId() {
    return this.session.runId;
  }
  get pipeline() {
    return this.session.plan.document;
  }
  get inputs() {
    return this.session.inputs;
  }
  get clock() {
    return this.session.clock;
  }
  get models() {
    return this.session.models;
  }
  get services() {
    return this.session.services;
  }
  get cache() {
    return this.session.services.cache;
  }
  get semanticCache() {
    return this.session.services.semanticCache;
  }

  render(template: string): string {
    return renderTemplate(template, this.session.scope);
  }

  evaluate(template: string): unknown {
    return evaluateTemplate(template, this.session.scope);
  }

  emit<Type extends RunEventType>(type: Type, data: RunEventData<Type>, target?: { nodeId?: string; attempt?: number }): void {
    this.session.emit(type, data, target?.nodeId ?? this.nodeId, target?.attempt ?? this.attempt);
  }

  callModel(request: ModelCallRequest): Promise<ModelCallResult> {
    return callModel(request, this);
  }

  rerun(nodeId: string, options: { feedback?: string; model?: string }): Promise<unknown> {
    return this.session.runStep(nodeId, options);
  }

  attemptOf(nodeId: string): number {
    return this.session.attempts.get(nodeId) ?? 0;
  }
}
