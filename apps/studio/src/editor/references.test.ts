import { describe, expect, it } from 'vitest';
import { createStarterDocument } from '../pipelines/new-pipeline-document.ts';
import { referencesFor, upstreamNodeIds } from './references.ts';

describe('references', () => {
  it('lists upstream nodes through edges only', () => {
    const document = createStarterDocument('demo', 'Demo');
    expect(upstreamNodeIds(document, 'output')).toEqual(['llm', 'input']);
    expect(upstreamNodeIds(document, 'input')).toEqual([]);
  });

  it('offers declared inputs and the main output of upstream nodes', () => {
    const document = createStarterDocument('demo', 'Demo');
    expect(referencesFor(document, 'output')).toEqual(['{{llm.text}}', '{{input.prompt}}']);
  });

  it('survives cycles', () => {
    const document = createStarterDocument('demo', 'Demo');
    document.edges.push({ id: 'back', source: 'output', target: 'input' });
    expect(upstreamNodeIds(document, 'llm').sort()).toEqual(['input', 'llm', 'output'].filter((id) => id !== 'llm').sort());
  });
});
