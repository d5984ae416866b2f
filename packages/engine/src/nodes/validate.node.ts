import { z } from 'zod';
import { StudioError, toStudioError, type GraphProblem } from '@tandem/shared';
import { providerRetryHints } from '../runtime/provider-errors.ts';
import { planRetryWait } from '../runtime/retry-wait.ts';
import { defineNode } from '../define-node.ts';
import type { StepContext } from '../runtime/step-context.ts';
import { estimateCall, sumEstimates } from './estimate.ts';
import { parseModelJson } from './json-output.ts';
import type { CheckResult } from '@tandem/shared';
import { runCheck, validateCheckSchema } from './validate-checks.ts';

const onFailSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('fail') }),
  z.object({ type: z.literal('default'), value: z.unknown() }),
  z.object({ type: z.literal('fallbackModel'), model: z.string().min(1, 'pick a model') }),
]);

export const validateConfigSchema = z.object({
  target: z.string().min(1, 'pick the step to guard'),
  value: z.string().optional(),
  checks: z.array(validateCheckSchema).min(1, 'add at least one check'),
  maxRetries: z.number().int().min(0).max(10).default(2),
  backoff: z.object({ initialMs: z.number().min(0).max(60_000).default(500), factor: z.number().min(1).max(10).default(2) }).prefault({}),
  onFail: onFailSchema.default({ type: 'fail' }),
  timeoutMs: z.number().int().min(0).optional(),
});

const maxRecordedChars = 2000;

interface Outcome {
  valid: boolean;
  value: unknown;
  reasons: string[];
}

/**
 * Checks a step's output; on failure sends the step back with the reasons as
 * feedback (with backoff), then falls back to another model, a default, or
 * fails. Downstream nodes should read `{{<validator>.value}}` for the
 * validated value: with the `default` fallback the guarded step keeps its own
 * (invalid) output.
 */
