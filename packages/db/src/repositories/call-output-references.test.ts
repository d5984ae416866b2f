import { numberRunEvent, type RunEvent, type RunEventDraft } from '@tandem/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTemporaryDatabase, samplePipeline, type TemporaryDatabase } from '../test-support.ts';
import { createEventStore, type EventStore } from './event-store.ts';
import { createPipelinesRepository } from './pipelines-repository.ts';
import { createRunsRepository } from './runs-repository.ts';

const task = 'Explain how tides work to a ten year old, in a short paragraph.';
const draft = 'Tides happen because the Moon pulls on the oceans. Where the Moon is overhead, the water bulges toward it; that bulge is a high tide.';
const guidance = '1. Mention the second bulge on the far side of the Earth.\n2. Say how often high tide comes back (about twice a day).';
const refined = `${draft} There is a second bulge on the far side of the Earth, so most beaches see two high tides a day.`;
const bigAnswer = 'A long answer. '.repeat(700); // over the blob threshold (8 KiB)

const call = (role: string, prompt: string, output: string, system?: string): RunEventDraft => ({
  type: 'llm.call',
  nodeId: 'answer',
  attempt: 1,
  data: { role, model: 'sim:writer', ...(system ? { system } : {}), prompt, output, usage: { inputTokens: 10, outputTokens: 20 }, latencyMs: 5, costUsd: 0, cached: false },
});

/** The events of a one-round critique run, as the engine writes them. */
function critiqueLog(runId: string): RunEvent[] {
  const reviewPrompt = `Task:\n${task}\n\nAnswer to review:\n${draft}`;
  const refinePrompt = `Task:\n${task}\n\nPrevious answer:\n${draft}\n\nImprove your answer using this guidance:\n${guidance}`;
  const drafts: RunEventDraft[] = [
    { type: 'run.started', data: { pipelineId: 'demo', inputs: { prompt: task } } },
    { type: 'step.started', nodeId: 'answer', attempt: 1, data: { kind: 'critique' } },
    call('primary', task, draft),
    call('secondary', reviewPrompt, guidance, 'You are a reviewing assistant.'),
    call('primary', refinePrompt, refined),
    { type: 'critique.round', nodeId: 'answer', attempt: 1, data: { round: 1, draft, guidance, refined } },
    { type: 'step.completed', nodeId: 'answer', attempt: 1, data: { output: { text: refined, rounds: [{ round: 1, draft, guidance }], usage: { inputTokens: 30, outputTokens: 60 }, model: 'sim:writer' }, durationMs: 9 } },
    { type: 'step.completed', nodeId: 'out', attempt: 1, data: { output: { value: refined }, durationMs: 0 } },
    { type: 'run.completed', data: { outputs: { out: refined } } },
  ];
  return drafts.map((event, index) => numberRunEvent(event, { runId, seq: index + 1, ts: 1_000 + index }));
}

