import { describe, expect, it } from 'vitest';
import { nodeIcons } from '../define-node.ts';
import { jsonSchemaOf } from '../graph/output-schema.ts';
import { createNodeRegistry } from '../registry.ts';
import { builtInNodes } from './index.ts';

/**
 * Every registered kind says everything the engine, the server and the studio need. (That each
 * kind's outputs fit its output schema is checked on every run of every engine test: see
 * `testing/run-pipeline.ts`.)
 */
describe.each(builtInNodes.map((definition) => [definition.kind, definition] as const))('the %s kind', (_kind, definition) => {
  it('names itself, picks a known icon and has a version', () => {
    expect(definition.displayName.length).toBeGreaterThan(0);
    expect(definition.description.length).toBeGreaterThan(10);
    expect(nodeIcons).toContain(definition.icon);
    expect(Number.isInteger(definition.version) && definition.version >= 1).toBe(true);
  });

  it('declares an output that can be shown as JSON Schema', () => {
    const schema = jsonSchemaOf(definition.output);
    expect(typeof schema).toBe('object');
  });

  it('has handles that make sense for its role', () => {
    const handles = definition.handles ?? { target: true, sources: [null] };
    if (definition.role === 'input') expect(handles.target).toBe(false);
    if (definition.role === 'output') expect(handles.sources).toEqual([]);
    if (definition.activeHandles) expect(handles.sources.every((source) => typeof source === 'string')).toBe(true);
  });

  it('waits for the step it guards', () => {
    if (!definition.guards) return;
    expect(definition.dependencies).toBeDefined();
  });

  it('starts from a default config that is a plain JSON object', () => {
    const config = definition.defaultConfig();
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  });
});

describe('the registry', () => {
  it('holds one input kind and one output kind', () => {
    expect(builtInNodes.filter((definition) => definition.role === 'input').map((definition) => definition.kind)).toEqual(['input']);
    expect(builtInNodes.filter((definition) => definition.role === 'output').map((definition) => definition.kind)).toEqual(['output']);
  });

  it('refuses a kind registered twice', () => {
    expect(() => createNodeRegistry([...builtInNodes, builtInNodes[1]])).toThrow(/registered twice/);
  });
});
