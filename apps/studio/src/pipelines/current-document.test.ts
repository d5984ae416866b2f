import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtInNodes, createNodeRegistry, defineNode } from '@tandem/engine';
import type { PipelineDocument } from '@tandem/shared';
import { asCurrentDocument, pipelineFileText, readPipelineFile } from './current-document.ts';
import { createStarterDocument } from './new-pipeline-document.ts';

/** `output` at version 2, where `value` became `result`. */
const outputV2 = defineNode({
  kind: 'output',
  displayName: 'Output',
  description: 'The run result.',
  context: 'io',
  icon: 'output',
  version: 2,
  migrations: [{ version: 2, up: ({ value, ...rest }) => ({ ...rest, result: value }) }],
  config: z.object({ result: z.unknown() }),
  defaultConfig: () => ({ result: '' }),
  output: z.unknown(),
  handles: { target: true, sources: [] },
  role: 'output',
  run: async ({ config }) => config.result,
});
const registryV2 = createNodeRegistry(builtInNodes.map((definition) => (definition.kind === 'output' ? outputV2 : definition)));

describe('documents the editor sends', () => {
  it('say which kind versions they are written in', () => {
    const document = asCurrentDocument(createStarterDocument('demo', 'Demo'), registryV2);
    expect(document.kinds).toEqual({ input: 1, llm: 1, output: 2 });
  });

  it('export as the same text as the server writes: stable keys, two spaces, final newline', () => {
    const text = pipelineFileText(createStarterDocument('demo', 'Demo'));
    expect(text.endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['schema', 'kinds', 'id', 'name', 'inputs', 'nodes', 'edges']);
    expect(pipelineFileText(readPipelineFile(JSON.parse(text), 'demo.json'))).toBe(text);
  });
});

describe('reading a pipeline file', () => {
  const old = (): unknown => ({ ...createStarterDocument('demo', 'Demo') });

  it('upgrades a file written before a kind changed', () => {
    const document = readPipelineFile(old(), 'demo.json', registryV2);
    expect(document.kinds).toEqual({ input: 1, llm: 1, output: 2 });
    expect(document.nodes.find((node) => node.kind === 'output')!.config).toEqual({ result: '{{llm.text}}' });
  });

  it('refuses a file from a newer build, saying what is too new', () => {
    const newer = { ...(old() as PipelineDocument), kinds: { output: 3 } };
    expect(() => readPipelineFile(newer, 'demo.json', registryV2)).toThrow('demo.json: Node "output" uses kind "output" at version 3, newer than this Tandem Studio knows (version 2)');
    expect(() => readPipelineFile({ ...(old() as object), schema: 'tandem.pipeline/v4' }, 'demo.json')).toThrow('newer than this Tandem Studio reads');
  });

  it('names the field of a file that is not a pipeline', () => {
    expect(() => readPipelineFile({ schema: 'tandem.pipeline/v1', id: 'x' }, 'notes.json')).toThrow(/^notes\.json is not a pipeline document: name: /);
  });
});