describe('model answers stored once per run', () => {
  let temporary: TemporaryDatabase;
  let store: EventStore;
  const storedData = (runId: string, seq: number) =>
    temporary.database.sqlite.prepare<[string, number], string>('SELECT data FROM run_events WHERE run_id = ? AND seq = ?').pluck().get(runId, seq)!;
  const storedBytes = (runId: string) => temporary.database.sqlite.prepare<[string], number>('SELECT sum(length(data)) FROM run_events WHERE run_id = ?').pluck().get(runId)!;

  beforeEach(() => {
    temporary = openTemporaryDatabase();
    createPipelinesRepository(temporary.database).createPipeline(samplePipeline('demo', 'Demo'));
    const runs = createRunsRepository(temporary.database);
    for (const id of ['run-1', 'run-2', 'run-3']) runs.createRun({ id, pipelineId: 'demo', version: 1, inputs: { prompt: task } });
    store = createEventStore(temporary.database);
  });
  afterEach(() => temporary.cleanup());

  it('reads back every event exactly as written, while the later copies of an answer are stored as references', () => {
    const log = critiqueLog('run-1');
    store.append(log);
    expect(store.readEvents('run-1')).toEqual(log);
    // The round, the step output, the output step and run.completed name the answers instead of repeating them.
    expect(storedData('run-1', 6)).not.toContain(draft);
    expect(storedData('run-1', 7)).not.toContain(refined);
    expect(storedData('run-1', 9)).not.toContain(refined);
    // The review and refinement prompts quote the draft and the guidance by reference; the answers themselves stay.
    expect(storedData('run-1', 4)).not.toContain(draft);
    expect(storedData('run-1', 5)).not.toContain(guidance);
    expect(storedData('run-1', 3)).toContain(JSON.stringify(draft));
    const plain = log.reduce((sum, event) => sum + JSON.stringify(event.data).length, 0);
    expect(storedBytes('run-1')).toBeLessThan(plain * 0.6);
  });

  it('reads back strings of a run’s own that look like references or blobs exactly as written', () => {
    const log = critiqueLog('run-1');
    store.append(log.slice(0, 5));
    const lookalikes = ['\u0000call:3', '\u0000join', `\u0000blob:${'0'.repeat(64)}`];
    const tricky: RunEvent[] = [
      numberRunEvent({ type: 'step.completed', nodeId: 'answer', attempt: 1, data: { output: { text: refined, echo: lookalikes, nested: [lookalikes[1], draft] }, durationMs: 1 } }, { runId: 'run-1', seq: 6, ts: 2_000 }),
      numberRunEvent({ type: 'run.completed', data: { outputs: { out: '\u0000call:3' } } }, { runId: 'run-1', seq: 7, ts: 2_001 }),
    ];
    store.append(tricky);
    expect(store.readEvents('run-1')).toEqual([...log.slice(0, 5), ...tricky]);
    expect(store.readEvents('run-1', 5)).toEqual(tricky);
  });

  it('refers across transactions, and restores a page that starts after the answers it refers to', () => {
    const log = critiqueLog('run-1');
    for (const event of log) store.append([event]);
    expect(storedData('run-1', 7)).not.toContain(refined);
    expect(store.readEvents('run-1')).toEqual(log);
    for (const event of log) expect(store.readEvents('run-1', event.seq - 1, 1)).toEqual([event]);
    expect(store.readEvents('run-1', 5)).toEqual(log.slice(5));
  });

  it('reads references after a restart, and a store that starts afresh writes answers it has not seen in full', () => {
    const log = critiqueLog('run-1');
    store.append(log.slice(0, 5));
    const reopened = createEventStore(temporary.reopen());
    reopened.append(log.slice(5));
    expect(reopened.readEvents('run-1')).toEqual(log);
    expect(storedData('run-1', 6)).toContain(JSON.stringify(draft));
  });

  it('never refers to an answer whose transaction was rolled back', () => {
    const [started, stepStarted, firstCall] = critiqueLog('run-2');
    store.append([started!, stepStarted!]);
    // A batch refused as a whole after its answer was seen (its second event names no step): the answer is not in the database.
    expect(() => store.append([firstCall!, { ...firstCall!, seq: 4, nodeId: undefined }])).toThrow(/has no nodeId/);
    const completed = numberRunEvent({ type: 'step.completed', nodeId: 'answer', attempt: 1, data: { output: { text: draft }, durationMs: 1 } }, { runId: 'run-2', seq: 3, ts: 5 });
    store.append([completed]);
    expect(storedData('run-2', 3)).toContain(JSON.stringify(draft));
    expect(store.readEvents('run-2')).toEqual([started, stepStarted, completed]);
  });

  it('refers to answers stored as blobs, and keeps short strings and other runs apart', () => {
    const short = 'Yes.';
    const log = [
      { type: 'run.started', data: { pipelineId: 'demo', inputs: {} } },
      call('main', 'Write at length.', bigAnswer),
      call('main', 'Say yes.', short),
      { type: 'step.completed', nodeId: 'answer', attempt: 1, data: { output: { text: bigAnswer, short, list: [bigAnswer, 1, null] }, durationMs: 1 } },
      call('main', `Go on: ${bigAnswer}`, 'Done.'),
      { type: 'run.completed', data: { outputs: { out: bigAnswer } } },
    ].map((event, index) => numberRunEvent(event as RunEventDraft, { runId: 'run-3', seq: index + 1, ts: index }));
    store.append(log);
    expect(store.readEvents('run-3')).toEqual(log);
    expect(storedData('run-3', 4)).toContain(JSON.stringify(short));
    // Another run with the same answer stores it in full: references never cross runs.
    const other = critiqueLog('run-1').slice(0, 3);
    const copy = numberRunEvent({ type: 'step.completed', nodeId: 'answer', attempt: 1, data: { output: { text: bigAnswer }, durationMs: 1 } }, { runId: 'run-1', seq: 4, ts: 9 });
    store.append([...other, copy]);
    expect(store.readEvents('run-1', 3)).toEqual([copy]);
    expect(storedData('run-1', 4)).not.toContain('call:');
  });

  it('shares what it knows between the stores of one connection, and forgets a deleted run whose id comes back', () => {
    const log = critiqueLog('run-1');
    store.append(log.slice(0, 5));
    const second = createEventStore(temporary.database);
    second.append(log.slice(5));
    expect(storedData('run-1', 6)).not.toContain(draft);
    expect(store.readEvents('run-1')).toEqual(log);

    temporary.database.sqlite.prepare("DELETE FROM run_events WHERE run_id = 'run-1'").run();
    temporary.database.sqlite.prepare("UPDATE runs SET last_seq = 0 WHERE id = 'run-1'").run();
    // The new log's third event is another call; its step output repeats the old log's answer.
    const renewed = [...log.slice(0, 2), { ...log[3]!, seq: 3 }, { ...log[6]!, seq: 4, data: { ...log[6]!.data, output: { text: draft } } }] as RunEvent[];
    second.append(renewed);
    expect(storedData('run-1', 4)).toContain(JSON.stringify(draft));
    expect(store.readEvents('run-1')).toEqual(renewed);
  });
});
