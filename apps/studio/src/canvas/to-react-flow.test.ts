import { describe, expect, it } from 'vitest';
import { builtInNodes, createNodeRegistry } from '@tandem/engine';
import { pipelineSchemaTag, type PipelineDocument } from '@tandem/shared';
import { createFlowNodeCache, readEdgeChanges, readNodeChanges, toConnectionRequest, toFlowEdges, toFlowNodes } from './to-react-flow.ts';

const registry = createNodeRegistry(builtInNodes);

function documentWithValidator(): PipelineDocument {
  return {
    schema: pipelineSchemaTag,
    id: 'demo',
    name: 'Demo',
    inputs: { type: 'object', properties: { prompt: { type: 'string' } } },
    nodes: [
      { id: 'input', kind: 'input', position: { x: 0, y: 0 }, config: {} },
      { id: 'answer', kind: 'llm', label: 'Answer', position: { x: 300, y: 0 }, config: { model: 'sim:writer', prompt: '{{input.prompt}}' } },
      { id: 'check', kind: 'validate', position: { x: 600, y: 0 }, config: { target: 'answer', maxRetries: 2 } },
      { id: 'out', kind: 'output', position: { x: 900, y: 0 }, config: { value: '{{answer.text}}' } },
    ],
    edges: [
      { id: 'e1', source: 'input', target: 'answer' },
      { id: 'e2', source: 'answer', target: 'check' },
      { id: 'e3', source: 'check', target: 'out', sourceHandle: 'true' },
    ],
  };
}

describe('toFlowNodes', () => {
  it('maps every node with its definition facts', () => {
    const nodes = toFlowNodes(documentWithValidator(), { registry });
    expect(nodes.map((node) => node.id)).toEqual(['input', 'answer', 'check', 'out']);
    expect(nodes[1]).toMatchObject({ type: 'pipeline-node', position: { x: 300, y: 0 }, selected: false, data: { displayName: 'LLM', context: 'llm', readOnly: false } });
    expect(nodes[1]!.data.node.label).toBe('Answer');
  });

  it('marks a kind the registry does not know', () => {
    const document = documentWithValidator();
    document.nodes.push({ id: 'mystery', kind: 'from-the-future', position: { x: 0, y: 0 }, config: {} });
    const mystery = toFlowNodes(document, { registry }).find((node) => node.id === 'mystery')!;
    expect(mystery.data.context).toBeUndefined();
    expect(mystery.data.displayName).toBe('from-the-future');
  });

  it('attaches problems, estimates, steps, selection and measured sizes to their nodes', () => {
    const nodes = toFlowNodes(documentWithValidator(), {
      registry,
      problems: [
        { code: 'A', message: 'first', nodeId: 'answer' },
        { code: 'B', message: 'second', nodeId: 'answer' },
        { code: 'C', message: 'pipeline-wide' },
      ],
      estimates: { answer: { latencyMs: 1200, costUsd: 0.0004 } },
      steps: { answer: { nodeId: 'answer', status: 'running', attempt: 1, completed: false, streams: [{ role: 'main', text: 'Hel' }], streamingText: 'Hel', attempts: [], calls: [], records: [] } },
      selectedNodeId: 'out',
      measured: new Map([['answer', { width: 240, height: 90 }]]),
      readOnly: true,
    });
    const answer = nodes.find((node) => node.id === 'answer')!;
    expect(answer.data.problems.map((problem) => problem.code)).toEqual(['A', 'B']);
    expect(answer.data.estimate).toEqual({ latencyMs: 1200, costUsd: 0.0004 });
    expect(answer.data.step?.streamingText).toBe('Hel');
    expect(answer.measured).toEqual({ width: 240, height: 90 });
    expect(answer.data.readOnly).toBe(true);
    expect(nodes.find((node) => node.id === 'out')!.selected).toBe(true);
    expect(nodes.find((node) => node.id === 'input')!.data.problems).toEqual([]);
  });
});

describe('the flow node cache', () => {
  it('hands back the same object for an unchanged node and a new one for a moved or selected node', () => {
    const cache = createFlowNodeCache();
    const document = documentWithValidator();
    const first = toFlowNodes(document, { registry, cache });
    const moved = { ...document, nodes: document.nodes.map((node) => (node.id === 'answer' ? { ...node, position: { x: 1, y: 2 } } : node)) };
    const second = toFlowNodes(moved, { registry, cache });
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1]!.position).toEqual({ x: 1, y: 2 });
    const third = toFlowNodes(moved, { registry, cache, selectedNodeIds: new Set(['input']) });
    expect(third[0]).not.toBe(second[0]);
    expect(third[0]!.selected).toBe(true);
    expect(third[2]).toBe(second[2]);
  });
});

