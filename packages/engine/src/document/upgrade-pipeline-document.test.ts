import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StudioError, type PipelineDocument } from '@tandem/shared';
import { defineNode } from '../define-node.ts';
import { checkPipeline } from '../graph/check-pipeline.ts';
import { builtInNodes } from '../nodes/index.ts';
import { createNodeRegistry } from '../registry.ts';
import { executePipeline } from '../runtime/executor.ts';
import { createFakeModels } from '../testing/fake-models.ts';
import { stampKindVersions, upgradePipelineDocument } from './upgrade-pipeline-document.ts';

/** A `greet` kind at version 3: v2 renamed `text` to `greeting`, v3 added `punctuation` (default "!"). */
const greetNode = defineNode({
  kind: 'greet',
  displayName: 'Greet',
  description: 'Greets someone.',
  context: 'server',
  icon: 'text',
  version: 3,
  migrations: [
    {
      version: 2,
      description: 'text renamed to greeting',
      up: ({ text, ...rest }) => ({ ...rest, greeting: text }),
    },
    { version: 3, description: 'punctuation added', up: (config) => ({ ...config, punctuation: '!' }) },
  ],
  config: z.object({ greeting: z.string().min(1), punctuation: z.string() }),
  defaultConfig: () => ({ greeting: 'Hello', punctuation: '!' }),
  output: z.object({ text: z.string() }),
  async run({ config }) {
    return { text: `${config.greeting}${config.punctuation}` };
  },
});

const registry = createNodeRegistry([...builtInNodes, greetNode]);

/** A document as a build that knew `greet` v1 wrote it (no `kinds` map: every kind at version 1). */
function writtenAtVersion1(): Record<string, unknown> {
  return {
    schema: 'tandem.pipeline/v1',
    id: 'greeting',
    name: 'Greeting',
    inputs: { type: 'object', properties: {} },
    nodes: [
      { id: 'hello', kind: 'greet', position: { x: 0, y: 0 }, config: { text: 'Good morning' } },
      { id: 'out', kind: 'output', position: { x: 200, y: 0 }, config: { value: '{{hello.text}}' } },
    ],
    edges: [{ id: 'e1', source: 'hello', target: 'out' }],
  };
}

describe('when a document was written with an older version of a kind', () => {
  it('runs every migration from the written version up and stamps the current versions', () => {
    const input = writtenAtVersion1();
    const upgraded = upgradePipelineDocument(input, registry);
    expect(upgraded.ok).toBe(true);
    if (!upgraded.ok) return;
    expect(upgraded.document.kinds).toEqual({ greet: 3, output: 1 });
    expect((upgraded.document.nodes as PipelineDocument['nodes'])[0]!.config).toEqual({ greeting: 'Good morning', punctuation: '!' });
    expect(upgraded.applied).toEqual(['node "hello" (greet) v1 → v3']);
    expect(input).toEqual(writtenAtVersion1());
  });

  it('starts from the version in the kinds map', () => {
    const input: Record<string, unknown> = { ...writtenAtVersion1(), kinds: { greet: 2, output: 1 } };
    (input.nodes as { config: unknown }[])[0]!.config = { greeting: 'Hi' };
    const upgraded = upgradePipelineDocument(input, registry);
    expect(upgraded.ok && (upgraded.document.nodes as PipelineDocument['nodes'])[0]!.config).toEqual({ greeting: 'Hi', punctuation: '!' });
    expect(upgraded.ok && upgraded.applied).toEqual(['node "hello" (greet) v2 → v3']);
  });

  it('checks and runs after the upgrade, and the upgrade of a current document changes nothing', async () => {
    const upgraded = upgradePipelineDocument(writtenAtVersion1(), registry);
    if (!upgraded.ok) throw new Error('not upgraded');
    const check = checkPipeline(upgraded.document, registry);
    if (!check.ok) throw new Error(JSON.stringify(check.problems));
    const outcome = await executePipeline({ runId: 'r', plan: check.plan, inputs: {}, models: createFakeModels().resolver, onEvent: () => undefined });
    expect(outcome).toMatchObject({ status: 'completed', outputs: { out: 'Good morning!' } });

    const again = upgradePipelineDocument(check.plan.document, registry);
    expect(again.ok && again.applied).toEqual([]);
    expect(again.ok && again.document).toEqual(check.plan.document);
  });

  it('without the upgrade, the old config is refused by the checks', () => {
    const check = checkPipeline(writtenAtVersion1(), registry);
    expect(check.ok).toBe(false);
    expect(check.problems.map((problem) => problem.field)).toEqual(['config.greeting', 'config.punctuation']);
  });

  it('names the node and versions when a migration throws', () => {
    const strict = defineNode({ ...greetNode, version: 2, migrations: [{ version: 2, up: () => { throw new Error('no text to rename'); } }] });
    const upgraded = upgradePipelineDocument(writtenAtVersion1(), createNodeRegistry([...builtInNodes, strict]));
    expect(upgraded).toEqual({
      ok: false,
      problems: [{ code: 'NODE_CONFIG_INVALID', nodeId: 'hello', field: 'config', message: 'config: could not upgrade "greet" from version 1 to 2: no text to rename' }],
    });
  });
});

