import { z } from 'zod';
import { StudioError, toStudioError } from '@tandem/shared';
import { providerRetryHints } from '../runtime/provider-errors.ts';
import { fullJitterBackoffMs, planRetryWait, type RetryWait } from '../runtime/retry-wait.ts';
import { hashToUnit } from '../runtime/stable-hash.ts';
import type { StepContext, ModelCallRequest, ModelCallResult } from '../runtime/step-context.ts';

/** Retry policy for provider errors: the n-th wait (from 0) is a full-jitter draw below `initialMs × factor^n`. */
export const retryPolicySchema = z.object({
  maxRetries: z.number().int().min(0).max(10).default(2),
  initialMs: z.number().min(0).max(60_000).default(500),
  factor: z.number().min(1).max(10).default(2),
});
export type RetryPolicy = z.infer<typeof retryPolicySchema>;

/**
 * Calls a model with the step's retry policy, then each fallback model in turn.
 * Retries only errors the provider classifier marks retryable (408, 409, 429,
 * 5xx, network failures), waiting a full-jitter backoff of at most
 * `initialMs × factor^n`, or longer when the provider sent `Retry-After`.
 * A wait longer than {@link maxRetryWaitMs} or past the step's deadline is not
 * made: the next fallback model is tried at once, or the step fails saying why.
 * Every retry and fallback is a `step.retrying` event.
 */
export async function callModelWithPolicy(
  context: StepContext,
  request: ModelCallRequest,
  policy: { retry?: RetryPolicy; fallbackModels?: string[] },
): Promise<ModelCallResult> {
  const models = [request.model, ...(policy.fallbackModels ?? [])];
  const retry = policy.retry ?? { maxRetries: 0, initialMs: 0, factor: 1 };
  let lastError: StudioError | undefined;
  for (const [modelIndex, model] of models.entries()) {
    for (let retryIndex = 0; ; retryIndex++) {
      try {
        return await context.callModel({ ...request, model });
      } catch (thrown) {
        const error = toStudioError(thrown);
        if (error.code === 'RUN_ABORTED' || context.signal.aborted) throw error;
        const hints = providerRetryHints(error);
        let wait: RetryWait | undefined;
        if (hints.retryable && retryIndex < retry.maxRetries) {
          // The jitter is drawn from the step's identity, so a resumed run waits as the first one did.
          const unit = hashToUnit(`${context.runId}:${context.nodeId}:${context.attempt}:${model}:${retryIndex}`);
          const remainingMs = context.deadline === undefined ? undefined : context.deadline - context.clock.now();
          wait = planRetryWait({ backoffMs: fullJitterBackoffMs(retry, retryIndex, unit), retryAfterMs: hints.retryAfterMs, remainingMs });
        }
        lastError = wait && !wait.wait ? withReason(error, wait.reason) : error;
        const nextModel = wait?.wait ? model : models[modelIndex + 1];
        if (!nextModel) break;
        context.emit('step.retrying', {
          reason: lastError.message,
          code: error.code,
          model: nextModel,
          delayMs: wait?.wait ? wait.delayMs : 0,
          fallback: !wait?.wait,
        });
        if (!wait?.wait) break;
        await context.clock.sleep(wait.delayMs, context.signal);
      }
    }
  }
  throw lastError ?? new StudioError('PROVIDER_ERROR', 'No model answered');
}

/** The same failure, saying why it was not retried. */
function withReason(error: StudioError, reason: string): StudioError {
  return new StudioError(error.code, `${error.message} (not retried: ${reason})`, { details: error.details, cause: error.cause });
}
