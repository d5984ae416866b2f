import { describe, expect, it } from 'vitest';
import { pipelineSchemaTag, type PipelineDocument } from '@tandem/shared';
import { changedPaths, diffPipelineDocuments } from './diff-pipeline-documents.ts';

function version1(): PipelineDocument {
  return {
    schema: pipelineSchemaTag,
    id: 'demo',
    name: 'Demo',
    inputs: { type: 'object', properties: { prompt: { type: 'string' } } },
    nodes: [
      { id: 'input', kind: 'input', position: { x: 0, y: 0 }, config: {} },
      { id: 'answer', kind: 'llm', position: { x: 300, y: 0 }, config: { model: 'sim:writer', prompt: '{{input.prompt}}', retry: { maxRetries: 2, initialMs: 100, factor: 2 } } },
      { id: 'old', kind: 'text', position: { x: 300, y: 200 }, config: { template: 'x' } },
      { id: 'out', kind: 'output', position: { x: 600, y: 0 }, config: { value: '{{answer.text}}' } },
    ],
    edges: [
      { id: 'e1', source: 'input', target: 'answer' },
      { id: 'e2', source: 'answer', target: 'out' },
      { id: 'e3', source: 'input', target: 'old' },
    ],
  };
}

describe('diffPipelineDocuments', () => {
  it('lists added, removed and changed nodes field by field, and edges by what they join', () => {
    const v2 = structuredClone(version1());
    v2.nodes = v2.nodes.filter((node) => node.id !== 'old');
    v2.nodes[1]!.config = { model: 'sim:critic', prompt: '{{input.prompt}}', retry: { maxRetries: 3, initialMs: 100, factor: 2 } };
    v2.nodes[1]!.position = { x: 999, y: 999 };
    v2.nodes.push({ id: 'check', kind: 'validate', position: { x: 0, y: 0 }, config: { target: 'answer' } });
    v2.inputs = { type: 'object', properties: { prompt: { type: 'string' }, tone: { type: 'string' } } };
    v2.edges = [
      { id: 'renamed-but-same', source: 'input', target: 'answer' },
      { id: 'e2', source: 'answer', target: 'out' },
      { id: 'e4', source: 'answer', target: 'check' },
    ];
    expect(diffPipelineDocuments(version1(), v2)).toEqual({
      added: ['check'],
      removed: ['old'],
      changed: [
        { nodeId: 'input', fields: ['inputs.properties.tone'] },
        { nodeId: 'answer', fields: ['config.model', 'config.retry.maxRetries'] },
      ],
      edges: { added: ['e4'], removed: ['e3'] },
    });
  });

  it('finds nothing between a document and its copy, positions aside', () => {
    const moved = structuredClone(version1());
    moved.nodes.forEach((node) => (node.position = { x: 1, y: 1 }));
    expect(diffPipelineDocuments(version1(), moved)).toEqual({ added: [], removed: [], changed: [], edges: { added: [], removed: [] } });
  });
});

describe('changedPaths', () => {
  it('compares arrays whole and objects key by key', () => {
    expect(changedPaths({ a: [1, 2], b: { c: 1, d: 2 } }, { a: [1, 3], b: { c: 1 } })).toEqual(['a', 'b.d']);
  });
});
