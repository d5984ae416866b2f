import {
  builtInNodes,
  createNodeRegistry,
  defaultHandles,
  guardedStep,
  jsonSchemaOf,
  outputFieldsOf,
  type AnyNodeDefinition,
  type NodeContextKind,
  type NodeHandles,
  type NodeSummary,
} from '@tandem/engine';
import type { PipelineDocument, PipelineNode } from '@tandem/shared';

/** The engine's node kinds, as the studio sees them. New kinds in `builtInNodes` appear here automatically. */
export const nodeRegistry = createNodeRegistry(builtInNodes);

export const contextOrder: readonly NodeContextKind[] = ['io', 'llm', 'server', 'user'];

/** Node kinds grouped by where they run, for the palette. */
export function groupDefinitionsByContext(definitions: readonly AnyNodeDefinition[] = nodeRegistry.list()) {
  return contextOrder
    .map((context) => ({ context, definitions: definitions.filter((definition) => definition.context === context) }))
    .filter((group) => group.definitions.length > 0);
}

/** The node's config as its kind reads it, or undefined while it has problems (or its kind is unknown). */
export function parsedConfigOf(node: PipelineNode): unknown {
  const parsed = nodeRegistry.get(node.kind)?.config.safeParse(node.config);
  return parsed?.success ? parsed.data : undefined;
}

/** What the card shows of a node: its model and a line of its config. */
export function summaryOf(node: PipelineNode): NodeSummary {
  const definition = nodeRegistry.get(node.kind);
  const config = parsedConfigOf(node);
  return definition?.summary && config !== undefined ? definition.summary(config) : {};
}

/** The connection points of a kind. */
export function handlesOf(kind: string): NodeHandles {
  return nodeRegistry.get(kind)?.handles ?? defaultHandles;
}

/** The step a node guards (a validator's target), if its kind guards one. */
export function guardedStepOf(node: PipelineNode): string | undefined {
  const definition = nodeRegistry.get(node.kind);
  return definition ? guardedStep(definition, node.config) : undefined;
}

/** The fields a node hands on, the one read most first. */
export function outputFieldsOfNode(node: PipelineNode, document: PipelineDocument): string[] {
  const definition = nodeRegistry.get(node.kind);
  if (!definition) return [];
  const config = parsedConfigOf(node);
  if (config !== undefined) return outputFieldsOf(definition, config, document);
  const schema = jsonSchemaOf(definition.output);
  return typeof schema.properties === 'object' && schema.properties !== null ? Object.keys(schema.properties) : [];
}
