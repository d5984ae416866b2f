import { z } from 'zod';
import type { AnyNodeDefinition, FieldWidget } from '@tandem/engine';

/** The subset of JSON Schema the inspector understands. */
export interface SchemaNode {
  type?: string | string[];
  title?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
}

const cache = new WeakMap<AnyNodeDefinition, SchemaNode | null>();

/** The JSON Schema of a node kind's config (input side, so defaults are optional). Null when zod cannot express it. */
export function configSchemaOf(definition: AnyNodeDefinition): SchemaNode | null {
  if (!cache.has(definition)) {
    try {
      cache.set(definition, z.toJSONSchema(definition.config, { io: 'input', unrepresentable: 'any' }) as SchemaNode);
    } catch {
      cache.set(definition, null);
    }
  }
  return cache.get(definition) ?? null;
}

/** The type name of a schema, ignoring `null` in type arrays. */
export function typeOf(schema: SchemaNode): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((type) => type !== 'null');
  return schema.type;
}

/** Unwraps `anyOf: [X, { type: 'null' }]` (nullable) into X. */
export function withoutNull(schema: SchemaNode): SchemaNode {
  const options = schema.anyOf ?? schema.oneOf;
  if (!options) return schema;
  const rest = options.filter((option) => option.type !== 'null');
  if (rest.length === 1 && rest.length !== options.length) {
    const { anyOf: _anyOf, oneOf: _oneOf, ...outer } = schema;
    return { ...outer, ...rest[0] };
  }
  return schema;
}

export interface TaggedUnion {
  /** The property whose `const` names the variant, e.g. `type`. */
  tag: string;
  variants: { value: string; schema: SchemaNode }[];
}

/** A union of objects told apart by one constant property (e.g. `{ type: 'regex', … } | { type: 'length', … }`). */
export function taggedUnionOf(schema: SchemaNode): TaggedUnion | undefined {
  const options = schema.anyOf ?? schema.oneOf;
  if (!options || options.length < 2) return undefined;
  const first = options[0]?.properties ?? {};
  for (const tag of Object.keys(first)) {
    const values = options.map((option) => option.properties?.[tag]?.const ?? (option.properties?.[tag]?.enum?.length === 1 ? option.properties[tag].enum[0] : undefined));
    if (values.every((value) => typeof value === 'string') && new Set(values).size === values.length) {
      return { tag, variants: options.map((option, index) => ({ value: values[index] as string, schema: option })) };
    }
  }
  return undefined;
}

/** A value to start a new item or object with: defaults, constants, and empty required fields. */
export function initialValueOf(schema: SchemaNode): unknown {
  if (schema.default !== undefined) return structuredClone(schema.default);
  if (schema.const !== undefined) return schema.const;
  const union = taggedUnionOf(schema);
  if (union) return initialValueOf(union.variants[0]!.schema);
  const resolved = withoutNull(schema);
  switch (typeOf(resolved)) {
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(resolved.properties ?? {})) {
        if (property.default !== undefined || property.const !== undefined || resolved.required?.includes(key)) value[key] = initialValueOf(property);
      }
      return value;
    }
    case 'array':
      return [];
    case 'string':
      return resolved.enum?.[0] ?? '';
    case 'number':
    case 'integer':
      return resolved.minimum ?? 0;
    case 'boolean':
      return false;
    default:
      return undefined;
  }
}

/** "maxTokens" → "Max tokens". */
export function humanize(name: string): string {
  const spaced = name.replace(/[_-]+/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** The widget hint for a config path; array indices match `*` (e.g. `fallbackModels.*`). */
export function widgetAt<Widget = FieldWidget>(fields: Partial<Record<string, Widget>> | undefined, path: readonly string[]): Widget | undefined {
  if (!fields || path.length === 0) return undefined;
  const exact = fields[path.join('.')];
  if (exact) return exact;
  return fields[path.map((segment) => (/^\d+$/.test(segment) ? '*' : segment)).join('.')];
}
