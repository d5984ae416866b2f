import { describe, expect, it } from 'vitest';
import { checkPipeline } from '../graph/check-pipeline.ts';
import { pipeline, runTestPipeline, testRegistry } from '../testing/run-pipeline.ts';

const letter = (template: string, read = '{{letter.text}}') =>
  pipeline(
    [
      { id: 'input', kind: 'input' },
      { id: 'letter', kind: 'text', config: { template } },
      { id: 'out', kind: 'output', config: { value: read } },
    ],
    [
      ['input', 'letter'],
      ['letter', 'out'],
    ],
    { type: 'object', properties: { name: { type: 'string' } } },
  );

describe('when a text step runs', () => {
  it('renders its template from upstream outputs, without a model call', async () => {
    const { outcome, events } = await runTestPipeline(letter('Dear {{input.name}},'), { inputs: { name: 'Ana' } });
    expect(outcome.outputs.out).toBe('Dear Ana,');
    expect(events.some((event) => event.type === 'llm.call')).toBe(false);
  });

  it('is checked like any kind: an empty template and an unknown output field are problems on the node', () => {
    const empty = checkPipeline(letter(''), testRegistry);
    expect(empty.problems).toEqual([expect.objectContaining({ code: 'NODE_CONFIG_INVALID', nodeId: 'letter', field: 'config.template' })]);
    const misread = checkPipeline(letter('Hi', '{{letter.txt}}'), testRegistry);
    expect(misread.problems).toEqual([expect.objectContaining({ code: 'GRAPH_REFERENCE_UNKNOWN_FIELD', nodeId: 'out', field: 'config.value' })]);
  });
});
