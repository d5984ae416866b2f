import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtInNodes, checkPipeline, createNodeRegistry, executePipeline, foldRunState, runMetricsOf } from '@tandem/engine';
import { createBatchingWriter, createRepositories, openDatabase, type TandemDatabase } from '@tandem/db';
import { createProviderRegistry, createSimProvider } from '@tandem/providers';
import type { PipelineDocument, RunEvent } from '@tandem/shared';
import { createRunProjector } from './run-projector.ts';

const at = { x: 0, y: 0 };
const judged: PipelineDocument = {
  schema: 'tandem.pipeline/v1',
  id: 'judged',
  name: 'Judged',
  inputs: { type: 'object', properties: { prompt: { type: 'string' } } },
  nodes: [
    { id: 'input', kind: 'input', position: at, config: {} },
    { id: 'draft', kind: 'llm', position: at, config: { model: 'sim:instant', prompt: '{{input.prompt}}' } },
    { id: 'grade', kind: 'judge', position: at, config: { model: 'sim:judge?tps=0', subject: '{{draft.text}}', criteria: 'clarity' } },
    { id: 'review', kind: 'user', position: at, config: { title: 'Check {{input.prompt}}', value: '{{draft.text}}' } },
    { id: 'out', kind: 'output', position: at, config: { value: '{{review.value}} {{grade.score}}' } },
  ],
  edges: [
    { id: 'e1', source: 'input', target: 'draft' },
    { id: 'e2', source: 'draft', target: 'grade' },
    { id: 'e3', source: 'draft', target: 'review' },
    { id: 'e4', source: 'grade', target: 'out' },
    { id: 'e5', source: 'review', target: 'out' },
  ],
};

describe('the run projector over a real database', () => {
  let directory: string;
  let database: TandemDatabase;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'tandem-projector-'));
    database = openDatabase(join(directory, 'runs.db'));
  });
  afterEach(() => {
    database.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('writes what the full fold of the log says into the run row and the inbox, also after it lost track of a run', async () => {
    const repositories = createRepositories(database);
    repositories.pipelines.createPipeline(judged);
    const check = checkPipeline(judged, createNodeRegistry(builtInNodes));
    if (!check.ok) throw new Error(JSON.stringify(check.problems));
    const projector = createRunProjector((runId, beforeSeq) => repositories.events.readEvents(runId, 0, beforeSeq - 1));
    const writer = createBatchingWriter(repositories.events, { maxBatch: 4, flushAfterMs: 0, project: (events) => projector.project(events) });
    writer.onFlushed((events) => projector.release(events));
    const models = createProviderRegistry({ providers: { sim: createSimProvider() } });
    repositories.runs.createRun({ id: 'run-1', pipelineId: 'judged', version: 1, inputs: { prompt: 'tides' } });

    // The run waits for a person: the inbox holds the request, the row says `waiting`.
    const first: RunEvent[] = [];
    const waiting = await executePipeline({ runId: 'run-1', plan: check.plan, inputs: { prompt: 'tides' }, models, onEvent: (event) => (first.push(event), writer.write(event)) });
    await writer.flush();
    expect(waiting.status).toBe('waiting');
    expect(repositories.runs.get('run-1')?.status).toBe('waiting');
    const request = foldRunState(first).steps.review!.request!;
    expect(database.sqlite.prepare('SELECT title, value, created_at AS createdAt, submitted_at AS submittedAt FROM waitpoints WHERE run_id = ?').get('run-1')).toEqual({
      title: request.title,
      value: JSON.stringify(request.value),
      createdAt: request.since,
      submittedAt: null,
    });

    // The projector released the settled run: the answer and the rest of the run are folded from the stored log.
    const answer: RunEvent = { runId: 'run-1', seq: first.at(-1)!.seq + 1, ts: Date.now(), type: 'user.submitted', nodeId: 'review', data: { decision: 'approved', value: 'Edited.' } };
    writer.write(answer);
    const history = [...first, answer];
    const rest: RunEvent[] = [];
    const completed = await executePipeline({ runId: 'run-1', plan: check.plan, inputs: { prompt: 'tides' }, models, history, onEvent: (event) => (rest.push(event), writer.write(event)) });
    await writer.flush();
    expect(completed.status).toBe('completed');

    const state = foldRunState([...history, ...rest]);
    const row = repositories.runs.get('run-1')!;
    expect(row.status).toBe('completed');
    expect(row.outputs).toEqual(state.outputs);
    expect(row.finishedAt).toBe(state.finishedAt);
    expect(repositories.events.lastSeq('run-1')).toBe(state.lastSeq);
    const metrics = JSON.parse(database.sqlite.prepare<[string], string>('SELECT metrics FROM runs WHERE id = ?').pluck().get('run-1')!) as ReturnType<typeof runMetricsOf>;
    expect(metrics).toEqual(runMetricsOf(state));
    expect(metrics.values['grade.score']).toEqual(expect.any(Number));
    expect(database.sqlite.prepare('SELECT decision, submitted_value AS value FROM waitpoints WHERE run_id = ?').get('run-1')).toEqual({
      decision: 'approved',
      value: JSON.stringify('Edited.'),
    });
    writer.close();
  });
});
