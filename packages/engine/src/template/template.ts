import { StudioError } from '@tandem/shared';

/** A `{{node.path}}` reference found in a template. */
export interface TemplateReference {
  /** The full text inside the braces, trimmed. */
  expression: string;
  /** The node id (first path segment). */
  nodeId: string;
  /** The path inside the node's output, e.g. `['usage', 'inputTokens']`. */
  path: string[];
}

const referencePattern = /\{\{\s*([^{}]*?)\s*\}\}/g;
const segmentPattern = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Splits `a.b[0].c` into `['a', 'b', '0', 'c']`; throws TEMPLATE_INVALID on malformed paths. */
export function parseReferencePath(expression: string): string[] {
  const segments: string[] = [];
  for (const part of expression.split('.')) {
    const match = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (!match) throw new StudioError('TEMPLATE_INVALID', `Malformed reference "{{${expression}}}"`);
    segments.push(match[1]!);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) segments.push(index[1]!);
  }
  if (!segmentPattern.test(segments[0] ?? '')) {
    throw new StudioError('TEMPLATE_INVALID', `Reference "{{${expression}}}" must start with a node id`);
  }
  return segments;
}

/** Lists every reference in a template. Throws TEMPLATE_INVALID for a malformed one. */
export function extractReferences(template: string): TemplateReference[] {
  const references: TemplateReference[] = [];
  for (const match of template.matchAll(referencePattern)) {
    const expression = match[1]!;
    const path = parseReferencePath(expression);
    references.push({ expression, nodeId: path[0]!, path: path.slice(1) });
  }
  return references;
}

/** Reads `path` inside `value`; undefined when any step is missing. */
export function readPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || current === undefined || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** Node outputs by node id: the scope templates are rendered in. */
export type TemplateScope = Readonly<Record<string, unknown>>;

function stringify(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

// Parsed reference paths, so a template rendered in every run is parsed once.
const parsedPaths = new Map<string, string[]>();

function lookup(expression: string, scope: TemplateScope): unknown {
  let path = parsedPaths.get(expression);
  if (!path) {
    path = parseReferencePath(expression);
    if (parsedPaths.size > 5000) parsedPaths.clear();
    parsedPaths.set(expression, path);
  }
  return readPath(scope[path[0]!], path.slice(1));
}

/** Renders a template to a string; objects are inserted as JSON, missing values as ''. */
export function renderTemplate(template: string, scope: TemplateScope): string {
  if (!template.includes('{{')) return template;
  return template.replace(referencePattern, (_match, expression: string) => stringify(lookup(expression, scope)));
}

/**
 * Evaluates a template to a value: a template that is exactly one reference
 * yields the referenced value itself (object, number…), anything else a string.
 */
export function evaluateTemplate(template: string, scope: TemplateScope): unknown {
  const single = /^\{\{\s*([^{}]*?)\s*\}\}$/.exec(template.trim());
  if (single) return lookup(single[1]!, scope);
  return renderTemplate(template, scope);
}

/** Collects every string anywhere inside a config value (for reference checks). */
export function collectStrings(value: unknown, path: string[] = [], out: { path: string; text: string }[] = []) {
  if (typeof value === 'string') out.push({ path: path.join('.'), text: value });
  else if (Array.isArray(value)) value.forEach((item, index) => collectStrings(item, [...path, String(index)], out));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) collectStrings(item, [...path, key], out);
  }
  return out;
}
