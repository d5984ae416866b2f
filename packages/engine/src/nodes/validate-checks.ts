import { z } from 'zod';
import { toStudioError, type CheckResult } from '@tandem/shared';
import type { StepContext } from '../runtime/step-context.ts';
import { parseModelJson, validateJson } from './json-output.ts';
import { buildJudgePrompt, parseJudgeScore } from './judge-score.ts';
import { compileUserPattern } from './user-pattern.ts';

/** A regex check; a pattern the linear-time engine cannot run is a config problem on `pattern` or `flags`, found before running. */
const regexCheckSchema = z
  .object({ type: z.literal('regex'), pattern: z.string().min(1, 'write a pattern'), flags: z.string().optional() })
  .superRefine((check, context) => {
    const compiled = compileUserPattern(check.pattern, check.flags);
    if (!compiled.ok) context.addIssue({ code: 'custom', path: [compiled.field], message: compiled.message });
  });

/** One check a `validate` node runs on a value. */
export const validateCheckSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('jsonSchema'), schema: z.record(z.string(), z.unknown()) }),
  regexCheckSchema,
  z.object({ type: z.literal('length'), min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() }),
  z.object({ type: z.literal('contains'), text: z.string().min(1), negate: z.boolean().optional() }),
  z.object({ type: z.literal('js'), code: z.string().min(1, 'write a predicate') }),
  z.object({ type: z.literal('judge'), model: z.string().min(1), criteria: z.string().min(1), threshold: z.number().min(1).max(10) }),
]);
export type ValidateCheck = z.infer<typeof validateCheckSchema>;


/** A value as text, for text checks and judge prompts. */
export function valueAsText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  return JSON.stringify(value);
}

const pass = (type: string): CheckResult => ({ type, passed: true });
const fail = (type: string, reason: string): CheckResult => ({ type, passed: false, reason });

/**
 * Runs one check. Regex checks run on a linear-time engine (re2js). Bad
 * input (malformed JSON, an invalid pattern, a sandbox
 * error, an unscored judge answer) fails the check with a reason instead of
 * throwing; only cancellation and judge provider errors propagate.
 */
export async function runCheck(check: ValidateCheck, value: unknown, context: StepContext): Promise<CheckResult> {
  switch (check.type) {
    case 'jsonSchema': {
      const json = typeof value === 'string' ? parseModelJson(value) : value;
      if (json === undefined) return fail(check.type, 'the value is not valid JSON');
      const errors = validateJson(check.schema, json);
      return errors.length === 0 ? pass(check.type) : fail(check.type, `does not match the JSON Schema: ${errors.join('; ')}`);
    }
    case 'regex': {
      // The config check refused patterns that do not compile; this guards configs that skipped it.
      const compiled = compileUserPattern(check.pattern, check.flags);
      if (!compiled.ok) return fail(check.type, `${compiled.field}: ${compiled.message}`);
      return compiled.pattern.test(valueAsText(value)) ? pass(check.type) : fail(check.type, `does not match /${check.pattern}/${check.flags ?? ''}`);
    }
    case 'length': {
      const length = Array.isArray(value) ? value.length : valueAsText(value).length;
      if (check.min !== undefined && length < check.min) return fail(check.type, `is ${length} long, shorter than the minimum ${check.min}`);
      if (check.max !== undefined && length > check.max) return fail(check.type, `is ${length} long, longer than the maximum ${check.max}`);
      return pass(check.type);
    }
    case 'contains': {
      const found = valueAsText(value).includes(check.text);
      if (check.negate) return found ? fail(check.type, `must not contain "${check.text}"`) : pass(check.type);
      return found ? pass(check.type) : fail(check.type, `must contain "${check.text}"`);
    }
    case 'js':
      return runJsCheck(check.code, value, context);
    case 'judge': {
      const scale = { min: 1, max: 10 };
      const result = await context.callModel({ role: 'judge', model: check.model, prompt: buildJudgePrompt(valueAsText(value), check.criteria, scale) });
      const verdict = parseJudgeScore(result.text, scale);
      if (!verdict) return fail(check.type, `the judge's answer has no score: "${result.text.slice(0, 200)}"`);
      if (verdict.score >= check.threshold) return pass(check.type);
      return fail(check.type, `the judge scored ${verdict.score} (below ${check.threshold}): ${verdict.reason}`);
    }
  }
}

async function runJsCheck(code: string, value: unknown, context: StepContext): Promise<CheckResult> {
  const sandbox = context.services.sandbox;
  if (!sandbox) return fail('js', 'this server has no JavaScript sandbox, so the js check cannot run');
  let result: unknown;
  try {
    result = await sandbox.run(code, { value }, { signal: context.signal });
  } catch (thrown) {
    const error = toStudioError(thrown, 'SANDBOX_ERROR');
    if (error.code === 'RUN_ABORTED' || context.signal.aborted) throw error;
    return fail('js', `the predicate threw: ${error.message}`);
  }
  if (typeof result === 'string') return fail('js', result || 'the predicate returned an empty string');
  return result ? pass('js') : fail('js', `the predicate returned ${JSON.stringify(result) ?? 'undefined'}`);
}
