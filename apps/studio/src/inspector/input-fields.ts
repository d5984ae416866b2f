import type { JsonSchema } from '@tandem/shared';

export type InputFieldType = 'string' | 'number' | 'boolean';

/** One field of the pipeline's input schema, as the input node's inspector edits it. */
export interface InputFieldRow {
  name: string;
  type: InputFieldType;
  required: boolean;
  description: string;
  /** Other keywords of the property (enum, default…), kept as they were. */
  extra: Record<string, unknown>;
}

const knownTypes: readonly string[] = ['string', 'number', 'boolean'];

/** Reads the rows from a JSON Schema of `type: object`. */
export function readInputFields(schema: JsonSchema): InputFieldRow[] {
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  return Object.entries(properties).map(([name, property]) => {
    const { type, description, ...extra } = property ?? {};
    const normalized = type === 'integer' ? 'number' : type;
    return {
      name,
      type: knownTypes.includes(String(normalized)) ? (normalized as InputFieldType) : 'string',
      required: required.includes(name),
      description: typeof description === 'string' ? description : '',
      extra: type === 'integer' ? { ...extra, integer: true } : extra,
    };
  });
}

/** Writes rows back into the schema, keeping its other keywords. Rows without a name are left out. */
export function writeInputFields(schema: JsonSchema, rows: readonly InputFieldRow[]): JsonSchema {
  const named = rows.filter((row) => row.name.trim() !== '');
  const properties = Object.fromEntries(
    named.map((row) => {
      const { integer, ...extra } = row.extra as { integer?: boolean };
      const type = row.type === 'number' && integer ? 'integer' : row.type;
      return [row.name.trim(), { ...extra, type, ...(row.description ? { description: row.description } : {}) }];
    }),
  );
  const required = named.filter((row) => row.required).map((row) => row.name.trim());
  const { required: _previous, ...rest } = schema;
  return { ...rest, type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
}

/** A readable complaint about a field name, or undefined when it is fine. */
export function inputNameProblem(rows: readonly InputFieldRow[], index: number): string | undefined {
  const name = rows[index]?.name.trim() ?? '';
  if (name === '') return 'Give the field a name';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return 'Use letters, digits and _ (not starting with a digit)';
  if (rows.some((row, position) => position !== index && row.name.trim() === name)) return 'Another field has this name';
  return undefined;
}
