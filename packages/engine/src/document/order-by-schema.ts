import type { z } from 'zod';

type Json = Record<string, unknown>;

/** The parts of zod 4's schema definitions this module reads. */
interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  options?: readonly z.ZodType[];
  discriminator?: string;
  getter?: () => z.ZodType;
  values?: readonly unknown[];
}

const defOf = (schema: z.ZodType): SchemaDef => (schema as unknown as { def: SchemaDef }).def;
const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Returns `value` with the keys of every object the schema describes in the
 * schema's declared order, followed by keys the schema does not know, sorted.
 * Values the schema leaves open (records, `unknown`, JSON Schemas) keep the
 * order they were written in: there the order can mean something (a JSON
 * Schema's `properties` order is the order a model writes the fields in).
 */
export function orderBySchema(value: unknown, schema: z.ZodType | undefined): unknown {
  if (schema === undefined) return value;
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return orderBySchema(value, def.innerType);
    case 'pipe':
      return orderBySchema(value, def.in);
    case 'lazy':
      return orderBySchema(value, def.getter?.());
    case 'array':
      return Array.isArray(value) ? value.map((item) => orderBySchema(item, def.element)) : value;
    case 'union':
      return orderBySchema(value, matchingOption(value, def));
    case 'object':
      return isRecord(value) ? orderObject(value, def.shape ?? {}) : value;
    default:
      return value;
  }
}

function orderObject(value: Json, shape: Record<string, z.ZodType>): Json {
  const ordered: Json = {};
  for (const key of Object.keys(shape)) if (key in value) ordered[key] = orderBySchema(value[key], shape[key]);
  for (const key of Object.keys(value).filter((key) => !(key in shape)).sort(byCodeUnit)) ordered[key] = value[key];
  return ordered;
}

/** The union member describing `value`: by the discriminator when there is one, else the first that accepts it. */
function matchingOption(value: unknown, def: SchemaDef): z.ZodType | undefined {
  const options = def.options ?? [];
  if (def.discriminator && isRecord(value)) {
    const tag = value[def.discriminator];
    return options.find((option) => {
      const field = defOf(option).shape?.[def.discriminator!];
      return field !== undefined && (defOf(field).values ?? []).includes(tag);
    });
  }
  return options.find((option) => option.safeParse(value).success);
}
