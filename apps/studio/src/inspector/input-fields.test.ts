import { describe, expect, it } from 'vitest';
import { inputNameProblem, readInputFields, writeInputFields } from './input-fields.ts';

const schema = {
  type: 'object',
  title: 'Inputs',
  properties: {
    prompt: { type: 'string', description: 'What to ask' },
    count: { type: 'integer', minimum: 1 },
    tone: { type: 'string', enum: ['formal', 'casual'] },
  },
  required: ['prompt'],
};

describe('input fields', () => {
  it('reads rows from the schema', () => {
    expect(readInputFields(schema).map((row) => [row.name, row.type, row.required, row.description])).toEqual([
      ['prompt', 'string', true, 'What to ask'],
      ['count', 'number', false, ''],
      ['tone', 'string', false, ''],
    ]);
  });

  it('round-trips without losing keywords', () => {
    expect(writeInputFields(schema, readInputFields(schema))).toEqual(schema);
  });

  it('writes edits, drops unnamed rows and the empty required list', () => {
    const rows = readInputFields(schema);
    rows[0]!.required = false;
    rows.push({ name: '', type: 'boolean', required: true, description: '', extra: {} });
    const written = writeInputFields(schema, rows);
    expect(written).not.toHaveProperty('required');
    expect(Object.keys(written.properties as object)).toEqual(['prompt', 'count', 'tone']);
  });

  it('complains about empty, malformed and duplicate names', () => {
    const rows = [...readInputFields(schema), { name: 'prompt', type: 'string' as const, required: false, description: '', extra: {} }];
    expect(inputNameProblem(rows, 0)).toBe('Another field has this name');
    expect(inputNameProblem([{ ...rows[0]!, name: '' }], 0)).toBe('Give the field a name');
    expect(inputNameProblem([{ ...rows[0]!, name: '9lives' }], 0)).toMatch(/letters/);
    expect(inputNameProblem(rows, 1)).toBeUndefined();
  });
});
