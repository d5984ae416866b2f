import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtInNodes, defineNode, WaitingForPerson } from '@tandem/engine';
import type { PipelineDocument, PipelineVersionView, RunEvent, RunView } from '@tandem/shared';
import { createTestServer } from './testing/test-server.ts';

/**
 * The `user` kind at version 2, as a later build might ship it: `title` was
 * renamed to `heading`. Its up-migration is all an old document needs.
 */
const userKindV2 = defineNode({
  kind: 'user',
  displayName: 'Person',
  description: 'Pauses the run until a person approves, rejects or edits a value.',
  context: 'user',
  icon: 'person',
  version: 2,
  migrations: [{ version: 2, description: 'title renamed to heading', up: ({ title, ...rest }) => ({ ...rest, heading: title }) }],
  config: z.object({ heading: z.string().min(1), instructions: z.string().optional(), value: z.string().optional() }),
  defaultConfig: () => ({ heading: 'Review the answer' }),
  output: z.object({ value: z.unknown(), decision: z.enum(['approved', 'rejected']) }),
  pauses: true,
  async run({ config, context }) {
    const value = config.value ? context.evaluate(config.value) : undefined;
    if (context.submission) return { decision: context.submission.decision, value: context.submission.value ?? value };
    throw new WaitingForPerson({ title: context.render(config.heading), value });
  },
});
const nodesWithUserV2 = builtInNodes.map((definition) => (definition.kind === 'user' ? userKindV2 : definition));

/** Written by a build whose `user` kind was version 1: `title`, and no `kinds` map. */
const writtenWithUserV1 = {
  schema: 'tandem.pipeline/v1',
  id: 'sign-off',
  name: 'Sign-off',
  inputs: { type: 'object', properties: { prompt: { type: 'string' } }, required: ['prompt'] },
  nodes: [
    { id: 'input', kind: 'input', position: { x: 0, y: 0 }, config: {} },
    { id: 'ask', kind: 'user', position: { x: 200, y: 0 }, config: { title: 'Approve "{{input.prompt}}"?', value: '{{input.prompt}}' } },
    { id: 'out', kind: 'output', position: { x: 400, y: 0 }, config: { value: '{{ask.value}}' } },
  ],
  edges: [
    { id: 'e1', source: 'input', target: 'ask' },
    { id: 'e2', source: 'ask', target: 'out' },
  ],
} satisfies PipelineDocument;

const directory = mkdtempSync(join(tmpdir(), 'tandem-document-versions-'));
const databaseFile = join(directory, 'tandem.db');
afterAll(() => rmSync(directory, { recursive: true, force: true }));

type TestServer = ReturnType<typeof createTestServer>;

async function startAndWait(server: TestServer, pipelineId: string, prompt: string): Promise<RunView> {
  const { body } = await server.json<{ id: string }>('/api/runs', { body: { pipelineId, inputs: { prompt } } });
  await server.context.runs.waitForSettled(body.id);
  return (await server.json<RunView>(`/api/runs/${body.id}`)).body;
}

async function answer(server: TestServer, runId: string, value: string): Promise<{ run: RunView; events: RunEvent[] }> {
  expect((await server.json(`/api/runs/${runId}/nodes/ask/submit`, { body: { decision: 'approved', value } })).status).toBe(200);
  await server.context.runs.waitForSettled(runId);
  const run = (await server.json<RunView>(`/api/runs/${runId}`)).body;
  const { events } = (await server.json<{ events: RunEvent[] }>(`/api/runs/${runId}/trace`)).body;
  return { run, events };
}

