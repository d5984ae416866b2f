import type { JsonSchema } from '@tandem/shared';

export interface RunInputField {
  name: string;
  type: 'string' | 'number' | 'integer' | 'boolean' | 'json';
  required: boolean;
  description?: string;
  defaultValue?: unknown;
  enumValues?: string[];
}

/** The fields of the run form, from the pipeline's input schema. */
export function runInputFields(schema: JsonSchema): RunInputField[] {
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  return Object.entries(properties).map(([name, property]) => {
    const type = ['string', 'number', 'integer', 'boolean'].includes(String(property.type)) ? (property.type as RunInputField['type']) : 'json';
    return {
      name,
      type,
      required: required.includes(name),
      ...(typeof property.description === 'string' ? { description: property.description } : {}),
      ...(property.default !== undefined ? { defaultValue: property.default } : {}),
      ...(Array.isArray(property.enum) ? { enumValues: property.enum.map(String) } : {}),
    };
  });
}

/** Form text per field, starting from defaults (or what was used last time). */
export function initialRunTexts(fields: readonly RunInputField[], previous: Record<string, unknown> = {}): Record<string, string> {
  return Object.fromEntries(
    fields.map((field) => {
      const value = previous[field.name] ?? field.defaultValue;
      if (value === undefined) return [field.name, field.type === 'boolean' ? 'false' : ''];
      return [field.name, typeof value === 'string' ? value : JSON.stringify(value)];
    }),
  );
}

/** Turns the form's texts into inputs; returns field errors for what cannot be converted. */
export function parseRunInputs(fields: readonly RunInputField[], texts: Record<string, string>): { inputs: Record<string, unknown>; errors: Record<string, string> } {
  const inputs: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const text = texts[field.name] ?? '';
    if (text.trim() === '' && field.type !== 'string' && field.type !== 'boolean') {
      if (field.required) errors[field.name] = 'Required';
      continue;
    }
    if (field.type === 'string') {
      if (text === '' && field.required) errors[field.name] = 'Required';
      else if (text !== '' || field.required) inputs[field.name] = text;
    } else if (field.type === 'boolean') inputs[field.name] = text === 'true';
    else if (field.type === 'number' || field.type === 'integer') {
      const number = Number(text);
      if (!Number.isFinite(number)) errors[field.name] = 'Enter a number';
      else if (field.type === 'integer' && !Number.isInteger(number)) errors[field.name] = 'Enter a whole number';
      else inputs[field.name] = number;
    } else {
      try {
        inputs[field.name] = JSON.parse(text) as unknown;
      } catch {
        errors[field.name] = 'Enter valid JSON';
      }
    }
  }
  return { inputs, errors };
}
