import { formatPipelineDocument, stampKindVersions, upgradePipelineDocument, type NodeRegistry } from '@tandem/engine';
import { pipelineDocumentSchema, type PipelineDocument } from '@tandem/shared';
import { nodeRegistry } from '../nodes/node-registry.ts';

/**
 * The editor holds documents in today's format, so what it sends says so: `kinds` lists the current
 * version of every kind the document uses (a node added since loading included). Without it the server
 * would read a new node's config as version 1 of its kind.
 */
export function asCurrentDocument(document: PipelineDocument, registry: NodeRegistry = nodeRegistry): PipelineDocument {
  return stampKindVersions(document, registry);
}

/**
 * Reads a pipeline file of any version into today's format (older documents and kind configs are
 * upgraded), or throws an Error saying what is wrong — e.g. that it was written by a newer Tandem Studio.
 */
export function readPipelineFile(json: unknown, fileName: string, registry: NodeRegistry = nodeRegistry): PipelineDocument {
  const upgraded = upgradePipelineDocument(json, registry);
  if (!upgraded.ok) throw new Error(`${fileName}: ${upgraded.problems.map((problem) => problem.message).join('; ')}`);
  const parsed = pipelineDocumentSchema.safeParse(upgraded.document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${fileName} is not a pipeline document: ${issue ? `${issue.path.join('.') || 'document'}: ${issue.message}` : 'invalid'}`);
  }
  return parsed.data;
}

/** The text of an exported file: the same bytes the server's export writes for the same document. */
export function pipelineFileText(document: PipelineDocument, registry: NodeRegistry = nodeRegistry): string {
  return formatPipelineDocument(asCurrentDocument(document, registry), registry);
}
