import { builtInNodes, createNodeRegistry, type AnyNodeDefinition, type NodeContextKind } from '@tandem/engine';

/** The engine's node kinds, as the studio sees them. New kinds in `builtInNodes` appear here automatically. */
export const nodeRegistry = createNodeRegistry(builtInNodes);

export const contextOrder: readonly NodeContextKind[] = ['io', 'llm', 'server', 'user'];

/** Node kinds grouped by where they run, for the palette. */
export function groupDefinitionsByContext(definitions: readonly AnyNodeDefinition[] = nodeRegistry.list()) {
  return contextOrder
    .map((context) => ({ context, definitions: definitions.filter((definition) => definition.context === context) }))
    .filter((group) => group.definitions.length > 0);
}
