import { describe, expect, it } from 'vitest';
import { pipelineDocumentSchema, type PipelineDocument } from '@tandem/shared';
import { testRegistry } from '../testing/run-pipeline.ts';
import { formatPipelineDocument } from './format-pipeline-document.ts';

/** A document whose keys were written in no particular order, as an editor or a hand edit may leave them. */
const scrambled = {
  edges: [{ target: 'out', id: 'e2', source: 'check', sourceHandle: null }, { source: 'answer', target: 'check', id: 'e1' }],
  nodes: [
    {
      config: {
        retry: { factor: 2, maxRetries: 1, initialMs: 100 },
        zzUnknown: true,
        aaUnknown: 1,
        outputSchema: { type: 'object', required: ['reasoning', 'answer'], properties: { reasoning: { type: 'string' }, answer: { type: 'string' } } },
        prompt: 'Answer {{input.prompt}}',
        model: 'sim:writer',
      },
      position: { y: 5, x: 10 },
      kind: 'llm',
      id: 'answer',
    },
    {
      kind: 'validate',
      id: 'check',
      position: { x: 300, y: 0 },
      config: { onFail: { value: { z: 1, a: 2 }, type: 'default' }, checks: [{ flags: 'i', pattern: 'ok', type: 'regex' }, { max: 10, type: 'length', min: 1 }], target: 'answer' },
    },
    { position: { x: 600, y: 0 }, config: { value: '{{check.value}}' }, id: 'out', kind: 'output', label: 'Result' },
  ],
  inputs: { type: 'object', properties: { prompt: { type: 'string' } } },
  name: 'Scrambled',
  id: 'scrambled',
  kinds: { validate: 1, llm: 1, output: 1 },
  schema: 'tandem.pipeline/v1',
};

describe('formatPipelineDocument', () => {
  const text = formatPipelineDocument(pipelineDocumentSchema.parse(scrambled), testRegistry);
  const written = JSON.parse(text) as PipelineDocument;

  it('writes two-space JSON with a final newline', () => {
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "schema": "tandem.pipeline/v1",');
  });

  it('orders document, node, position and edge keys as DESIGN.md lists them', () => {
    expect(Object.keys(written)).toEqual(['schema', 'kinds', 'id', 'name', 'inputs', 'nodes', 'edges']);
    expect(written.nodes.map((node) => Object.keys(node))).toEqual([
      ['id', 'kind', 'position', 'config'],
      ['id', 'kind', 'position', 'config'],
      ['id', 'kind', 'label', 'position', 'config'],
    ]);
    expect(Object.keys(written.nodes[0]!.position)).toEqual(['x', 'y']);
    expect(written.edges.map((edge) => Object.keys(edge))).toEqual([['id', 'source', 'target', 'sourceHandle'], ['id', 'source', 'target']]);
  });

  it('orders config keys as the kind schema declares them, unknown keys after, sorted', () => {
    expect(Object.keys(written.nodes[0]!.config)).toEqual(['model', 'prompt', 'outputSchema', 'retry', 'aaUnknown', 'zzUnknown']);
    expect(Object.keys(written.nodes[0]!.config.retry as object)).toEqual(['maxRetries', 'initialMs', 'factor']);
    const validate = written.nodes[1]!.config as { checks: object[]; onFail: object };
    expect(Object.keys(validate)).toEqual(['target', 'checks', 'onFail']);
    expect(validate.checks.map((check) => Object.keys(check))).toEqual([['type', 'pattern', 'flags'], ['type', 'min', 'max']]);
    expect(Object.keys(validate.onFail)).toEqual(['type', 'value']);
  });

  it('keeps the written order of free-form values, where order can mean something', () => {
    const outputSchema = written.nodes[0]!.config.outputSchema as { properties: object; required: string[] };
    expect(Object.keys(outputSchema)).toEqual(['type', 'required', 'properties']);
    expect(Object.keys(outputSchema.properties)).toEqual(['reasoning', 'answer']);
    expect(Object.keys((written.nodes[1]!.config.onFail as { value: object }).value)).toEqual(['z', 'a']);
  });

  it('gives the same bytes when what it wrote is read back and written again', () => {
    expect(formatPipelineDocument(pipelineDocumentSchema.parse(JSON.parse(text)), testRegistry)).toBe(text);
  });
});