export const validateNode = defineNode({
  kind: 'validate',
  displayName: 'Validate',
  description: 'Checks a value; on failure sends the guarded step back with the reasons, then falls back.',
  context: 'server',
  icon: 'shield',
  version: 1,
  config: validateConfigSchema,
  defaultConfig: () => ({ target: '', checks: [{ type: 'length', min: 1 }], maxRetries: 2, backoff: { initialMs: 500, factor: 2 }, onFail: { type: 'fail' } }),
  fields: { target: 'node', value: 'template', checks: 'json', 'checks.*.schema': 'json', 'checks.*.code': 'code', 'checks.*.model': 'model', 'onFail.model': 'model' },
  literalFields: ['target', 'checks'],
  output: z.object({
    value: z.unknown(),
    valid: z.boolean(),
    attempts: z.number(),
    failures: z.array(z.object({ attempt: z.number(), reasons: z.array(z.string()) })),
    usedFallback: z.enum(['default', 'fallbackModel']).optional(),
  }),
  guards: 'target',
  dependencies: (config) => [config.target],
  summary: (config) => ({ preview: config.target ? `guards ${config.target}` : undefined }),
  check(config, node, document) {
    const problem = (message: string, code = 'NODE_CONFIG_INVALID'): GraphProblem[] => [{ code, nodeId: node.id, field: 'config.target', message }];
    const target = document.nodes.find((candidate) => candidate.id === config.target);
    if (!target) return problem(`config.target: there is no node "${config.target}" to guard`, 'GRAPH_REFERENCE_UNKNOWN');
    if (target.id === node.id) return problem('config.target: a validator cannot guard itself');
    return [];
  },
  estimate(config, facts) {
    const judges = config.checks.flatMap((check) => (check.type === 'judge' ? [estimateCall(check.model, undefined, check.criteria, 20, facts)] : []));
    return judges.length > 0 ? sumEstimates(judges) : undefined;
  },
  async run({ config, context }) {
    const { target } = config;
    const template = config.value ?? `{{${target}.text}}`;
    let targetAttempt = context.attemptOf?.(target) || 1;
    let attempts = 0;
    const failures: { attempt: number; reasons: string[] }[] = [];

    const record = (results: CheckResult[], value: unknown): Outcome => {
      attempts++;
      const valid = results.every((result) => result.passed);
      const reasons = results.filter((result) => !result.passed).map((result) => `${result.type}: ${result.reason ?? 'failed'}`);
      context.emit('validate.result', { attempt: targetAttempt, valid, value: truncate(value), results });
      if (!valid) failures.push({ attempt: targetAttempt, reasons });
      return { valid, value, reasons };
    };
    const checkCurrent = async (): Promise<Outcome> => {
      const value = context.evaluate(template);
      return record(await Promise.all(config.checks.map((check) => runCheck(check, value, context))), value);
    };
    let targetError: StudioError | undefined;
    const rerunAndCheck = async (options: { feedback: string; model?: string }): Promise<Outcome> => {
      const previous = targetAttempt;
      targetError = await rerunTarget(context, target, options);
      targetAttempt = context.attemptOf?.(target) || previous + 1;
      if (targetError) return record([{ type: 'target', passed: false, reason: `"${target}" failed: ${targetError.message}` }], undefined);
      return checkCurrent();
    };

    let outcome = await checkCurrent();
    for (let retry = 0; !outcome.valid && retry < config.maxRetries; retry++) {
      // Re-asking for content, not contention: plain exponential spacing, but never sooner than a
      // provider that refused the last re-run asked, and never past the cap or this step's deadline.
      const wait = planRetryWait({
        backoffMs: config.backoff.initialMs * config.backoff.factor ** retry,
        retryAfterMs: targetError ? providerRetryHints(targetError).retryAfterMs : undefined,
        remainingMs: context.deadline === undefined ? undefined : context.deadline - context.clock.now(),
      });
      if (!wait.wait) {
        outcome = { ...outcome, reasons: [...outcome.reasons, `not retried: ${wait.reason}`] };
        break;
      }
      const feedback = outcome.reasons.join('\n');
      context.emit('step.retrying', { reason: feedback, delayMs: wait.delayMs, attempt: targetAttempt + 1, validator: context.nodeId }, { nodeId: target, attempt: targetAttempt });
      await context.clock.sleep(wait.delayMs, context.signal);
      outcome = await rerunAndCheck({ feedback });
    }
    if (outcome.valid) return { valid: true, value: asChecked(outcome.value, config.checks), attempts, failures };

    const onFail = config.onFail;
    if (onFail.type === 'default') {
      const value = typeof onFail.value === 'string' ? context.evaluate(onFail.value) : onFail.value;
      return { valid: false, value, attempts, failures, usedFallback: 'default' as const };
    }
    if (onFail.type === 'fallbackModel') {
      const feedback = outcome.reasons.join('\n');
      const data = { reason: feedback, delayMs: 0, attempt: targetAttempt + 1, model: onFail.model, fallback: true, validator: context.nodeId };
      context.emit('step.retrying', data, { nodeId: target, attempt: targetAttempt });
      outcome = await rerunAndCheck({ feedback, model: onFail.model });
      if (outcome.valid) return { valid: true, value: asChecked(outcome.value, config.checks), attempts, failures, usedFallback: 'fallbackModel' as const };
    }
    throw new StudioError(
      'VALIDATION_CHECK_FAILED',
      `"${target}" failed validation after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${outcome.reasons.join('; ')}`,
      { details: { target, failures } },
    );
  },
});

/** Re-runs the guarded step; its failure counts as a failed attempt (returned), cancellation propagates. */
async function rerunTarget(context: StepContext, target: string, options: { feedback: string; model?: string }): Promise<StudioError | undefined> {
  try {
    await context.rerun(target, options);
    return undefined;
  } catch (thrown) {
    const error = toStudioError(thrown, 'NODE_RUN_FAILED');
    if (error.code === 'RUN_ABORTED' || context.signal.aborted) throw error;
    return error;
  }
}

/** A value that passed a JSON Schema check is handed on as the parsed JSON, not as the model's text. */
function asChecked(value: unknown, checks: readonly { type: string }[]): unknown {
  if (typeof value !== 'string' || !checks.some((check) => check.type === 'jsonSchema')) return value;
  const parsed = parseModelJson(value);
  return parsed === undefined ? value : parsed;
}

function truncate(value: unknown): unknown {
  return typeof value === 'string' && value.length > maxRecordedChars ? `${value.slice(0, maxRecordedChars)}…` : value;
}
