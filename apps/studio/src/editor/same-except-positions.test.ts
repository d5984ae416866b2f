import { describe, expect, it } from 'vitest';
import { createStarterDocument } from '../pipelines/new-pipeline-document.ts';
import { createGraphStore } from '../stores/create-graph-store.ts';
import { sameExceptPositions } from './same-except-positions.ts';

describe('sameExceptPositions', () => {
  it('ignores moves and notices any other change the store makes', () => {
    const store = createGraphStore(createStarterDocument('demo', 'Demo'));
    const before = store.getState().document;
    store.getState().moveNode('llm', { x: 999, y: 999 });
    const moved = store.getState().document;
    expect(moved).not.toBe(before);
    expect(sameExceptPositions(before, moved)).toBe(true);
    store.getState().updateNodeConfig('llm', { model: 'sim:critic', prompt: 'x' });
    expect(sameExceptPositions(moved, store.getState().document)).toBe(false);
    store.getState().renameNode('llm', { label: 'Writer' });
    const labelled = store.getState().document;
    store.getState().connect({ source: 'input', target: 'output' });
    expect(sameExceptPositions(labelled, store.getState().document)).toBe(false);
  });
});