describe('when a document is newer than this build', () => {
  it('refuses a kind version above the registered one, naming node, kind and versions', () => {
    const upgraded = upgradePipelineDocument({ ...writtenAtVersion1(), kinds: { greet: 4 } }, registry);
    expect(upgraded).toEqual({
      ok: false,
      problems: [
        {
          code: 'PIPELINE_VERSION_UNSUPPORTED',
          nodeId: 'hello',
          field: 'kind',
          message: 'Node "hello" uses kind "greet" at version 4, newer than this Tandem Studio knows (version 3): update Tandem Studio to open it',
        },
      ],
    });
  });

  it('refuses a later schema tag', () => {
    expect(upgradePipelineDocument({ ...writtenAtVersion1(), schema: 'tandem.pipeline/v7' }, registry)).toEqual({
      ok: false,
      problems: [
        {
          code: 'PIPELINE_VERSION_UNSUPPORTED',
          field: 'schema',
          message: 'This document is "tandem.pipeline/v7", newer than this Tandem Studio reads (up to "tandem.pipeline/v1"): update Tandem Studio to open it',
        },
      ],
    });
  });

  it('refuses a kinds map it cannot read instead of guessing where to migrate from', () => {
    expect(upgradePipelineDocument({ ...writtenAtVersion1(), kinds: { greet: '2', output: 1 } }, registry)).toEqual({
      ok: false,
      problems: [{ code: 'PIPELINE_INVALID', field: 'kinds.greet', message: 'kinds.greet: must be a whole number from 1' }],
    });
    expect(upgradePipelineDocument({ ...writtenAtVersion1(), kinds: [2] }, registry)).toMatchObject({ ok: false, problems: [{ field: 'kinds' }] });
  });

  it('leaves a tag that is not a pipeline tag to the checks', () => {
    const upgraded = upgradePipelineDocument({ ...writtenAtVersion1(), schema: 'something/else' }, registry);
    expect(upgraded.ok).toBe(true);
    expect(upgraded.ok && checkPipeline({ ...upgraded.document, schema: 'something/else' }, registry).ok).toBe(false);
  });
});

describe('document format migrations', () => {
  const format = {
    version: 2,
    migrations: [{ version: 2, description: 'title renamed to name', up: ({ title, ...rest }: Record<string, unknown>) => ({ ...rest, name: title }) }],
  };

  it('upgrade the whole document from an older tag before the kinds', () => {
    const { name, ...rest } = writtenAtVersion1();
    const upgraded = upgradePipelineDocument({ ...rest, title: name }, registry, format);
    expect(upgraded.ok && upgraded.document).toMatchObject({ schema: 'tandem.pipeline/v2', name: 'Greeting', kinds: { greet: 3 } });
    expect(upgraded.ok && upgraded.document).not.toHaveProperty('title');
    expect(upgraded.ok && upgraded.applied).toEqual(['document v1 → v2', 'node "hello" (greet) v1 → v3']);
  });

  it('refuse a document when a step is missing', () => {
    const upgraded = upgradePipelineDocument(writtenAtVersion1(), registry, { version: 2, migrations: [] });
    expect(upgraded).toMatchObject({ ok: false, problems: [{ code: 'PIPELINE_INVALID', field: 'schema', message: expect.stringContaining('no migration') }] });
  });
});

describe('stampKindVersions', () => {
  it('records the current version of each registered kind the document uses, and nothing for unknown kinds', () => {
    const plain: PipelineDocument = { schema: 'tandem.pipeline/v1', id: 'x', name: 'X', inputs: {}, nodes: [{ id: 'a', kind: 'greet', position: { x: 0, y: 0 }, config: {} }, { id: 'b', kind: 'mystery', position: { x: 0, y: 0 }, config: {} }], edges: [] };
    expect(stampKindVersions(plain, registry).kinds).toEqual({ greet: 3 });
  });
});

describe('createNodeRegistry', () => {
  it('refuses a kind whose migrations do not lead to its version', () => {
    const missing = defineNode({ ...greetNode, migrations: [greetNode.migrations![0]!] });
    expect(() => createNodeRegistry([missing])).toThrowError(StudioError);
    expect(() => createNodeRegistry([missing])).toThrow('Node kind "greet": version 3 needs one migration to each of versions 2, 3; found 2');
    expect(() => createNodeRegistry([defineNode({ ...greetNode, version: 1, migrations: [] })])).not.toThrow();
  });
});
