import Ajv2020, { type ErrorObject } from 'ajv/dist/2020.js';
import type { GraphProblem } from '@tandem/shared';

// Meta-schema checks only: no formats are asserted and nothing is logged.
const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false, validateFormats: false });

const summaryKeywords = new Set(['anyOf', 'oneOf', 'allOf', 'if', 'then', 'else', 'not']);

const fieldOf = (pointer: string) =>
  ['inputs', ...pointer.split('/').slice(1).map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))].join('.');

/** The most telling meta-schema error per place in the schema: specific keywords before anyOf summaries. */
function metaSchemaProblems(errors: readonly ErrorObject[]): GraphProblem[] {
  const byPath = new Map<string, ErrorObject>();
  for (const error of errors) {
    const known = byPath.get(error.instancePath);
    if (!known || (summaryKeywords.has(known.keyword) && !summaryKeywords.has(error.keyword))) byPath.set(error.instancePath, error);
  }
  // A place whose children are reported too is only the echo of their error.
  const paths = [...byPath.keys()];
  return paths
    .filter((path) => !paths.some((other) => other !== path && other.startsWith(`${path}/`)) || !summaryKeywords.has(byPath.get(path)!.keyword))
    .map((path) => {
      const error = byPath.get(path)!;
      const field = fieldOf(path);
      const keyword = path.split('/').at(-1) || 'inputs';
      return { code: 'SCHEMA_INVALID', field, message: `${field}: the "${keyword}" keyword ${error.message ?? 'is invalid'} (JSON Schema 2020-12)` };
    });
}

/** Every `pattern` and `patternProperties` key that is not a valid regular expression, with its path. */
function patternProblems(schema: unknown): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const stack: { value: unknown; path: string[] }[] = [{ value: schema, path: ['inputs'] }];
  const check = (pattern: string, path: string[]) => {
    try {
      new RegExp(pattern, 'u');
    } catch (error) {
      const field = path.join('.');
      problems.push({ code: 'SCHEMA_INVALID', field, message: `${field}: the "pattern" ${JSON.stringify(pattern)} is not a valid regular expression (${(error as Error).message})` });
    }
  };
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    for (const [key, child] of Object.entries(value)) {
      if (key === 'pattern' && typeof child === 'string') check(child, [...path, key]);
      else if (key === 'patternProperties' && child && typeof child === 'object' && !Array.isArray(child)) {
        for (const pattern of Object.keys(child)) check(pattern, [...path, key, pattern]);
      }
      stack.push({ value: child, path: [...path, key] });
    }
  }
  return problems;
}

/**
 * Checks a pipeline's input schema as JSON Schema: against the draft 2020-12 meta-schema, then by
 * compiling it (bad `pattern` regular expressions, references that do not resolve). Each problem
 * names the path and the keyword, e.g. `inputs.properties.prompt.pattern`. Call it on bodies whose
 * depth was already bounded.
 */
export function checkInputSchema(schema: unknown): GraphProblem[] {
  let valid: boolean;
  try {
    valid = ajv.validateSchema(schema as object) as boolean;
  } catch (error) {
    // Thrown for a `$schema` naming a dialect other than 2020-12.
    return [{ code: 'SCHEMA_INVALID', field: 'inputs.$schema', message: `inputs.$schema: ${(error as Error).message}; input schemas are JSON Schema 2020-12` }];
  }
  if (!valid) return metaSchemaProblems(ajv.errors ?? []);
  try {
    ajv.compile(schema as object);
    return [];
  } catch (error) {
    const patterns = patternProblems(schema);
    if (patterns.length > 0) return patterns;
    return [{ code: 'SCHEMA_INVALID', field: 'inputs', message: `inputs: the schema does not compile: ${(error as Error).message}` }];
  } finally {
    // Compiled schemas are cached by ajv; this check only needs to know that compiling works.
    ajv.removeSchema(schema as object);
  }
}
