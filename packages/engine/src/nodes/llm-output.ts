import { StudioError } from '@tandem/shared';
import { parseModelJson, validateJson } from './json-output.ts';

/** A structured answer read against its schema: the JSON, or why it is not acceptable. */
export type StructuredOutput = { ok: true; json: unknown } | { ok: false; error: StudioError; feedback: string };

/** Reads a model's answer as JSON and validates it against the (mixin-wrapped) output schema. */
export function readStructuredOutput(text: string, schema: Record<string, unknown>): StructuredOutput {
  const json = parseModelJson(text);
  if (json === undefined) {
    const error = new StudioError('OUTPUT_INVALID', 'The model did not answer with JSON', { details: { text: text.slice(0, 500) } });
    return { ok: false, error, feedback: 'The answer was not valid JSON. Answer with one JSON value only.' };
  }
  const errors = validateJson(schema, json);
  if (errors.length === 0) return { ok: true, json };
  const error = new StudioError('OUTPUT_INVALID', `The answer does not match the output schema: ${errors.join('; ')}`, { details: { errors } });
  return { ok: false, error, feedback: `The JSON does not match the output schema:\n${errors.map((line) => `- ${line}`).join('\n')}` };
}
