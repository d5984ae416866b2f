import { describe, expect, it } from 'vitest';
import { pipelineSchemaTag, type PipelineDocument } from '@tandem/shared';
import { createGraphStore } from './create-graph-store.ts';
import { copyNodes } from './document-edits.ts';

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
    it('lets references in other nodes follow a new id', () => {
      const { store, llm, output } = threeNodeStore();
      store.getState().updateNodeConfig(output, { value: '{{llm.text}}' });
      store.getState().renameNode(llm, { id: 'answer' });
      expect(store.getState().document.nodes.find((node) => node.id === output)?.config).toEqual({ value: '{{answer.text}}' });
    });

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

  describe('undo and redo', () => {
    function clockedStore() {
      let now = 0;
      const store = createGraphStore(emptyDocument(), { now: () => now });
      return { store, tick: (ms: number) => (now += ms) };
    }

    it('undoes and redoes adding, connecting and deleting, and is clean again at the saved document', () => {
      const { store, llm } = threeNodeStore();
      store.getState().markSaved();
      store.getState().updateNodeConfig(llm, { model: 'sim:critic', prompt: 'Configured with care' });
      store.getState().removeElements({ nodeIds: [llm] });
      expect(store.getState().document.nodes.map((node) => node.id)).toEqual(['input', 'output']);

      store.getState().undo();
      expect(store.getState().document.nodes.find((node) => node.id === llm)?.config).toEqual({ model: 'sim:critic', prompt: 'Configured with care' });
      expect(store.getState().document.edges).toHaveLength(2);
      store.getState().undo();
      expect(store.getState().dirty).toBe(false);
      store.getState().redo();
      store.getState().redo();
      expect(store.getState().document.nodes).toHaveLength(2);
      expect(store.getState().dirty).toBe(true);
    });

    it('makes one step of a burst of typing into one field, and a new one after a pause or in another field', () => {
      const { store, tick } = clockedStore();
      const id = store.getState().addNode('llm', { x: 0, y: 0 });
      const type = (prompt: string) => store.getState().updateNodeConfig(id, { ...store.getState().document.nodes[0]!.config, prompt });
      for (const text of ['W', 'Wr', 'Wri', 'Writ', 'Write']) {
        type(text);
        tick(200);
      }
      tick(2000);
      type('Write more');
      store.getState().updateNodeConfig(id, { ...store.getState().document.nodes[0]!.config, model: 'sim:critic' });

      const configOf = () => store.getState().document.nodes[0]?.config;
      store.getState().undo();
      expect(configOf()).toMatchObject({ prompt: 'Write more', model: 'sim:writer' });
      store.getState().undo();
      expect(configOf()).toMatchObject({ prompt: 'Write' });
      store.getState().undo();
      expect(configOf()).toMatchObject({ prompt: '{{input.prompt}}' });
      store.getState().undo();
      expect(store.getState().document.nodes).toHaveLength(0);
    });

    it('makes one step of a whole drag, however long it pauses', () => {
      const { store, tick } = clockedStore();
      const id = store.getState().addNode('llm', { x: 0, y: 0 });
      for (let x = 1; x <= 50; x++) {
        store.getState().moveNode(id, { x, y: x }, { coalesce: 'gesture:drag-1' });
        tick(x === 25 ? 5000 : 16);
      }
      store.getState().moveNode(id, { x: 500, y: 0 }, { coalesce: 'gesture:drag-2' });
      store.getState().undo();
      expect(store.getState().document.nodes[0]!.position).toEqual({ x: 50, y: 50 });
      store.getState().undo();
      expect(store.getState().document.nodes[0]!.position).toEqual({ x: 0, y: 0 });
    });

    it('undoes input schema edits and a replaced document', () => {
      const store = createGraphStore(emptyDocument());
      store.getState().setInputsSchema({ type: 'object', properties: { topic: { type: 'string' } } });
      store.getState().replaceDocument({ ...emptyDocument(), name: 'Imported' });
      store.getState().undo();
      expect(store.getState().document.name).toBe('Demo');
      expect(store.getState().document.inputs).toMatchObject({ properties: { topic: { type: 'string' } } });
      store.getState().undo();
      expect(store.getState().document.inputs).toEqual({ type: 'object', properties: {} });
    });

    it('starts a new step after an undo, and a new edit clears what could be redone', () => {
      const { store, llm } = threeNodeStore();
      store.getState().moveNode(llm, { x: 1, y: 1 });
      store.getState().undo();
      store.getState().moveNode(llm, { x: 2, y: 2 });
      expect(store.temporal.getState().futureStates).toHaveLength(0);
      store.getState().redo();
      expect(store.getState().document.nodes.find((node) => node.id === llm)?.position).toEqual({ x: 2, y: 2 });
    });
  });

  describe('pasteNodes', () => {
    it('adds copies with readable ids whose references and edges point at the copies', () => {
      const { store, input, llm, output } = threeNodeStore();
      store.getState().updateNodeConfig(output, { value: '{{llm.text}} from {{input.prompt}}' });
      const clipboard = copyNodes(store.getState().document, [llm, output]);
      const ids = store.getState().pasteNodes(clipboard, { x: 40, y: 40 });
      expect(ids).toEqual(['llm_2', 'output_2']);
      const { nodes, edges } = store.getState().document;
      expect(nodes.find((node) => node.id === 'output_2')).toMatchObject({ position: { x: 640, y: 40 }, config: { value: '{{llm_2.text}} from {{input.prompt}}' } });
      expect(edges.at(-1)).toMatchObject({ source: 'llm_2', target: 'output_2' });
      // The copy keeps its connection from the node outside the copy, so it reads what the original read.
      expect(edges.filter((edge) => edge.source === input).map((edge) => edge.target)).toEqual(['llm', 'llm_2']);
      expect(store.getState().pasteNodes(clipboard, { x: 80, y: 80 })).toEqual(['llm_3', 'output_3']);
      store.getState().undo();
      expect(store.getState().document.nodes.map((node) => node.id)).toEqual(['input', 'llm', 'output', 'llm_2', 'output_2']);
    });
  });

  describe('removeElements with a reference fix', () => {
    it('removes the references to a deleted node, or points them at another node', () => {
      const { store, llm, output } = threeNodeStore();
      store.getState().updateNodeConfig(output, { value: 'Answer: {{llm.text}}' });
      store.getState().removeElements({ nodeIds: [llm] }, { type: 'remove' });
      expect(store.getState().document.nodes.find((node) => node.id === output)?.config).toEqual({ value: 'Answer: ' });
      store.getState().undo();
      store.getState().removeElements({ nodeIds: [llm] }, { type: 'repoint', to: 'input' });
      const { nodes, edges } = store.getState().document;
      expect(nodes.find((node) => node.id === output)?.config).toEqual({ value: 'Answer: {{input.text}}' });
      expect(edges.map((edge) => [edge.source, edge.target])).toEqual([['input', 'output']]);
    });
  });
});
