/** Fields whose values are sentences rather than words. */
const longTextField = /description|summary|invitation|message|reason|explanation|considerations|feedback|text|answer|body|content|notes?|comment/i;

type Schema = Record<string, unknown>;

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

function tokensOf(schema: unknown, name: string, depth: number): number {
  if (!isSchema(schema) || depth > 6) return 4;
  let properties: Schema = isSchema(schema.properties) ? schema.properties : {};
  for (const member of Array.isArray(schema.allOf) ? schema.allOf : []) {
    if (isSchema(member) && isSchema(member.properties)) properties = { ...properties, ...member.properties };
  }
  if (Object.keys(properties).length > 0 || schema.type === 'object') {
    // Each key costs about two tokens (the name and its quotes, colon and comma).
    return 1 + Object.entries(properties).reduce((total, [key, value]) => total + 2 + tokensOf(value, key, depth + 1), 0);
  }
  if (Array.isArray(schema.enum) || 'const' in schema) return 2;
  switch (schema.type) {
    case 'array': return 1 + 2 * tokensOf(schema.items, name.replace(/s$/, ''), depth + 1);
    case 'integer': case 'number': return 2;
    case 'boolean': case 'null': return 1;
    default: break;
  }
  if (schema.format === 'date-time') return 8;
  return longTextField.test(name) || (typeof schema.description === 'string' && /sentence|text|invitation|message/i.test(schema.description)) ? 25 : 5;
}

/**
 * About how many tokens a JSON answer for this schema takes: each key, a
 * few tokens per value, sentences for text-like fields (description,
 * invitation, considerations…), two items per array.
 */
export function estimateJsonTokens(schema: Record<string, unknown>): number {
  return tokensOf(schema, '', 0);
}
