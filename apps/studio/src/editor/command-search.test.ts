import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../nodes/node-registry.ts';
import { createStarterDocument } from '../pipelines/new-pipeline-document.ts';
import { searchEditor } from './command-search.ts';

describe('searchEditor', () => {
  const document = createStarterDocument('demo', 'Demo');
  document.nodes[1]!.label = 'Writer';

  it('finds nodes by id, label and kind, best match first', () => {
    expect(searchEditor('writ', document.nodes, nodeRegistry.list())[0]).toMatchObject({ type: 'node', nodeId: 'llm', title: 'Writer' });
    expect(searchEditor('out', document.nodes, nodeRegistry.list())[0]).toMatchObject({ type: 'node', nodeId: 'output' });
  });

  it('offers to add the kinds whose name matches', () => {
    const results = searchEditor('valid', document.nodes, nodeRegistry.list());
    expect(results).toEqual([expect.objectContaining({ type: 'kind', kind: 'validate', title: 'Add Validate' })]);
  });

  it('finds nothing for a query nothing matches', () => {
    expect(searchEditor('zzz', document.nodes, nodeRegistry.list())).toEqual([]);
  });
});
