import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventsFor, openTemporaryDatabase, samplePipeline, type TemporaryDatabase, studioErrorOf } from '../test-support.ts';
import { createEventStore, type EventStore } from './event-store.ts';
import { createPipelinesRepository } from './pipelines-repository.ts';
import { createRunsRepository, type RunsRepository } from './runs-repository.ts';

const codeOf = (action: () => unknown) => studioErrorOf(action).code;

describe('runs repository', () => {
  let temporary: TemporaryDatabase;
  let runs: RunsRepository;
  let events: EventStore;
  beforeEach(() => {
    temporary = openTemporaryDatabase();
    const pipelines = createPipelinesRepository(temporary.database);
    pipelines.createPipeline(samplePipeline('alpha', 'Alpha'));
    pipelines.createPipeline(samplePipeline('beta', 'Beta'));
    runs = createRunsRepository(temporary.database);
    events = createEventStore(temporary.database);
  });
  afterEach(() => temporary.cleanup());

  it('creates a queued run and reads it back as a RunView', () => {
    const created = runs.createRun({ id: 'run-1', pipelineId: 'alpha', version: 1, inputs: { prompt: 'hi' } });
    expect(created).toMatchObject({ id: 'run-1', pipelineId: 'alpha', version: 1, status: 'queued', outputs: {} });
    expect(created).not.toHaveProperty('finishedAt');
    expect(runs.get('run-1')).toEqual(created);
    expect(runs.get('missing')).toBeUndefined();
    expect(runs.getRecord('run-1')).toMatchObject({ lastSeq: 0 });
  });

  it('refuses unknown versions, unknown parents and taken ids', () => {
    expect(codeOf(() => runs.createRun({ id: 'r', pipelineId: 'alpha', version: 2, inputs: {} }))).toBe(
      'PIPELINE_NOT_FOUND',
    );
    expect(
      codeOf(() => runs.createRun({ id: 'r', pipelineId: 'alpha', version: 1, inputs: {}, parentRunId: 'nope' })),
    ).toBe('RUN_NOT_FOUND');
    runs.createRun({ id: 'r', pipelineId: 'alpha', version: 1, inputs: {} });
    expect(codeOf(() => runs.createRun({ id: 'r', pipelineId: 'beta', version: 1, inputs: {} }))).toBe('CONFLICT');
    const child = runs.createRun({
      id: 'child',
      pipelineId: 'beta',
      version: 1,
      inputs: {},
      parentRunId: 'r',
      parentNodeId: 'sub',
    });
    expect(child.parentRunId).toBe('r');
    expect(runs.getRecord('child')?.parentNodeId).toBe('sub');
  });

  it('creates a group of runs in one transaction, refusing only the runs that fail their checks', () => {
    runs.createRun({ id: 'taken', pipelineId: 'alpha', version: 1, inputs: {} });
    const answers = runs.createRuns([
      { id: 'g-1', pipelineId: 'alpha', version: 1, inputs: { prompt: 'one' } },
      { id: 'g-2', pipelineId: 'alpha', version: 7, inputs: {} },
      { id: 'taken', pipelineId: 'beta', version: 1, inputs: {} },
      { id: 'g-3', pipelineId: 'beta', version: 1, inputs: {}, parentRunId: 'g-1', parentNodeId: 'sub' },
      { id: 'g-1', pipelineId: 'beta', version: 1, inputs: {} },
      { id: 'g-4', pipelineId: 'beta', version: 1, inputs: {}, parentRunId: 'nope' },
    ]);
    expect(answers.map((answer) => ('code' in answer ? answer.code : answer.id))).toEqual(['g-1', 'PIPELINE_NOT_FOUND', 'CONFLICT', 'g-3', 'CONFLICT', 'RUN_NOT_FOUND']);
    expect(runs.get('g-1')).toEqual(answers[0]);
    expect(runs.getRecord('g-3')).toMatchObject({ parentRunId: 'g-1', parentNodeId: 'sub', status: 'queued' });
    expect(runs.get('g-2')).toBeUndefined();
    expect(runs.get('taken')?.pipelineId).toBe('alpha');
    expect(runs.createRuns([])).toEqual([]);
  });

  it('creates none of a group when the database write itself fails', () => {
    const unstorable = { count: 1n } as unknown as Record<string, unknown>;
    expect(() =>
      runs.createRuns([
        { id: 'first', pipelineId: 'alpha', version: 1, inputs: {} },
        { id: 'second', pipelineId: 'alpha', version: 1, inputs: unstorable },
      ]),
    ).toThrow(TypeError);
    expect(runs.get('first')).toBeUndefined();
    expect(runs.list()).toEqual([]);
  });

  it('lists newest first with filters, pipeline names and a cursor', () => {
    for (let index = 0; index < 5; index += 1) {
      runs.createRun({ id: `run-${index}`, pipelineId: index % 2 === 0 ? 'alpha' : 'beta', version: 1, inputs: {} });
    }
    events.append(eventsFor('run-3', 0, [{ type: 'run.completed' }]), [{ runId: 'run-3', status: 'completed', outputs: { out: 1 }, finishedAt: 5 }]);

    const all = runs.list({ limit: 10 });
    expect(all.map((run) => run.id)).toEqual(['run-4', 'run-3', 'run-2', 'run-1', 'run-0']);
    expect(all[0]?.pipelineName).toBe('Alpha');
    expect(runs.list({ pipelineId: 'beta' }).map((run) => run.id)).toEqual(['run-3', 'run-1']);
    expect(runs.list({ status: 'completed' }).map((run) => run.id)).toEqual(['run-3']);
    expect(runs.list({ status: ['queued'], limit: 2 }).map((run) => run.id)).toEqual(['run-4', 'run-2']);
    expect(runs.list({ limit: 2, before: 'run-3' }).map((run) => run.id)).toEqual(['run-2', 'run-1']);
    expect(runs.list({ before: 'unknown' })).toEqual([]);
  });

  it('lists by status oldest first', () => {
    runs.createRun({ id: 'a', pipelineId: 'alpha', version: 1, inputs: {} });
    runs.createRun({ id: 'b', pipelineId: 'alpha', version: 1, inputs: {} });
    events.append(eventsFor('b', 0, [{ type: 'run.started' }]), [{ runId: 'b', status: 'running' }]);
    expect(runs.listByStatus(['running', 'waiting']).map((run) => run.id)).toEqual(['b']);
    expect(runs.listByStatus(['queued', 'running']).map((run) => run.id)).toEqual(['a', 'b']);
    expect(runs.listByStatus([])).toEqual([]);
  });
});
