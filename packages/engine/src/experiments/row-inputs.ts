import type { ColumnMapping, GraphProblem, JsonSchema } from '@tandem/shared';

/** How dataset columns feed a pipeline, resolved: input name → column, and the expected column. */
export interface ResolvedMapping {
  inputs: Record<string, string>;
  expected?: string;
}

function declaredInputs(schema: JsonSchema): { names: string[]; required: string[]; types: Record<string, unknown> } {
  const properties = (schema.properties ?? {}) as Record<string, { type?: unknown }>;
  const required = Array.isArray(schema.required) ? schema.required.filter((name): name is string => typeof name === 'string') : [];
  return { names: Object.keys(properties), required, types: Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, property?.type])) };
}

/**
 * The mapping a dataset gets by default, completed with what the caller gave: each declared input
 * reads the column of the same name (else one that differs only in case), and a column named
 * `expected` (any case) holds the expected answer.
 */
export function resolveMapping(inputSchema: JsonSchema, columns: readonly string[], given: ColumnMapping = {}): ResolvedMapping {
  const byLowerCase = new Map(columns.map((column) => [column.toLowerCase(), column]));
  const inputs: Record<string, string> = {};
  for (const name of declaredInputs(inputSchema).names) {
    const column = columns.includes(name) ? name : byLowerCase.get(name.toLowerCase());
    if (column !== undefined) inputs[name] = column;
  }
  Object.assign(inputs, given.inputs ?? {});
  const expected = given.expected ?? byLowerCase.get('expected');
  return expected === undefined ? { inputs } : { inputs, expected };
}

/** Problems of a mapping against the dataset's columns and the pipeline's inputs, each naming its field. */
export function checkMapping(inputSchema: JsonSchema, columns: readonly string[], mapping: ResolvedMapping): GraphProblem[] {
  const { names, required } = declaredInputs(inputSchema);
  const problems: GraphProblem[] = [];
  const available = `the dataset has ${columns.map((column) => `"${column}"`).join(', ') || 'no columns'}`;
  for (const [input, column] of Object.entries(mapping.inputs)) {
    if (!names.includes(input)) problems.push({ code: 'EXPERIMENT_INVALID', field: `mapping.inputs.${input}`, message: `mapping.inputs.${input}: the pipeline has no input "${input}"` });
    else if (!columns.includes(column)) problems.push({ code: 'EXPERIMENT_INVALID', field: `mapping.inputs.${input}`, message: `mapping.inputs.${input}: there is no column "${column}" (${available})` });
  }
  for (const input of required) {
    if (mapping.inputs[input] === undefined) {
      problems.push({ code: 'EXPERIMENT_INVALID', field: `mapping.inputs.${input}`, message: `mapping.inputs.${input}: the pipeline requires input "${input}" and no column maps to it (${available})` });
    }
  }
  if (mapping.expected !== undefined && !columns.includes(mapping.expected)) {
    problems.push({ code: 'EXPERIMENT_INVALID', field: 'mapping.expected', message: `mapping.expected: there is no column "${mapping.expected}" (${available})` });
  }
  return problems;
}

/**
 * The run inputs of one dataset row. CSV cells are text: a cell feeding an input declared as a
 * number, integer, boolean, object or array is read as one when it parses; otherwise it is passed
 * as written and the input check names the field. Empty cells are left out.
 */
export function rowInputs(inputSchema: JsonSchema, mapping: ResolvedMapping, row: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { types } = declaredInputs(inputSchema);
  const inputs: Record<string, unknown> = {};
  for (const [input, column] of Object.entries(mapping.inputs)) {
    const value = row[column];
    if (value === undefined || value === null || value === '') continue;
    inputs[input] = typeof value === 'string' ? coerce(value, types[input]) : value;
  }
  return inputs;
}

function coerce(text: string, type: unknown): unknown {
  const trimmed = text.trim();
  if ((type === 'number' || type === 'integer') && trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
  if (type === 'boolean' && /^(true|false)$/i.test(trimmed)) return trimmed.toLowerCase() === 'true';
  if (type === 'object' || type === 'array') {
    try {
      return JSON.parse(trimmed);
    } catch {
      return text;
    }
  }
  return text;
}
