import type { SeededRandom } from './seeded-random.ts';
import { simWords } from './word-list.ts';

type SchemaObject = Record<string, unknown>;

const maximumDepth = 8;

function isSchemaObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function resolveReference(reference: string, root: SchemaObject): unknown {
  if (!reference.startsWith('#')) return {};
  let node: unknown = root;
  for (const rawSegment of reference.slice(1).split('/').filter((segment) => segment !== '')) {
    const segment = rawSegment.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isSchemaObject(node) ? node[segment] : undefined;
  }
  return node ?? {};
}

/** Merges `allOf` members into one schema: properties and required lists are combined. */
function mergeAllOf(schema: SchemaObject, root: SchemaObject): SchemaObject {
  const { allOf, ...rest } = schema;
  let merged: SchemaObject = rest;
  for (const member of Array.isArray(allOf) ? allOf : []) {
    const part = normalize(member, root);
    merged = {
      ...part,
      ...merged,
      properties: { ...(isSchemaObject(part.properties) ? part.properties : {}), ...(isSchemaObject(merged.properties) ? merged.properties : {}) },
      required: [...(Array.isArray(part.required) ? part.required : []), ...(Array.isArray(merged.required) ? merged.required : [])],
    };
  }
  return merged;
}

function normalize(schema: unknown, root: SchemaObject): SchemaObject {
  if (!isSchemaObject(schema)) return {};
  let current = schema;
  for (let hops = 0; typeof current.$ref === 'string' && hops < 16; hops++) {
    const { $ref, ...siblings } = current;
    const target = resolveReference($ref as string, root);
    current = { ...(isSchemaObject(target) ? target : {}), ...siblings };
  }
  return Array.isArray(current.allOf) ? mergeAllOf(current, root) : current;
}

function schemaType(schema: SchemaObject): string {
  const declared = schema.type;
  if (typeof declared === 'string') return declared;
  if (Array.isArray(declared)) {
    const nonNull = declared.find((type) => type !== 'null');
    return typeof nonNull === 'string' ? nonNull : 'null';
  }
  if (isSchemaObject(schema.properties) || Array.isArray(schema.required)) return 'object';
  if (schema.items !== undefined || schema.prefixItems !== undefined) return 'array';
  if (typeof schema.minimum === 'number' || typeof schema.maximum === 'number') return 'number';
  return 'string';
}

function numberValue(schema: SchemaObject, random: SeededRandom, integer: boolean): number {
  const exclusiveMinimum = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : undefined;
  const exclusiveMaximum = typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum : undefined;
  let low = typeof schema.minimum === 'number' ? schema.minimum : exclusiveMinimum ?? (integer ? 1 : 0);
  let high = typeof schema.maximum === 'number' ? schema.maximum : exclusiveMaximum ?? low + (integer ? 99 : 100);
  if (integer) {
    low = exclusiveMinimum !== undefined && low <= exclusiveMinimum ? Math.floor(exclusiveMinimum) + 1 : Math.ceil(low);
    high = exclusiveMaximum !== undefined && high >= exclusiveMaximum ? Math.ceil(exclusiveMaximum) - 1 : Math.floor(high);
  }
  const multipleOf = typeof schema.multipleOf === 'number' && schema.multipleOf > 0 ? schema.multipleOf : undefined;
  if (multipleOf !== undefined) {
    const first = Math.ceil(low / multipleOf);
    const last = Math.floor(high / multipleOf);
    return last >= first ? random.integer(first, last) * multipleOf : first * multipleOf;
  }
  if (integer) return high >= low ? random.integer(low, high) : low;
  const value = low + random.next() * (high - low);
  const rounded = Math.round(value * 100) / 100;
  const inside = (candidate: number): boolean =>
    candidate >= low && candidate <= high && candidate !== exclusiveMinimum && candidate !== exclusiveMaximum;
  return inside(rounded) ? rounded : (low + high) / 2;
}

function words(random: SeededRandom, count: number): string {
  const picked: string[] = [];
  for (let index = 0; index < count; index++) {
    picked.push(random.pick(index % 2 === 0 ? simWords.adjectives : simWords.nouns));
  }
  return picked.join(' ');
}