describe('toFlowEdges', () => {
  it('maps stored edges with their handles', () => {
    const edges = toFlowEdges(documentWithValidator());
    expect(edges.filter((edge) => !edge.id.startsWith('loop:')).map((edge) => [edge.id, edge.source, edge.target, edge.sourceHandle])).toEqual([
      ['e1', 'input', 'answer', null],
      ['e2', 'answer', 'check', null],
      ['e3', 'check', 'out', 'true'],
    ]);
  });

  it("draws a validator's target as a derived, undeletable loop edge", () => {
    const loop = toFlowEdges(documentWithValidator()).find((edge) => edge.id === 'loop:check');
    expect(loop).toMatchObject({ type: 'loop', source: 'check', target: 'answer', deletable: false, selectable: false, data: { label: 'retry ≤ 2', validatorId: 'check', targetId: 'answer' } });
  });

  it('labels the loop with the fallback, and counts send-backs in a run', () => {
    const document = documentWithValidator();
    document.nodes[2]!.config = { target: 'answer', maxRetries: 2, onFail: { type: 'fallbackModel', model: 'sim:careful?tps=400' } };
    const retrying = (seq: number) => ({ runId: 'r', seq, ts: seq, type: 'step.retrying' as const, nodeId: 'answer', attempt: seq, data: { validator: 'check', reason: 'bad', delayMs: 0 } });
    const steps = { answer: { nodeId: 'answer', status: 'succeeded' as const, attempt: 3, completed: true, streams: [], streamingText: '', attempts: [], calls: [], records: [retrying(1), retrying(2)] } };
    const loop = toFlowEdges(document, { steps }).find((edge) => edge.id === 'loop:check');
    expect(loop?.data).toEqual({ label: 'retry ≤ 2 · then sim:careful', validatorId: 'check', targetId: 'answer', sentBack: 2 });
  });

  it('draws no loop for a missing or unknown target', () => {
    const document = documentWithValidator();
    document.nodes[2]!.config = { target: 'nowhere' };
    expect(toFlowEdges(document).some((edge) => edge.type === 'loop')).toBe(false);
  });

  it('never stores the loop edge in the document', () => {
    const document = documentWithValidator();
    toFlowEdges(document);
    expect(document.edges).toHaveLength(3);
  });

  it('marks selected edges', () => {
    const edges = toFlowEdges(documentWithValidator(), { selectedEdgeIds: new Set(['e2']) });
    expect(edges.find((edge) => edge.id === 'e2')!.selected).toBe(true);
    expect(edges.find((edge) => edge.id === 'e1')!.selected).toBe(false);
  });
});

describe('reading React Flow changes', () => {
  it('sorts node changes into moves, removals, selection and sizes', () => {
    const result = readNodeChanges([
      { type: 'position', id: 'answer', position: { x: 5, y: 6 }, dragging: true },
      { type: 'remove', id: 'out' },
      { type: 'select', id: 'input', selected: false },
      { type: 'select', id: 'answer', selected: true },
      { type: 'dimensions', id: 'answer', dimensions: { width: 200, height: 80 } },
    ]);
    expect(result).toEqual({
      moves: [{ id: 'answer', position: { x: 5, y: 6 } }],
      removedNodeIds: ['out'],
      selectedNodeId: 'answer',
      selection: [
        { id: 'input', selected: false },
        { id: 'answer', selected: true },
      ],
      dragging: true,
      dimensions: [{ id: 'answer', width: 200, height: 80 }],
    });
  });

  it('reports a pure deselection as null', () => {
    expect(readNodeChanges([{ type: 'select', id: 'input', selected: false }]).selectedNodeId).toBeNull();
    expect(readNodeChanges([]).selectedNodeId).toBeUndefined();
  });

  it('never removes derived loop edges', () => {
    expect(readEdgeChanges([{ type: 'remove', id: 'loop:check' }, { type: 'remove', id: 'e1' }]).removedEdgeIds).toEqual(['e1']);
  });

  it('turns a connection into a store request', () => {
    expect(toConnectionRequest({ source: 'a', target: 'b', sourceHandle: 'true', targetHandle: null })).toEqual({ source: 'a', target: 'b', sourceHandle: 'true', targetHandle: null });
  });
});
