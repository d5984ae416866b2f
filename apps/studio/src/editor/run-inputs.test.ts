import { describe, expect, it } from 'vitest';
import { initialRunTexts, parseRunInputs, runInputFields } from './run-inputs.ts';

const schema = {
  type: 'object',
  properties: {
    prompt: { type: 'string', description: 'Ask' },
    count: { type: 'integer', default: 3 },
    loud: { type: 'boolean' },
    extra: { type: 'object' },
  },
  required: ['prompt'],
};

describe('run inputs', () => {
  it('builds fields from the input schema', () => {
    expect(runInputFields(schema).map((field) => [field.name, field.type, field.required])).toEqual([
      ['prompt', 'string', true],
      ['count', 'integer', false],
      ['loud', 'boolean', false],
      ['extra', 'json', false],
    ]);
  });

  it('prefills defaults and previous values', () => {
    expect(initialRunTexts(runInputFields(schema), { prompt: 'Hi' })).toEqual({ prompt: 'Hi', count: '3', loud: 'false', extra: '' });
  });

  it('converts texts and reports bad ones', () => {
    const fields = runInputFields(schema);
    expect(parseRunInputs(fields, { prompt: 'Hi', count: '4', loud: 'true', extra: '{"a":1}' })).toEqual({ inputs: { prompt: 'Hi', count: 4, loud: true, extra: { a: 1 } }, errors: {} });
    expect(parseRunInputs(fields, { prompt: '', count: '1.5', loud: 'false', extra: '{' }).errors).toEqual({ prompt: 'Required', count: 'Enter a whole number', extra: 'Enter valid JSON' });
  });
});
