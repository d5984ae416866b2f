import {
  dateTimeValue,
  durationMinutes,
  emailForField,
  emailValue,
  fieldWords,
  peopleList,
  startDateTime,
  stringForField,
  titleValue,
  type JsonFieldContext,
} from './json-field-values.ts';
import { readPromptFacts } from './prompt-facts.ts';
import { readPromptTopic } from './prompt-topic.ts';
import type { SeededRandom } from './seeded-random.ts';
import { writeAnswer } from './write-answer.ts';

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

/**
 * Merges `allOf` members into one schema: properties and required lists are
 * combined, properties in member order (so a mixin's leading field comes
 * first and its trailing field last); the schema's own keywords win.
 */
function mergeAllOf(schema: SchemaObject, root: SchemaObject): SchemaObject {
  const { allOf, ...own } = schema;
  let merged: SchemaObject = {};
  for (const member of Array.isArray(allOf) ? allOf : []) {
    const part = normalize(member, root);
    merged = {
      ...merged,
      ...part,
      properties: { ...(isSchemaObject(merged.properties) ? merged.properties : {}), ...(isSchemaObject(part.properties) ? part.properties : {}) },
      required: [...(Array.isArray(merged.required) ? merged.required : []), ...(Array.isArray(part.required) ? part.required : [])],
    };
  }
  return {
    ...merged,
    ...own,
    properties: { ...(isSchemaObject(merged.properties) ? merged.properties : {}), ...(isSchemaObject(own.properties) ? own.properties : {}) },
    required: [...(Array.isArray(merged.required) ? merged.required : []), ...(Array.isArray(own.required) ? own.required : [])],
  };
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

interface Walk {
  context: JsonFieldContext;
  root: SchemaObject;
}

function bounds(schema: SchemaObject, integer: boolean, low: number, high: number) {
  const exclusiveMinimum = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : undefined;
  const exclusiveMaximum = typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum : undefined;
  let minimum = typeof schema.minimum === 'number' ? schema.minimum : exclusiveMinimum ?? low;
  let maximum = typeof schema.maximum === 'number' ? schema.maximum : exclusiveMaximum ?? Math.max(high, minimum + (integer ? 9 : 10));
  if (integer) {
    minimum = exclusiveMinimum !== undefined && minimum <= exclusiveMinimum ? Math.floor(exclusiveMinimum) + 1 : Math.ceil(minimum);
    maximum = exclusiveMaximum !== undefined && maximum >= exclusiveMaximum ? Math.ceil(exclusiveMaximum) - 1 : Math.floor(maximum);
  }
  const multipleOf = typeof schema.multipleOf === 'number' && schema.multipleOf > 0 ? schema.multipleOf : undefined;
  const fits = (value: number) =>
    value >= minimum && value <= maximum && value !== exclusiveMinimum && value !== exclusiveMaximum &&
    (!integer || Number.isInteger(value)) && (multipleOf === undefined || Math.abs(value / multipleOf - Math.round(value / multipleOf)) < 1e-9);
  return { minimum, maximum, multipleOf, fits };
}

/** The usual range of a number field by its name ("age" 25–65, "year" 2026, "price" 5–200), before the schema's bounds. */
function usualRange(words: string, integer: boolean): [number, number] {
  if (/\bage\b/.test(words)) return [25, 65];
  if (/\byear\b/.test(words)) return [2026, 2026];
  if (/price|cost|amount|total|budget/.test(words)) return [5, 200];
  if (/percent|percentage/.test(words)) return [0, 100];
  if (/ratio|probability|confidence|share/.test(words)) return [0, 1];
  if (/score|rating|grade/.test(words)) return [1, 10];
  if (/priority|level/.test(words)) return [1, 5];
  if (/hours?/.test(words)) return [1, 3];
  return integer ? [1, 10] : [0, 100];
}

function numberValue(schema: SchemaObject, walk: Walk, integer: boolean, propertyName: string | undefined): number {
  const words = fieldWords(propertyName);
  const [usualLow, usualHigh] = usualRange(words, integer);
  const range = bounds(schema, integer, usualLow, usualHigh);
  const { random } = walk.context;
  let preferred: number | undefined;
  if (/duration|minutes|length/.test(words) && !/hours?/.test(words)) preferred = durationMinutes(walk.context, range.minimum, range.maximum);
  else if (/attendee|participant|people|guest|headcount/.test(words) && walk.context.facts.people.length > 0) preferred = walk.context.facts.people.length;
  else {
    let low = Math.max(range.minimum, usualLow);
    let high = Math.min(range.maximum, usualHigh);
    // A field whose bounds barely overlap its usual range ("score" from 0 to 1) uses its own bounds.
    if (high - low < (range.maximum - range.minimum) / 10) [low, high] = [range.minimum, range.maximum];
    if (high >= low) preferred = integer ? random.integer(Math.ceil(low), Math.floor(high)) : Math.round((low + random.next() * (high - low)) * 100) / 100;
  }
  if (preferred !== undefined && range.fits(preferred)) return preferred;
  if (range.multipleOf !== undefined) {
    const first = Math.ceil(range.minimum / range.multipleOf);
    const last = Math.floor(range.maximum / range.multipleOf);
    return (last >= first ? random.integer(first, last) : first) * range.multipleOf;
  }
  if (integer) return range.maximum >= range.minimum ? random.integer(range.minimum, range.maximum) : range.minimum;
  const value = Math.round((range.minimum + random.next() * (range.maximum - range.minimum)) * 100) / 100;
  return range.fits(value) ? value : (range.minimum + range.maximum) / 2;
}

function fitLength(value: string, schema: SchemaObject, walk: Walk): string {
  const minimumLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maximumLength = typeof schema.maxLength === 'number' ? schema.maxLength : Number.POSITIVE_INFINITY;
  let fitted = value;
  const filler = [...walk.context.topic.keywords, walk.context.topic.core, 'details'];
  for (let index = 0; fitted.length < minimumLength; index++) fitted = `${fitted} ${filler[index % filler.length]}`;
  if (fitted.length <= maximumLength) return fitted;
  const cut = fitted.slice(0, maximumLength);
  const lastSpace = cut.lastIndexOf(' ');
  return lastSpace >= minimumLength && lastSpace > 0 ? cut.slice(0, lastSpace) : cut;
}

function stringValue(schema: SchemaObject, walk: Walk, propertyName: string | undefined): string {
  const { context } = walk;
  const words = fieldWords(propertyName);
  const description = typeof schema.description === 'string' ? schema.description : '';
  switch (schema.format) {
    case 'date-time': return dateTimeValue(context, words);
    case 'date': return /birth/.test(words) ? birthDate(context) : startDateTime(context).slice(0, 10);
    case 'time': return startDateTime(context).slice(11);
    case 'email': return emailForField(context);
    case 'uri': case 'url': case 'iri': return context.facts.urls[0] ?? `https://example.com/${titleValue(context).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
    case 'uuid': return `00000000-0000-4000-8000-${String(context.random.integer(0, 999_999_999)).padStart(12, '0')}`;
    case 'duration': return `PT${durationMinutes(context, 1, 600) ?? 30}M`;
    default: break;
  }
  if (/\b(?:start|end|begin|finish)s?\b|date time|datetime|\bwhen\b|\bslot\b|scheduled/.test(words) && !/date$/.test(words)) return fitLength(dateTimeValue(context, words), schema, walk);
  if (/birth/.test(words)) return fitLength(birthDate(context), schema, walk);
  if (/\b(?:date|day|deadline|due)\b/.test(words)) return fitLength(startDateTime(context).slice(0, 10), schema, walk);
  return fitLength(stringForField(context, propertyName, description) ?? titleValue(context), schema, walk);
}

function birthDate(context: JsonFieldContext): string {
  const { random } = context;
  return `19${random.integer(70, 99)}-${String(random.integer(1, 12)).padStart(2, '0')}-${String(random.integer(1, 28)).padStart(2, '0')}`;
}

function singular(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  if (name.endsWith('ies')) return `${name.slice(0, -3)}y`;
  return name.endsWith('s') && !name.endsWith('ss') ? name.slice(0, -1) : name;
}

function arrayValue(schema: SchemaObject, walk: Walk, depth: number, propertyName: string | undefined): unknown[] {
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
  const minimumItems = typeof schema.minItems === 'number' ? schema.minItems : 1;
  const maximumItems = typeof schema.maxItems === 'number' ? schema.maxItems : Math.max(4, minimumItems);
  const itemSchema = isSchemaObject(schema.items) ? normalize(schema.items, walk.root) : undefined;
  const words = fieldWords(propertyName);
  const stringItems = itemSchema !== undefined && schemaType(itemSchema) === 'string' && itemSchema.enum === undefined && itemSchema.const === undefined && prefix.length === 0;
  if (stringItems && /attendee|participant|people|invitee|guest|member|names|recipient|author|assignee/.test(words)) {
    const people = peopleList(walk.context, minimumItems, maximumItems);
    const values = itemSchema.format === 'email' || /e ?mail/.test(words) ? people.map((_, index) => emailValue(walk.context, index)) : people;
    return values.map((value) => fitLength(value, itemSchema, walk));
  }
  if (stringItems && /tags|keywords|topics|labels|categories/.test(words)) {
    const tags = [...new Set([...walk.context.topic.keywords, walk.context.topic.core].map((tag) => tag.toLowerCase().replace(/^(?:the|a|an)\s+/, '')))];
    const count = Math.min(maximumItems, Math.max(minimumItems, Math.min(tags.length, 4)));
    return Array.from({ length: count }, (_, index) => fitLength(tags[index] ?? `${tags[0] ?? 'tag'} ${index + 1}`, itemSchema, walk));
  }
  const count =
    schema.items === false
      ? prefix.length
      : Math.max(prefix.length, Math.min(maximumItems, Math.max(minimumItems, walk.context.random.integer(1, 3))));
  const items: unknown[] = [];
  for (let index = 0; index < count; index++) {
    const schemaOfItem: unknown = index < prefix.length ? prefix[index] : schema.items;
    let item = generateNode(schemaOfItem ?? {}, walk, depth + 1, singular(propertyName));
    if (schema.uniqueItems === true && items.some((existing) => JSON.stringify(existing) === JSON.stringify(item))) {
      item = typeof item === 'string' ? `${item} ${index + 1}` : typeof item === 'number' && Number.isInteger(item) ? item + index : item;
    }
    items.push(item);
  }
  return items;
}

function objectValue(schema: SchemaObject, walk: Walk, depth: number): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const outer = walk.context.siblings;
  walk.context.siblings = result;
  const properties = isSchemaObject(schema.properties) ? schema.properties : {};
  for (const [name, propertySchema] of Object.entries(properties)) {
    result[name] = generateNode(propertySchema, walk, depth + 1, name);
  }
  for (const name of Array.isArray(schema.required) ? schema.required : []) {
    if (typeof name === 'string' && !(name in result)) result[name] = stringValue({}, walk, name);
  }
  walk.context.siblings = outer;
  return result;
}

function generateNode(input: unknown, walk: Walk, depth: number, propertyName: string | undefined): unknown {
  if (input === true || input === undefined) return stringValue({}, walk, propertyName);
  const schema = normalize(input, walk.root);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return enumValue(schema.enum, walk);
  const alternatives = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined;
  if (alternatives && alternatives.length > 0) {
    const { anyOf: _anyOf, oneOf: _oneOf, ...rest } = schema;
    const choice = alternatives.find((alternative) => !(isSchemaObject(alternative) && alternative.type === 'null')) ?? alternatives[0];
    return generateNode({ ...rest, ...normalize(choice, walk.root) }, walk, depth, propertyName);
  }
  const type = schemaType(schema);
  if (depth > maximumDepth) return type === 'array' ? [] : type === 'object' ? {} : null;
  switch (type) {
    case 'object': return objectValue(schema, walk, depth);
    case 'array': return arrayValue(schema, walk, depth, propertyName);
    case 'integer': return numberValue(schema, walk, true, propertyName);
    case 'number': return numberValue(schema, walk, false, propertyName);
    case 'boolean': return walk.context.random.next() < 0.5;
    case 'null': return null;
    default: return stringValue(schema, walk, propertyName);
  }
}

/** An enum value the prompt mentions, else a seeded one. */
function enumValue(values: readonly unknown[], walk: Walk): unknown {
  const prompt = walk.context.facts;
  const mentioned = values.find((value) => typeof value === 'string' && value.length > 2 && walk.context.topic.keywords.concat(walk.context.topic.core).some((word) => word.toLowerCase().includes(value.toLowerCase())));
  if (mentioned !== undefined) return mentioned;
  if (prompt.urgent) {
    const urgent = values.find((value) => typeof value === 'string' && /^(?:high|urgent|critical)$/i.test(value));
    if (urgent !== undefined) return urgent;
  }
  return walk.context.random.pick(values);
}

/** What the JSON is generated from besides the schema. */
export interface JsonPrompt {
  /** The user's message (the text to extract from, the request). */
  prompt: string;
  /** The system instructions, if any. */
  instructions?: string;
}

/**
 * Generates a value valid against a JSON Schema (the common subset: types,
 * properties and required, items/prefixItems with min/maxItems, numeric
 * bounds and multipleOf, string length and formats, enum, const,
 * allOf/anyOf/oneOf, local `$ref`), with values that fit each field: people
 * and emails named in the prompt, its durations, date-times and purpose,
 * numbers in a field's usual range, an invitation written from the fields
 * before it. Without a schema, returns `{ answer }` with a short answer.
 */
export function generateJsonValue(schema: unknown, random: SeededRandom, source: JsonPrompt = { prompt: '' }): unknown {
  const topic = readPromptTopic(source.prompt);
  const context: JsonFieldContext = { facts: readPromptFacts(source.prompt), topic, random, siblings: {} };
  if (!isSchemaObject(schema)) return { answer: writeAnswer({ ...topic, brief: true }, random) };
  return generateNode(schema, { context, root: schema }, 0, undefined);
}