function stringValue(schema: SchemaObject, random: SeededRandom, propertyName: string | undefined): string {
  switch (schema.format) {
    case 'date-time': return `2026-0${random.integer(1, 9)}-1${random.integer(0, 9)}T0${random.integer(0, 9)}:30:00Z`;
    case 'date': return `2026-0${random.integer(1, 9)}-1${random.integer(0, 9)}`;
    case 'time': return `0${random.integer(0, 9)}:30:00Z`;
    case 'email': return `${random.pick(simWords.nouns)}@example.com`;
    case 'uri': case 'url': return `https://example.com/${random.pick(simWords.nouns)}`;
    case 'uuid': return `00000000-0000-4000-8000-${String(random.integer(0, 999_999_999)).padStart(12, '0')}`;
    default: break;
  }
  const name = propertyName?.toLowerCase() ?? '';
  const longText = /reason|summary|description|text|answer|explanation|content|feedback|comment/.test(name);
  let value = longText
    ? `The ${words(random, 2)} ${random.pick(simWords.verbs)} the ${words(random, 2)}.`
    : words(random, random.integer(1, 3));
  const minimumLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maximumLength = typeof schema.maxLength === 'number' ? schema.maxLength : Number.POSITIVE_INFINITY;
  while (value.length < minimumLength) value = `${value} ${random.pick(simWords.nouns)}`;
  return value.length > maximumLength ? value.slice(0, maximumLength) : value;
}

function arrayValue(schema: SchemaObject, random: SeededRandom, root: SchemaObject, depth: number): unknown[] {
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
  const minimumItems = typeof schema.minItems === 'number' ? schema.minItems : 1;
  const maximumItems = typeof schema.maxItems === 'number' ? schema.maxItems : Math.max(3, minimumItems);
  const count =
    schema.items === false
      ? prefix.length
      : Math.max(prefix.length, Math.min(maximumItems, Math.max(minimumItems, random.integer(1, 3))));
  const items: unknown[] = [];
  for (let index = 0; index < count; index++) {
    const itemSchema: unknown = index < prefix.length ? prefix[index] : schema.items;
    let item = generateNode(itemSchema ?? {}, random, root, depth + 1, undefined);
    if (schema.uniqueItems === true && typeof item === 'string' && items.includes(item)) item = `${item} ${index + 1}`;
    items.push(item);
  }
  return items;
}

function objectValue(schema: SchemaObject, random: SeededRandom, root: SchemaObject, depth: number): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const properties = isSchemaObject(schema.properties) ? schema.properties : {};
  for (const [name, propertySchema] of Object.entries(properties)) {
    result[name] = generateNode(propertySchema, random, root, depth + 1, name);
  }
  for (const name of Array.isArray(schema.required) ? schema.required : []) {
    if (typeof name === 'string' && !(name in result)) result[name] = words(random, 2);
  }
  return result;
}

function generateNode(input: unknown, random: SeededRandom, root: SchemaObject, depth: number, propertyName: string | undefined): unknown {
  if (input === true || input === undefined) return words(random, 2);
  const schema = normalize(input, root);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return random.pick(schema.enum);
  const alternatives = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined;
  if (alternatives && alternatives.length > 0) {
    const { anyOf: _anyOf, oneOf: _oneOf, ...rest } = schema;
    const choice = alternatives.find((alternative) => !(isSchemaObject(alternative) && alternative.type === 'null')) ?? alternatives[0];
    return generateNode({ ...rest, ...normalize(choice, root) }, random, root, depth, propertyName);
  }
  const type = schemaType(schema);
  if (depth > maximumDepth) return type === 'array' ? [] : type === 'object' ? {} : null;
  switch (type) {
    case 'object': return objectValue(schema, random, root, depth);
    case 'array': return arrayValue(schema, random, root, depth);
    case 'integer': return numberValue(schema, random, true);
    case 'number': return numberValue(schema, random, false);
    case 'boolean': return random.next() < 0.5;
    case 'null': return null;
    default: return stringValue(schema, random, propertyName);
  }
}

/**
 * Generates a value valid against a JSON Schema (the common subset: types,
 * properties and required, items/prefixItems with min/maxItems, numeric
 * bounds and multipleOf, string length and formats, enum, const,
 * allOf/anyOf/oneOf, local `$ref`). Without a schema, returns a small
 * `{ answer }` object.
 */
export function generateJsonValue(schema: unknown, random: SeededRandom): unknown {
  if (!isSchemaObject(schema)) return { answer: `The ${words(random, 2)} ${random.pick(simWords.verbs)} the ${words(random, 2)}.` };
  return generateNode(schema, random, schema, 0, undefined);
}
