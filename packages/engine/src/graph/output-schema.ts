import { z } from 'zod';
import type { JsonSchema, PipelineDocument } from '@tandem/shared';
import type { AnyNodeDefinition } from '../define-node.ts';

const converted = new WeakMap<z.ZodType, JsonSchema>();

/** A zod schema as JSON Schema (converted once per schema). */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  let json = converted.get(schema);
  if (!json) {
    json = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'output' }) as JsonSchema;
    converted.set(schema, json);
  }
  return json;
}

/** What a configured node hands on, as JSON Schema: what `{{id.…}}` can read. */
export function outputSchemaOf(definition: AnyNodeDefinition, config: unknown, document: PipelineDocument): JsonSchema {
  return definition.outputFor ? definition.outputFor(config, document) : jsonSchemaOf(definition.output);
}

/** The top-level fields a configured node hands on, the one read most first (empty for a plain value). */
export function outputFieldsOf(definition: AnyNodeDefinition, config: unknown, document: PipelineDocument): string[] {
  const schema = outputSchemaOf(definition, config, document);
  const options = [schema, ...((schema.anyOf as unknown[] | undefined) ?? [])];
  const fields = options.flatMap((option) => (isObject(option) && isObject(option.properties) ? Object.keys(option.properties) : []));
  return [...new Set(fields)];
}

/** Whether a path can be read inside a value of a schema; if not, the segment that cannot and what can be read there. */
export type PathCheck = { readable: true } | { readable: false; segment: string; at: string[]; available: string[] };

/**
 * Checks that `path` can exist inside values of `schema`. Objects that list `properties` are read as
 * closed unless they allow more (`additionalProperties`); anything the schema leaves open is readable.
 */
export function checkOutputPath(schema: unknown, path: readonly string[]): PathCheck {
  return walk(schema, path, 0);
}

function walk(schema: unknown, path: readonly string[], index: number): PathCheck {
  if (index >= path.length || !isObject(schema)) return { readable: true };
  const segment = path[index]!;
  const alternatives = [schema.anyOf, schema.oneOf, schema.allOf].find(Array.isArray) as unknown[] | undefined;
  if (alternatives) {
    const checks = alternatives.map((option) => walk(option, path, index));
    const readable = checks.find((check) => check.readable);
    if (readable) return readable;
    const [first] = checks as Extract<PathCheck, { readable: false }>[];
    const available = [...new Set(checks.flatMap((check) => (check.readable ? [] : check.available)))];
    return first ? { ...first, available } : { readable: true };
  }
  if (isObject(schema.properties)) {
    if (Object.hasOwn(schema.properties, segment)) return walk(schema.properties[segment], path, index + 1);
    const extra = schema.additionalProperties;
    if (extra !== undefined && extra !== false) return walk(extra, path, index + 1);
    return { readable: false, segment, at: path.slice(0, index), available: Object.keys(schema.properties) };
  }
  if (schema.type === 'array' || schema.items !== undefined) {
    if (/^\d+$/.test(segment)) return walk(schema.items, path, index + 1);
    if (segment === 'length') return { readable: true };
    return { readable: false, segment, at: path.slice(0, index), available: ['0', '1', '…', 'length'] };
  }
  if (isObject(schema.additionalProperties)) return walk(schema.additionalProperties, path, index + 1);
  const scalar = typeof schema.type === 'string' && ['string', 'number', 'integer', 'boolean', 'null'].includes(schema.type);
  if (scalar) return { readable: false, segment, at: path.slice(0, index), available: [] };
  return { readable: true };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
