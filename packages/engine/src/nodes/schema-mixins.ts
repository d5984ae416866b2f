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

/**
 * The fields each mixin adds around the answer, and where they go in the
 * step's output: they are the model's notes, not part of the value the
 * steps downstream and the people who review it work with.
 */
const mixinOutputs: Record<SchemaMixin, { output: string; fields: Readonly<Record<string, string>> }> = {
  introspect: { output: 'introspection', fields: { _considerations: 'considerations', _feedback: 'feedback' } },
};

/** Applies mixins in order, each wrapping the result of the previous one. */
export function applyMixins(schema: Record<string, unknown>, names: readonly SchemaMixin[]): Record<string, unknown> {
  return names.reduce((wrapped, name) => mixins[name](wrapped), schema);
}

/** What each mixin adds to a step's output, as JSON Schema: `{ introspection: { considerations, feedback } }`. */
export function mixinOutputSchemas(names: readonly SchemaMixin[]): Record<string, Record<string, unknown>> {
  const schemas: Record<string, Record<string, unknown>> = {};
  for (const name of names) {
    const { output, fields } = mixinOutputs[name];
    schemas[output] = { type: 'object', properties: Object.fromEntries(Object.values(fields).map((note) => [note, { type: 'string' }])) };
  }
  return schemas;
}

/** A structured answer split into the value itself and the mixins' notes, by output key (e.g. `introspection`). */
export interface SeparatedAnswer {
  /** The answer without the mixins' fields: what `{{step.json}}` reads. */
  json: unknown;
  /** The mixins' fields, renamed without their underscore: `{ introspection: { considerations, feedback } }`. */
  notes: Record<string, Record<string, unknown>>;
}

/**
 * Takes the mixins' fields (`_considerations`, `_feedback`) out of a
 * structured answer. A value that is not an object, or has none of them,
 * comes back as it was.
 *
 * @example
 * separateMixinFields({ _considerations: 'c', slot: 'Mon 10:00', _feedback: 'f' }, ['introspect']);
 * // { json: { slot: 'Mon 10:00' }, notes: { introspection: { considerations: 'c', feedback: 'f' } } }
 */
export function separateMixinFields(json: unknown, names: readonly SchemaMixin[]): SeparatedAnswer {
  if (names.length === 0 || typeof json !== 'object' || json === null || Array.isArray(json)) return { json, notes: {} };
  const value: Record<string, unknown> = { ...(json as Record<string, unknown>) };
  const notes: Record<string, Record<string, unknown>> = {};
  for (const name of names) {
    const { output, fields } = mixinOutputs[name];
    for (const [field, note] of Object.entries(fields)) {
      if (!(field in value)) continue;
      (notes[output] ??= {})[note] = value[field];
      delete value[field];
    }
  }
  return { json: value, notes };
}
