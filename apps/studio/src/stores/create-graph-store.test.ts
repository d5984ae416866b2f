import { describe, expect, it } from 'vitest';
import { pipelineSchemaTag, type PipelineDocument } from '@tandem/shared';
import { createGraphStore } from './create-graph-store.ts';

function emptyDocument(): PipelineDocument {
  return { schema: pipelineSchemaTag, id: 'demo', name: 'Demo', inputs: { type: 'object', properties: {} }, nodes: [], edges: [] };
}

function threeNodeStore() {
  const store = createGraphStore(emptyDocument());
  const { addNode, connect } = store.getState();
  const input = addNode('input', { x: 0, y: 0 });
  const llm = addNode('llm', { x: 300, y: 0 });
  const output = addNode('output', { x: 600, y: 0 });
  connect({ source: input, target: llm });
  connect({ source: llm, target: output });
  return { store, input, llm, output };
}

describe('createGraphStore', () => {
  it('starts clean with the given document', () => {
    const document = emptyDocument();
    const store = createGraphStore(document);
    expect(store.getState().document).toBe(document);
    expect(store.getState().dirty).toBe(false);
  });

  it('gives each store its own state', () => {
    const first = createGraphStore(emptyDocument());
    const second = createGraphStore(emptyDocument());
    first.getState().addNode('llm', { x: 0, y: 0 });
    expect(second.getState().document.nodes).toHaveLength(0);
  });

  describe('addNode', () => {
    it('uses the kind as id and the default config of the kind', () => {
      const store = createGraphStore(emptyDocument());
      const id = store.getState().addNode('llm', { x: 10.4, y: 20.6 });
      expect(id).toBe('llm');
      expect(store.getState().document.nodes[0]).toEqual({ id: 'llm', kind: 'llm', position: { x: 10, y: 21 }, config: { model: 'sim:writer', prompt: '{{input.prompt}}' } });
      expect(store.getState().dirty).toBe(true);
    });

    it('numbers further nodes of the same kind', () => {
      const store = createGraphStore(emptyDocument());
      store.getState().addNode('llm', { x: 0, y: 0 });
      expect(store.getState().addNode('llm', { x: 0, y: 0 })).toBe('llm_2');
      expect(store.getState().addNode('llm', { x: 0, y: 0 })).toBe('llm_3');
    });

    it('places unknown kinds with an empty config', () => {
      const store = createGraphStore(emptyDocument());
      const id = store.getState().addNode('future-kind', { x: 0, y: 0 });
      expect(store.getState().document.nodes.find((node) => node.id === id)?.config).toEqual({});
    });
  });

  describe('connect', () => {
    it('adds edges with readable ids', () => {
      const { store } = threeNodeStore();
      expect(store.getState().document.edges.map((edge) => edge.id)).toEqual(['e-input-llm', 'e-llm-output']);
    });

    it('refuses self-loops, duplicates and unknown nodes', () => {
      const { store, llm, output } = threeNodeStore();
      expect(store.getState().connect({ source: llm, target: llm })).toBeUndefined();
      expect(store.getState().connect({ source: llm, target: output })).toBeUndefined();
      expect(store.getState().connect({ source: llm, target: 'nope' })).toBeUndefined();
      expect(store.getState().document.edges).toHaveLength(2);
    });

    it('keeps source handles (branch true/false)', () => {
      const { store, llm, output } = threeNodeStore();
      const id = store.getState().connect({ source: llm, target: output, sourceHandle: 'true' });
      expect(id).toBe('e-llm-true-output');
      expect(store.getState().document.edges.at(-1)).toMatchObject({ sourceHandle: 'true' });
    });
  });

  describe('moveNode', () => {
    it('moves a node and ignores no-op moves', () => {
      const { store, llm } = threeNodeStore();
      store.getState().markSaved();
      store.getState().moveNode(llm, { x: 300, y: 0 });
      expect(store.getState().dirty).toBe(false);
      store.getState().moveNode(llm, { x: 320, y: 40 });
      expect(store.getState().document.nodes.find((node) => node.id === llm)?.position).toEqual({ x: 320, y: 40 });
      expect(store.getState().dirty).toBe(true);
    });
  });

  describe('removeElements', () => {
    it('removes a node together with its edges', () => {
      const { store, llm } = threeNodeStore();
      store.getState().removeElements({ nodeIds: [llm] });
      expect(store.getState().document.nodes.map((node) => node.id)).toEqual(['input', 'output']);
      expect(store.getState().document.edges).toEqual([]);
    });

    it('removes single edges', () => {
      const { store } = threeNodeStore();
      store.getState().removeElements({ edgeIds: ['e-input-llm'] });
      expect(store.getState().document.edges.map((edge) => edge.id)).toEqual(['e-llm-output']);
    });
  });

  describe('updateNodeConfig', () => {
    it('replaces the config of one node', () => {
      const { store, llm } = threeNodeStore();
      store.getState().updateNodeConfig(llm, { model: 'sim:critic', prompt: 'Hi' });
      expect(store.getState().document.nodes.find((node) => node.id === llm)?.config).toEqual({ model: 'sim:critic', prompt: 'Hi' });
    });
  });

  describe('renameNode', () => {
    it('changes the id and lets edges follow', () => {
      const { store, llm } = threeNodeStore();
      expect(store.getState().renameNode(llm, { id: 'answer', label: 'Answer' })).toEqual({ ok: true });
      const { nodes, edges } = store.getState().document;
      expect(nodes.find((node) => node.id === 'answer')?.label).toBe('Answer');
      expect(edges.map((edge) => [edge.source, edge.target])).toEqual([
        ['input', 'answer'],
        ['answer', 'output'],
      ]);
    });

    it('refuses a taken or malformed id', () => {
      const { store, llm } = threeNodeStore();
      expect(store.getState().renameNode(llm, { id: 'output' })).toMatchObject({ ok: false });
      expect(store.getState().renameNode(llm, { id: '1 bad' })).toMatchObject({ ok: false });
      expect(store.getState().document.nodes.some((node) => node.id === llm)).toBe(true);
    });

    it('drops an emptied label', () => {
      const { store, llm } = threeNodeStore();
      store.getState().renameNode(llm, { label: 'Writer' });
      store.getState().renameNode(llm, { label: '  ' });
      expect(store.getState().document.nodes.find((node) => node.id === llm)).not.toHaveProperty('label');
    });
  });

  describe('setInputsSchema and setPipelineInfo', () => {
    it('replace the inputs schema and the name', () => {
      const store = createGraphStore(emptyDocument());
      const schema = { type: 'object', properties: { topic: { type: 'string' } }, required: ['topic'] };
      store.getState().setInputsSchema(schema);
      store.getState().setPipelineInfo({ name: 'Renamed', description: 'About it' });
      expect(store.getState().document).toMatchObject({ inputs: schema, name: 'Renamed', description: 'About it' });
      store.getState().setPipelineInfo({ description: '' });
      expect(store.getState().document).not.toHaveProperty('description');
    });
  });

  describe('markSaved', () => {
    it('keeps edits made while saving dirty', () => {
      const { store, llm } = threeNodeStore();
      const sent = store.getState().document;
      store.getState().moveNode(llm, { x: 999, y: 0 });
      store.getState().markSaved(sent);
      expect(store.getState().dirty).toBe(true);
      store.getState().markSaved(store.getState().document);
      expect(store.getState().dirty).toBe(false);
    });
  });
});
