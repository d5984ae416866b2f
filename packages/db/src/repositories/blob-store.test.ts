import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventsFor, openTemporaryDatabase, samplePipeline, type TemporaryDatabase } from '../test-support.ts';
import { blobThresholdChars } from './blob-store.ts';
import { createEventStore, type EventStore } from './event-store.ts';
import { createPipelinesRepository } from './pipelines-repository.ts';
import { createRunsRepository, type RunsRepository } from './runs-repository.ts';

describe('large strings', () => {
  let temporary: TemporaryDatabase;
  let store: EventStore;
  let runs: RunsRepository;
  beforeEach(() => {
    temporary = openTemporaryDatabase();
    createPipelinesRepository(temporary.database).createPipeline(samplePipeline('demo'));
    runs = createRunsRepository(temporary.database);
    store = createEventStore(temporary.database);
  });
  afterEach(() => temporary.cleanup());

  const storedBytes = (runId: string) =>
    temporary.database.sqlite
      .prepare<[string, string], number>(
        `SELECT (SELECT coalesce(sum(length(data)), 0) FROM run_events WHERE run_id = ?) + (SELECT length(inputs) FROM runs WHERE id = ?) + (SELECT coalesce(sum(length(text)), 0) FROM blobs)`,
      )
      .pluck()
      .get(runId, runId)!;

  it('are stored once however many events and run inputs hold them, and read back whole', () => {
    const prompt = `Summarise this report. ${'The quarterly numbers went up. '.repeat(3_000)}`;
    runs.createRun({ id: 'run-1', pipelineId: 'demo', version: 1, inputs: { prompt } });
    const events = eventsFor('run-1', 0, [
      { type: 'run.started', data: { inputs: { prompt } } },
      { type: 'step.completed', nodeId: 'input', data: { output: { prompt } } },
      { type: 'llm.call', nodeId: 'answer', data: { prompt, output: 'Numbers went up.' } },
    ]);
    store.append(events);
    expect(storedBytes('run-1')).toBeLessThan(prompt.length * 1.1);
    expect(temporary.database.sqlite.prepare('SELECT count(*) FROM blobs').pluck().get()).toBe(1);
    expect(store.readEvents('run-1')).toEqual(events);
    expect(runs.get('run-1')?.inputs).toEqual({ prompt });

    // And after reopening, with nothing cached in memory.
    const reopened = temporary.reopen();
    expect(createEventStore(reopened).readEvents('run-1')).toEqual(events);
    expect(createRunsRepository(reopened).get('run-1')?.inputs).toEqual({ prompt });
  });

  it('leave small values inline', () => {
    runs.createRun({ id: 'run-2', pipelineId: 'demo', version: 1, inputs: { prompt: 'x'.repeat(blobThresholdChars - 1) } });
    store.append(eventsFor('run-2', 0, [{ type: 'run.started', data: { inputs: { prompt: 'short' } } }]));
    expect(temporary.database.sqlite.prepare('SELECT count(*) FROM blobs').pluck().get()).toBe(0);
  });

  it('leave a large event made of small strings inline, and still find a large string deep inside one', () => {
    runs.createRun({ id: 'run-3', pipelineId: 'demo', version: 1, inputs: {} });
    const rounds = Array.from({ length: 40 }, (_, round) => ({ round, draft: `Draft ${round}: ${'words '.repeat(60)}` }));
    const deep = { rounds: [{ notes: [{ text: 'y'.repeat(blobThresholdChars) }] }] };
    const events = eventsFor('run-3', 0, [
      { type: 'run.started', data: { inputs: {} } },
      { type: 'step.completed', nodeId: 'answer', data: { output: { rounds } } },
      { type: 'step.completed', nodeId: 'other', data: { output: deep } },
    ]);
    expect(JSON.stringify(events[1]!.data).length).toBeGreaterThan(blobThresholdChars);
    store.append(events);
    expect(temporary.database.sqlite.prepare('SELECT count(*) FROM blobs').pluck().get()).toBe(1);
    expect(createEventStore(temporary.reopen()).readEvents('run-3')).toEqual(events);
  });
});
