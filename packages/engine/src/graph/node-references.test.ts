import { describe, expect, it } from 'vitest';
import { pipelineSchemaTag, type PipelineDocument } from '@tandem/shared';
import { builtInNodes } from '../nodes/index.ts';
import { createNodeRegistry } from '../registry.ts';
import { referencesToNode, removeReferences, retargetReferences } from './node-references.ts';

const registry = createNodeRegistry(builtInNodes);
const llm = registry.get('llm');
const validate = registry.get('validate');

function document(): PipelineDocument {
  return {
    schema: pipelineSchemaTag,
    id: 'demo',
    name: 'Demo',
    inputs: { type: 'object', properties: { prompt: { type: 'string' } } },
    nodes: [
      { id: 'input', kind: 'input', position: { x: 0, y: 0 }, config: {} },
      { id: 'draft', kind: 'llm', position: { x: 0, y: 0 }, config: { model: 'sim:writer', prompt: '{{input.prompt}}' } },
      { id: 'check', kind: 'validate', position: { x: 0, y: 0 }, config: { target: 'draft', value: '{{ draft.text }}', checks: [{ type: 'contains', text: '{{draft.text}} stays literal' }] } },
      { id: 'out', kind: 'output', position: { x: 0, y: 0 }, config: { value: 'A: {{draft.text}} / {{check.value}}' } },
    ],
    edges: [],
  };
}

describe('retargetReferences', () => {
  it('points templates and node fields at the new ids, and leaves literal fields alone', () => {
    const check = document().nodes[2]!;
    const config = retargetReferences(check.config, validate, new Map([['draft', 'draft_2']]));
    expect(config).toEqual({ target: 'draft_2', value: '{{ draft_2.text }}', checks: [{ type: 'contains', text: '{{draft.text}} stays literal' }] });
  });

  it('answers the same object when nothing names a renamed node', () => {
    const config = { model: 'sim:writer', prompt: '{{input.prompt}} and {{draftsman.text}}' };
    expect(retargetReferences(config, llm, new Map([['draft', 'x']]))).toBe(config);
  });

  it('keeps malformed references as they are', () => {
    const config = { prompt: '{{ 1bad }} {{draft.text}}' };
    expect(retargetReferences(config, llm, new Map([['draft', 'd2']]))).toEqual({ prompt: '{{ 1bad }} {{d2.text}}' });
  });
});

describe('removeReferences', () => {
  it('removes the references from templates and clears node fields', () => {
    const [, , check, out] = document().nodes;
    expect(removeReferences(out!.config, registry.get('output'), 'draft')).toEqual({ value: 'A:  / {{check.value}}' });
    expect(removeReferences(check!.config, validate, 'draft')).toEqual({ value: '', checks: [{ type: 'contains', text: '{{draft.text}} stays literal' }] });
  });
});

describe('referencesToNode', () => {
  it('lists every field that names the node, outside the node itself', () => {
    expect(referencesToNode(document(), registry, 'draft')).toEqual([
      { nodeId: 'check', field: 'config.target' },
      { nodeId: 'check', field: 'config.value' },
      { nodeId: 'out', field: 'config.value' },
    ]);
    expect(referencesToNode(document(), registry, 'out')).toEqual([]);
  });
});
