/**
 * A small JSON Schema checker for tests (ajv is not a dependency of this
 * package). It walks the same keyword subset the simulator generates for and
 * returns one message per violation.
 */
type SchemaObject = Record<string, unknown>;

const isObject = (value: unknown): value is SchemaObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function resolve(reference: string, root: SchemaObject): unknown {
  let node: unknown = root;
  for (const segment of reference.slice(1).split('/').filter(Boolean)) node = isObject(node) ? node[segment] : undefined;
  return node;
}

/** Returns the violations of `value` against `schema` (empty when valid). */
export function checkJsonSchema(value: unknown, schema: unknown, root: unknown = schema, path = '$'): string[] {
  if (schema === true || schema === undefined) return [];
  if (schema === false) return [`${path}: no value allowed`];
  if (!isObject(schema) || !isObject(root)) return [];
  const problems: string[] = [];
  if (typeof schema.$ref === 'string') problems.push(...checkJsonSchema(value, resolve(schema.$ref, root), root, path));
  for (const member of Array.isArray(schema.allOf) ? schema.allOf : []) problems.push(...checkJsonSchema(value, member, root, path));
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options) && !options.some((option) => checkJsonSchema(value, option, root, path).length === 0)) {
      problems.push(`${path}: matches no ${key} alternative`);
    }
  }
  if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) problems.push(`${path}: not the const`);
  if (Array.isArray(schema.enum) && !schema.enum.some((item) => JSON.stringify(item) === JSON.stringify(value))) {
    problems.push(`${path}: not in enum`);
  }
  const actual = typeOf(value);
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.length > 0 && !types.some((type) => type === actual || (type === 'number' && actual === 'integer'))) {
    problems.push(`${path}: expected ${types.join('|')}, got ${actual}`);
    return problems;
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) problems.push(`${path}: below minimum`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) problems.push(`${path}: above maximum`);
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) problems.push(`${path}: not above exclusiveMinimum`);
    if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum) problems.push(`${path}: not below exclusiveMaximum`);
    if (typeof schema.multipleOf === 'number' && Math.abs(value / schema.multipleOf - Math.round(value / schema.multipleOf)) > 1e-9) {
      problems.push(`${path}: not a multiple of ${schema.multipleOf}`);
    }
  }
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) problems.push(`${path}: shorter than minLength`);
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) problems.push(`${path}: longer than maxLength`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) problems.push(`${path}: fewer than minItems`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) problems.push(`${path}: more than maxItems`);
    if (schema.uniqueItems === true && new Set(value.map((item) => JSON.stringify(item))).size !== value.length) {
      problems.push(`${path}: items not unique`);
    }
    const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
    value.forEach((item, index) => {
      const itemSchema = index < prefix.length ? prefix[index] : schema.items;
      problems.push(...checkJsonSchema(item, itemSchema, root, `${path}[${index}]`));
    });
  }
  if (isObject(value)) {
    for (const name of Array.isArray(schema.required) ? schema.required : []) {
      if (typeof name === 'string' && !(name in value)) problems.push(`${path}: missing required "${name}"`);
    }
    const properties = isObject(schema.properties) ? schema.properties : {};
    for (const [name, propertyValue] of Object.entries(value)) {
      if (name in properties) problems.push(...checkJsonSchema(propertyValue, properties[name], root, `${path}.${name}`));
      else if (schema.additionalProperties === false) problems.push(`${path}: unexpected property "${name}"`);
    }
  }
  return problems;
}
