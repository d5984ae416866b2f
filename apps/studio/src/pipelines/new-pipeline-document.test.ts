import { describe, expect, it } from 'vitest';
import { builtInNodes, checkPipeline, createNodeRegistry } from '@tandem/engine';
import { copyDocument, createStarterDocument, uniquePipelineId } from './new-pipeline-document.ts';

describe('uniquePipelineId', () => {
  it('slugifies the name', () => {
    expect(uniquePipelineId('  Answer with a Critic! ', [])).toBe('answer-with-a-critic');
  });
  it('adds a suffix when the id is taken', () => {
    expect(uniquePipelineId('Demo', ['demo', 'demo-2'])).toBe('demo-3');
  });
  it('falls back to "pipeline" for names without letters', () => {
    expect(uniquePipelineId('???', [])).toBe('pipeline');
  });
});

describe('createStarterDocument', () => {
  it('passes the engine checks', () => {
    const document = createStarterDocument('demo', 'Demo');
    expect(checkPipeline(document, createNodeRegistry(builtInNodes)).problems).toEqual([]);
  });
});

describe('copyDocument', () => {
  it('renames without touching the source', () => {
    const source = createStarterDocument('a', 'A');
    const copy = copyDocument(source, 'b', 'B');
    copy.nodes[0]!.position.x = 999;
    expect(copy.id).toBe('b');
    expect(source.nodes[0]!.position.x).toBe(0);
  });
});
