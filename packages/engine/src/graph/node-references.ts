import type { PipelineDocument } from '@tandem/shared';
import type { AnyNodeDefinition } from '../define-node.ts';
import type { NodeRegistry } from '../registry.ts';
import { parseReferencePath } from '../template/template.ts';

/** A place in a node's config that names another node: a `{{id.…}}` reference, or a node field (a validator's `target`). */
export interface NodeReferenceSite {
  /** The node whose config holds the reference. */
  nodeId: string;
  /** Dotted path inside the document node, e.g. `config.prompt`. */
  field: string;
}

const referencePattern = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The node id a reference expression starts with, or undefined when the expression is malformed. */
function referencedNode(expression: string): string | undefined {
  try {
    return parseReferencePath(expression)[0];
  } catch {
    return undefined;
  }
}

/** True for a config path whose strings are literals for its kind (code, regex…), not templates. */
function isLiteral(definition: AnyNodeDefinition | undefined, path: readonly string[]): boolean {
  const dotted = path.join('.');
  return (definition?.literalFields ?? []).some((prefix) => dotted === prefix || dotted.startsWith(`${prefix}.`));
}

/** True for a config field that holds a node id (the kind's `guards` field, or a field hinted `node`). */
function isNodeField(definition: AnyNodeDefinition | undefined, path: readonly string[]): boolean {
  if (!definition || path.length !== 1) return false;
  return definition.guards === path[0] || definition.fields?.[path[0]!] === 'node';
}

type StringVisitor = (text: string, path: readonly string[], role: 'template' | 'node') => string | undefined;

/** Rebuilds a config, letting `visit` replace template strings and node fields; other values stay as they are. */
function mapConfigStrings(config: unknown, definition: AnyNodeDefinition | undefined, visit: StringVisitor, path: string[] = []): unknown {
  if (typeof config === 'string') {
    if (isNodeField(definition, path)) return visit(config, path, 'node');
    if (isLiteral(definition, path)) return config;
    return visit(config, path, 'template');
  }
  if (Array.isArray(config)) {
    const mapped = config.map((item, index) => mapConfigStrings(item, definition, visit, [...path, String(index)]));
    return mapped.some((item, index) => item !== config[index]) ? mapped : config;
  }
  if (config && typeof config === 'object') {
    let changed = false;
    const entries: [string, unknown][] = [];
    for (const [key, value] of Object.entries(config)) {
      const mapped = mapConfigStrings(value, definition, visit, [...path, key]);
      if (mapped !== value) changed = true;
      if (mapped !== undefined) entries.push([key, mapped]);
      else if (value !== undefined) changed = true;
    }
    return changed ? Object.fromEntries(entries) : config;
  }
  return config;
}

/**
 * Points a config's references at other nodes: `{{old.text}}` becomes `{{new.text}}` for every
 * `old → new` in `renames`, and node fields (a validator's `target`) follow. Literal fields (code,
 * patterns) are left alone. Answers the same object when nothing changed.
 * @example
 * retargetReferences({ prompt: 'Fix {{draft.text}}' }, llm, new Map([['draft', 'draft_2']])); // { prompt: 'Fix {{draft_2.text}}' }
 */
export function retargetReferences(config: Record<string, unknown>, definition: AnyNodeDefinition | undefined, renames: ReadonlyMap<string, string>): Record<string, unknown> {
  if (renames.size === 0) return config;
  return mapConfigStrings(config, definition, (text, _path, role) => {
    if (role === 'node') return renames.get(text) ?? text;
    if (!text.includes('{{')) return text;
    return text.replace(referencePattern, (whole, expression: string) => {
      const nodeId = referencedNode(expression);
      const renamed = nodeId === undefined ? undefined : renames.get(nodeId);
      return renamed === undefined ? whole : whole.replace(nodeId!, renamed);
    });
  }) as Record<string, unknown>;
}

/**
 * Takes references to `nodeId` out of a config: `{{nodeId.…}}` is removed from templates, and a node
 * field naming it is cleared. Answers the same object when nothing changed.
 */
export function removeReferences(config: Record<string, unknown>, definition: AnyNodeDefinition | undefined, nodeId: string): Record<string, unknown> {
  return mapConfigStrings(config, definition, (text, _path, role) => {
    if (role === 'node') return text === nodeId ? undefined : text;
    if (!text.includes('{{')) return text;
    return text.replace(referencePattern, (whole, expression: string) => (referencedNode(expression) === nodeId ? '' : whole));
  }) as Record<string, unknown>;
}

/** Every place in the document, outside `nodeId` itself, whose config names `nodeId`. */
export function referencesToNode(document: PipelineDocument, registry: NodeRegistry, nodeId: string): NodeReferenceSite[] {
  const sites: NodeReferenceSite[] = [];
  for (const node of document.nodes) {
    if (node.id === nodeId) continue;
    mapConfigStrings(node.config, registry.get(node.kind), (text, path, role) => {
      const field = ['config', ...path].join('.');
      if (role === 'node' ? text === nodeId : [...text.matchAll(referencePattern)].some((match) => referencedNode(match[1]!) === nodeId)) {
        sites.push({ nodeId: node.id, field });
      }
      return text;
    });
  }
  return sites;
}
