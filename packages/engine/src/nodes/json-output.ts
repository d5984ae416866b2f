import { compileJsonSchema } from '#json-schema';

const compiled = new Map<string, (value: unknown) => string[]>();

/**
 * Finds JSON in a model's answer: the whole text, a fenced ```json block, or
 * the first balanced {…} / […] span. Undefined when there is none.
 */
export function parseModelJson(text: string): unknown {
  const candidates = [text.trim()];
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  if (fenced) candidates.push(fenced[1]!.trim());
  const start = text.search(/[[{]/);
  if (start >= 0) {
    const open = text[start]!;
    const close = open === '{' ? '}' : ']';
    const end = text.lastIndexOf(close);
    if (end > start) candidates.push(text.slice(start, end + 1));
  }
  for (const candidate of candidates) {
    try {
      return JSON.parse(candidate);
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

/** Validates a value against a JSON Schema; returns readable errors, empty when valid. */
export function validateJson(schema: Record<string, unknown>, value: unknown): string[] {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    try {
      validate = compileJsonSchema(schema);
    } catch (error) {
      return [`the schema itself is invalid: ${(error as Error).message}`];
    }
    compiled.set(key, validate);
  }
  return validate(value);
}
