import { z } from 'zod';
import { StudioError, toStudioError } from '@tandem/shared';
import type { StepContext, ModelCallRequest, ModelCallResult } from '../runtime/step-context.ts';

/** Retry policy for provider errors: `initialMs × factor^n` between attempts. */
export const retryPolicySchema = z.object({
  maxRetries: z.number().int().min(0).max(10).default(2),
  initialMs: z.number().min(0).max(60_000).default(500),
  factor: z.number().min(1).max(10).default(2),
});
export type RetryPolicy = z.infer<typeof retryPolicySchema>;

/** Waits longer than this are not worth it: go to the fallback model instead (as the AI SDK and Portkey do). */
const maxRetryAfterMs = 60_000;

/**
 * Calls a model with the step's retry policy, then each fallback model in turn.
 * Retries only retryable provider errors; every retry is a `step.retrying` event.
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
        lastError = error;
        const details = error.details as { retryable?: boolean; retryAfterMs?: number } | undefined;
        const delayMs = Math.max(retry.initialMs * retry.factor ** retryIndex, details?.retryAfterMs ?? 0);
        const canRetry = details?.retryable !== false && retryIndex < retry.maxRetries && delayMs <= maxRetryAfterMs;
        const nextModel = canRetry ? model : models[modelIndex + 1];
        if (!nextModel) break;
        context.emit('step.retrying', {
          reason: error.message,
          code: error.code,
          model: nextModel,
          delayMs: canRetry ? delayMs : 0,
          fallback: !canRetry,
        });
        if (!canRetry) break;
        await context.clock.sleep(delayMs, context.signal);
      }
    }
  }
  throw lastError ?? new StudioError('PROVIDER_ERROR', 'No model answered');
}
