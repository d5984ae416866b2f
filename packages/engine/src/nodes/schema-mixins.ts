/** Schema mixins: reusable wrappers composed around a node's output schema with `allOf`. */
export type SchemaMixin = 'introspect';

/**
 * Introspect: the model writes `_considerations` before the answer and
 * `_feedback` after it. The wrapped schema sits in the middle of `allOf`.
 */
function introspect(schema: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'object',
    allOf: [
      {
        type: 'object',
        properties: { _considerations: { type: 'string', description: 'What to weigh before answering' } },
        required: ['_considerations'],
      },
      schema,
      {
        type: 'object',
        properties: { _feedback: { type: 'string', description: 'Remarks on the task and the answer, for the pipeline author' } },
        required: ['_feedback'],
      },
    ],
  };
}

const mixins: Record<SchemaMixin, (schema: Record<string, unknown>) => Record<string, unknown>> = { introspect };

/** Applies mixins in order, each wrapping the result of the previous one. */
export function applyMixins(schema: Record<string, unknown>, names: readonly SchemaMixin[]): Record<string, unknown> {
  return names.reduce((wrapped, name) => mixins[name](wrapped), schema);
}
