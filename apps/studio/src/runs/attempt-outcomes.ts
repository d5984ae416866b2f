import type { StepAttemptView, StepView } from '@tandem/engine';
import { recordsOfType } from '../nodes/record-data.ts';

/** A `step.retrying` record: a validator sending the step back, or a provider retry/fallback inside one attempt. */
export interface RetryRecord {
  seq: number;
  /** The attempt the record belongs to (the one being retried or sent back). */
  stepAttempt?: number;
  reason: string;
  delayMs: number;
  /** The attempt that follows (validator send-backs). */
  attempt?: number;
  model?: string;
  fallback?: boolean;
  /** Set when a validator sent the step back. */
  validator?: string;
}

/** One attempt of a step with what happened to it. */
export interface AttemptOutcome extends StepAttemptView {
  /** The attempt finished, but a validator rejected its output and sent the step back (or on to a fallback model). */
  rejection?: { validator: string; reason: string; delayMs: number; nextModel?: string };
  /** The attempt ran on a fallback model chosen by a validator (`onFail: fallbackModel`). */
  fallbackModel?: string;
  /** Provider retries and fallbacks within this attempt. */
  retries: RetryRecord[];
}

/** Joins each attempt with the `step.retrying` records about it. */
export function attemptOutcomes(step: StepView): AttemptOutcome[] {
  const records = recordsOfType(step, 'step.retrying');
  return step.attempts.map((attempt) => {
    const own = records.filter((record) => (record.stepAttempt ?? 1) === attempt.attempt);
    const sentBack = own.find((record) => record.validator);
    const ledHere = records.find((record) => record.validator && record.fallback && record.attempt === attempt.attempt);
    // A validator's fallback names its model on `step.started`; otherwise the attempt's first model call does.
    const model = attempt.model ?? step.calls.find((call) => call.attempt === attempt.attempt)?.model;
    return {
      ...attempt,
      ...(model ? { model } : {}),
      ...(sentBack
        ? { rejection: { validator: sentBack.validator!, reason: sentBack.reason, delayMs: sentBack.delayMs, ...(sentBack.fallback && sentBack.model ? { nextModel: sentBack.model } : {}) } }
        : {}),
      ...(ledHere ? { fallbackModel: ledHere.model ?? attempt.model ?? '' } : {}),
      retries: own.filter((record) => !record.validator),
    };
  });
}

/** The fallback model the step's latest attempt ran on, if a validator switched it. */
export function currentFallbackModel(step: StepView): string | undefined {
  const latest = attemptOutcomes(step).at(-1);
  return latest?.fallbackModel || undefined;
}