describe('a document written before a kind changed, in a real SQLite file', () => {
  let waitingRunId = '';

  it('is stored through the repositories and, on the build of that time, waits for a person', async () => {
    const before = createTestServer({ TANDEM_DB: databaseFile });
    try {
      before.context.repositories.pipelines.createPipeline(writtenWithUserV1);
      const run = await startAndWait(before, 'sign-off', 'ship it');
      expect(run.status).toBe('waiting');
      waitingRunId = run.id;
    } finally {
      before.cleanup();
    }
  });

  describe('after the server is upgraded to user v2', () => {
    let after: TestServer;
    // Opened only once the first build has stopped, as an upgrade would.
    beforeAll(() => void (after = createTestServer({ TANDEM_DB: databaseFile }, { nodes: nodesWithUserV2 })));
    afterAll(() => after.cleanup());

    it('reads the document upgraded, while the stored row stays as written', async () => {
      const { status, body } = await after.json<PipelineVersionView>('/api/pipelines/sign-off');
      expect(status).toBe(200);
      expect(body.document.kinds).toEqual({ input: 1, output: 1, user: 2 });
      expect(body.document.nodes[1]!.config).toEqual({ value: '{{input.prompt}}', heading: 'Approve "{{input.prompt}}"?' });
      expect(after.context.repositories.pipelines.get('sign-off')!.document).toEqual(writtenWithUserV1);
    });

    it('resumes the run that was waiting on the old version once the person answers', async () => {
      const { run, events } = await answer(after, waitingRunId, 'ship it today');
      expect(run).toMatchObject({ status: 'completed', version: 1, outputs: { out: 'ship it today' } });
      expect(events.filter((event) => event.type === 'user.waiting').map((event) => event.data.title)).toEqual(['Approve "ship it"?']);
    });

    it('starts new runs of the old version with the upgraded config', async () => {
      const waiting = await startAndWait(after, 'sign-off', 'rename it');
      expect(waiting.status).toBe('waiting');
      const { run, events } = await answer(after, waiting.id, 'renamed');
      expect(run).toMatchObject({ status: 'completed', outputs: { out: 'renamed' } });
      expect(events.find((event) => event.type === 'user.waiting')?.data).toMatchObject({ title: 'Approve "rename it"?', value: 'rename it' });
    });

    it('exports the current version, and an import of the old file is upgraded the same way', async () => {
      const exported = await (await after.request('/api/pipelines/sign-off/export')).text();
      expect(JSON.parse(exported)).toMatchObject({ schema: 'tandem.pipeline/v1', kinds: { user: 2 }, nodes: [{}, { config: { heading: 'Approve "{{input.prompt}}"?' } }, {}] });
      expect(exported).not.toContain('"title"');

      const imported = await after.json<{ id: string; version: number }>('/api/pipelines/import', { body: writtenWithUserV1 });
      expect(imported).toEqual({ status: 201, body: { id: 'sign-off-2', version: 1 } });
      const stored = after.context.repositories.pipelines.get('sign-off-2')!.document;
      expect(stored.kinds).toEqual({ input: 1, output: 1, user: 2 });
      expect((stored.nodes as PipelineDocument['nodes'])[1]!.config).toEqual({ value: '{{input.prompt}}', heading: 'Approve "{{input.prompt}}"?' });
    });

    it('refuses a document newer than it knows, naming what is too new', async () => {
      const tooNewKind = await after.json<{ error: { code: string; message: string; details: { problems: unknown[] } } }>('/api/pipelines/import', {
        body: { ...writtenWithUserV1, kinds: { user: 3 } },
      });
      expect(tooNewKind.status).toBe(422);
      expect(tooNewKind.body.error.code).toBe('PIPELINE_VERSION_UNSUPPORTED');
      expect(tooNewKind.body.error.message).toContain('Node "ask" uses kind "user" at version 3, newer than this Tandem Studio knows (version 2)');
      expect(tooNewKind.body.error.details.problems).toEqual([expect.objectContaining({ nodeId: 'ask', field: 'kind' })]);

      const tooNewFormat = await after.json<{ error: { code: string; message: string } }>('/api/pipelines', { body: { ...writtenWithUserV1, id: 'later', schema: 'tandem.pipeline/v2' } });
      expect(tooNewFormat.status).toBe(422);
      expect(tooNewFormat.body.error).toMatchObject({ code: 'PIPELINE_VERSION_UNSUPPORTED', message: expect.stringContaining('"tandem.pipeline/v2", newer than this Tandem Studio reads (up to "tandem.pipeline/v1")') });
      expect(after.context.repositories.pipelines.get('later')).toBeUndefined();
    });
  });
});

describe('a stored document newer than the running build', () => {
  it('is refused on read with a clear message, not misread', async () => {
    const newer = createTestServer({ TANDEM_DB: join(directory, 'newer.db') }, { nodes: nodesWithUserV2 });
    try {
      await newer.json('/api/pipelines', { body: { ...writtenWithUserV1, kinds: { user: 1 } } });
    } finally {
      newer.cleanup();
    }
    const older = createTestServer({ TANDEM_DB: join(directory, 'newer.db') });
    try {
      const { status, body } = await older.json<{ error: { code: string; message: string } }>('/api/pipelines/sign-off');
      expect(status).toBe(422);
      expect(body.error).toMatchObject({ code: 'PIPELINE_VERSION_UNSUPPORTED', message: expect.stringContaining('Node "ask" uses kind "user" at version 2, newer than this Tandem Studio knows (version 1)') });
      const run = await older.json<{ error: { code: string } }>('/api/runs', { body: { pipelineId: 'sign-off', inputs: { prompt: 'x' } } });
      expect(run).toMatchObject({ status: 422, body: { error: { code: 'PIPELINE_VERSION_UNSUPPORTED' } } });
    } finally {
      older.cleanup();
    }
  });
});
