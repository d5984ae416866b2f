import type { PipelineDocument } from '@tandem/shared';
import type { NodeRegistry } from '../registry.ts';
import { orderBySchema } from './order-by-schema.ts';

/** Document keys in the order of DESIGN.md §3 (`kinds`, the format's version map, beside `schema`). */
const documentKeys = ['schema', 'kinds', 'id', 'name', 'description', 'inputs', 'nodes', 'edges'] as const;
const nodeKeys = ['id', 'kind', 'label', 'position', 'config'] as const;
const edgeKeys = ['id', 'source', 'target', 'sourceHandle', 'targetHandle'] as const;

/** `object` with `keys` first in that order (absent ones skipped), then any other keys sorted. */
function pick(object: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const ordered: Record<string, unknown> = {};
  for (const key of keys) if (object[key] !== undefined) ordered[key] = object[key];
  for (const key of Object.keys(object).filter((key) => !keys.includes(key)).sort()) if (object[key] !== undefined) ordered[key] = object[key];
  return ordered;
}

/**
 * Writes a pipeline document the way it should live in git: two-space
 * indentation, a final newline and a stable key order — document keys as
 * DESIGN.md lists them, node keys `id, kind, label, position, config`, edge
 * keys `id, source, target, sourceHandle, targetHandle`, and config keys in
 * the declared order of the kind's config schema (keys it does not declare
 * after them, sorted). Free-form values (the input schema, an output JSON
 * Schema, a default value) keep their written order. Formatting the result
 * of importing this text gives the same bytes.
 *
 * Give it a document in the current format (upgraded and stamped).
 *
 * @example
 * writeFileSync('critique-loop.tandem.json', formatPipelineDocument(document, registry));
 */
export function formatPipelineDocument(document: PipelineDocument, registry: NodeRegistry): string {
  const ordered = pick(
    {
      ...document,
      nodes: document.nodes.map((node) =>
        pick({ ...node, position: pick(node.position, ['x', 'y']), config: orderBySchema(node.config, registry.get(node.kind)?.config) }, nodeKeys),
      ),
      edges: document.edges.map((edge) => pick(edge, edgeKeys)),
    },
    documentKeys,
  );
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
