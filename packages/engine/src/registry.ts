import { StudioError } from '@tandem/shared';
import type { AnyNodeDefinition } from './define-node.ts';

/** Node kinds by kind name. */
export interface NodeRegistry {
  get(kind: string): AnyNodeDefinition | undefined;
  /** Like `get`, but throws NODE_KIND_UNKNOWN. */
  require(kind: string): AnyNodeDefinition;
  list(): readonly AnyNodeDefinition[];
}

/**
 * Builds a registry; throws NODE_KIND_DUPLICATE when two definitions share a kind, and NODE_KIND_INVALID
 * when a kind's migrations do not lead from version 1 to its `version` one step at a time, so a kind
 * whose stored documents could not be read never starts.
 */
export function createNodeRegistry(definitions: readonly AnyNodeDefinition[]): NodeRegistry {
  const byKind = new Map<string, AnyNodeDefinition>();
  for (const definition of definitions) {
    if (byKind.has(definition.kind)) {
      throw new StudioError('NODE_KIND_DUPLICATE', `Node kind "${definition.kind}" is registered twice`);
    }
    assertMigrations(definition);
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

function assertMigrations(definition: AnyNodeDefinition): void {
  const { kind, version } = definition;
  const invalid = (message: string) => new StudioError('NODE_KIND_INVALID', `Node kind "${kind}": ${message}`, { details: { kind, version } });
  if (!Number.isInteger(version) || version < 1) throw invalid(`version must be a whole number from 1, got ${version}`);
  const steps = (definition.migrations ?? []).map((migration) => migration.version).sort((a, b) => a - b);
  const expected = Array.from({ length: version - 1 }, (_, index) => index + 2);
  if (steps.join() !== expected.join()) {
    throw invalid(`version ${version} needs one migration to each of versions ${expected.join(', ') || '(none)'}; found ${steps.join(', ') || 'none'}`);
  }
}
