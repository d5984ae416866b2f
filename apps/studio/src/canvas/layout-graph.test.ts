import { describe, expect, it } from 'vitest';
import { pipelineSchemaTag, type PipelineDocument } from '@tandem/shared';
import { layoutPipeline, needsLayout } from './layout-graph.ts';

function stacked(): PipelineDocument {
  const node = (id: string, kind: string) => ({ id, kind, position: { x: 0, y: 0 }, config: {} });
  return {
    schema: pipelineSchemaTag,
    id: 'demo',
    name: 'Demo',
    inputs: { type: 'object', properties: {} },
    nodes: [node('out', 'output'), node('input', 'input'), node('a', 'llm'), node('b', 'llm')],
    edges: [
      { id: 'e1', source: 'input', target: 'a' },
      { id: 'e2', source: 'input', target: 'b' },
      { id: 'e3', source: 'a', target: 'out' },
      { id: 'e4', source: 'b', target: 'out' },
    ],
  };
}

describe('layoutPipeline', () => {
  it('puts each step right of what it depends on, without overlaps', async () => {
    const positions = new Map((await layoutPipeline(stacked())).map((entry) => [entry.id, entry.position]));
    expect(positions.get('input')!.x).toBeLessThan(positions.get('a')!.x);
    expect(positions.get('a')!.x).toBe(positions.get('b')!.x);
    expect(Math.abs(positions.get('a')!.y - positions.get('b')!.y)).toBeGreaterThanOrEqual(96);
    expect(positions.get('a')!.x).toBeLessThan(positions.get('out')!.x);
  });

  it('spaces columns by the measured widths', async () => {
    const wide = new Map([['input', { width: 600, height: 80 }]]);
    const positions = new Map((await layoutPipeline(stacked(), wide)).map((entry) => [entry.id, entry.position]));
    expect(positions.get('a')!.x - positions.get('input')!.x).toBeGreaterThanOrEqual(600);
  });
});

describe('needsLayout', () => {
  it('is true for stacked nodes only', () => {
    expect(needsLayout(stacked())).toBe(true);
    const spread = stacked();
    spread.nodes.forEach((node, index) => (node.position = { x: index * 300, y: 0 }));
    expect(needsLayout(spread)).toBe(false);
  });
});
