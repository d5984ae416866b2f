import type { PipelineDocument } from '@tandem/shared';

/**
 * True when two documents differ at most in node positions: moving nodes changes no check, no
 * reference and no inspector field, so what is derived from the document can be kept while a node
 * is dragged. Relies on the store keeping unchanged parts by identity.
 */
export function sameExceptPositions(a: PipelineDocument, b: PipelineDocument): boolean {
  if (a === b) return true;
  if (a.edges !== b.edges || a.inputs !== b.inputs || a.name !== b.name || a.description !== b.description || a.id !== b.id || a.nodes.length !== b.nodes.length) return false;
  return a.nodes.every((node, index) => {
    const other = b.nodes[index]!;
    return node === other || (node.id === other.id && node.kind === other.kind && node.label === other.label && node.config === other.config);
  });
}
