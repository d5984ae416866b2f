import { describe, expect, it } from 'vitest';
import type { DatasetSummary, PipelineDocument } from '@tandem/shared';
import { coversInputs, initialFormState, requestOf } from './experiment-form-state.ts';

const document: PipelineDocument = {
  schema: 'tandem.pipeline/v1',
  id: 'ab',
  name: 'A/B',
  inputs: { type: 'object', properties: { question: { type: 'string' } }, required: ['question'] },
  nodes: [
    { id: 'input', kind: 'input', position: { x: 0, y: 0 }, config: {} },
    { id: 'variants', kind: 'variants', position: { x: 0, y: 0 }, config: { mode: 'split', variants: [] } },
    { id: 'judge', kind: 'judge', position: { x: 0, y: 0 }, config: { model: 'sim:judge' } },
    { id: 'out', kind: 'output', position: { x: 0, y: 0 }, config: { value: 'x' } },
  ],
  edges: [],
};

const dataset = (id: string, columns: string[]): DatasetSummary => ({ id, name: id, version: 1, versions: [1], format: 'csv', rowCount: 3, columns, locked: false, createdAt: 0, updatedAt: 0 });

describe('the new-experiment form', () => {
  it('starts on a dataset that covers the required inputs and on the variants arms', () => {
    const state = initialFormState(document, [1, 2, 3], [dataset('other', ['text']), dataset('good', ['Question', 'expected'])]);
    expect(state).toMatchObject({ datasetId: 'good', armsKind: 'variants', variantsNodeId: 'variants', modelNodeId: 'judge', versions: [3, 2] });
    expect(state.models).toContain('sim:judge');
    expect(coversInputs(dataset('x', ['text']), document)).toBe(false);
  });

  it('describes the request: arms of the chosen kind, mapping only when changed, budget as a number', () => {
    const state = initialFormState(document, [1, 2], [dataset('good', ['question'])]);
    expect(requestOf('ab', state)).toEqual({ pipelineId: 'ab', datasetId: 'good', arms: { kind: 'variants', nodeId: 'variants' }, repeats: 1, concurrency: 4 });
    expect(requestOf('ab', { ...state, armsKind: 'models', models: 'sim:a, sim:b ,', budgetUsd: '2.5', mapping: { question: 'q' }, expected: 'gold', baseline: 'sim:b' })).toEqual({
      pipelineId: 'ab',
      datasetId: 'good',
      arms: { kind: 'models', nodeId: 'judge', models: ['sim:a', 'sim:b'] },
      repeats: 1,
      concurrency: 4,
      baseline: 'sim:b',
      budgetUsd: 2.5,
      mapping: { inputs: { question: 'q' }, expected: 'gold' },
    });
    expect(requestOf('ab', { ...state, armsKind: 'versions', versions: [2, 1] }).arms).toEqual({ kind: 'versions', versions: [1, 2] });
  });
});
