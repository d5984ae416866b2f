import { describe, expect, it } from 'vitest';
import { createSelectionStore } from './create-selection-store.ts';

describe('createSelectionStore', () => {
  it('shows the inspector for a single selected node only', () => {
    const store = createSelectionStore();
    store.getState().selectNode('a');
    expect(store.getState()).toMatchObject({ selectedNodeIds: ['a'], selectedNodeId: 'a' });
    store.getState().applySelectionChanges([{ id: 'b', selected: true }]);
    expect(store.getState()).toMatchObject({ selectedNodeIds: ['a', 'b'], selectedNodeId: undefined });
    store.getState().applySelectionChanges([{ id: 'a', selected: false }]);
    expect(store.getState()).toMatchObject({ selectedNodeIds: ['b'], selectedNodeId: 'b' });
  });

  it('keeps the state object when nothing changes', () => {
    const store = createSelectionStore();
    store.getState().selectNodes(['a', 'b']);
    const before = store.getState();
    store.getState().selectNodes(['a', 'b']);
    store.getState().applySelectionChanges([{ id: 'c', selected: false }]);
    expect(store.getState()).toBe(before);
  });
});
