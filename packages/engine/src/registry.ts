import { StudioError } from '@tandem/shared';
import type { AnyNodeDefinition } from './define-node.ts';

/** Node kinds by kind name. */
export interface NodeRegistry {
  get(kind: string): AnyNodeDefinition | undefined;
  /** Like `get`, but throws NODE_KIND_UNKNOWN. */
  require(kind: string): AnyNodeDefinition;
  list(): readonly AnyNodeDefinition[];
}

/** Builds a registry; throws NODE_KIND_DUPLICATE when two definitions share a kind. */
export function createNodeRegistry(definitions: readonly AnyNodeDefinition[]): NodeRegistry {
  const byKind = new Map<string, AnyNodeDefinition>();
  for (const definition of definitions) {
    if (byKind.has(definition.kind)) {
      throw new StudioError('NODE_KIND_DUPLICATE', `Node kind "${definition.kind}" is registered twice`);
    }
    byKind.set(definition.kind, definition);
  }
  return {
    get: (kind) => byKind.get(kind),
    require(kind) {
      const definition = byKind.get(kind);
      if (!definition) throw new StudioError('NODE_KIND_UNKNOWN', `Unknown node kind "${kind}"`, { details: { kind } });
      return definition;
    },
    list: () => [...byKind.values()],
  };
}
