import type { GraphProblem, PipelineDocument } from '@tandem/shared';
import { validateJson } from '../nodes/json-output.ts';

const invalidSchemaPrefix = 'the schema itself is invalid: ';

/** Checks run inputs against the pipeline's input schema; each problem names the field. */
export function checkRunInputs(document: PipelineDocument, inputs: unknown): GraphProblem[] {
  return validateJson(document.inputs, inputs).map((message) => {
    // A schema stored before schemas were checked on save: name it, not a garbled field.
    if (message.startsWith(invalidSchemaPrefix)) {
      return { code: 'RUN_INPUT_INVALID', field: 'inputs', message: `The pipeline's input schema is invalid (${message.slice(invalidSchemaPrefix.length)}); save the pipeline with a valid schema` };
    }
    const missing = /must have required property '([^']+)'/.exec(message);
    const field = missing ? `inputs.${missing[1]}` : `inputs${message.split(' ')[0]!.replace(/^\(root\)$/, '').replaceAll('/', '.')}`;
    return { code: 'RUN_INPUT_INVALID', field, message: missing ? `${field} is required` : `${field}: ${message.split(' ').slice(1).join(' ')}` };
  });
}
