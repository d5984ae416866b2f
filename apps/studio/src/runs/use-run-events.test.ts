import { describe, expect, it } from 'vitest';
import { emptyRunState } from '@tandem/engine';
import type { RunEvent, RunEventData, RunEventEnvelope, RunEventType } from '@tandem/shared';
import { testEvent } from '@tandem/shared/testing';
import { foldBatch } from './use-run-events.ts';

const event = <Type extends RunEventType>(seq: number, type: Type, extra: Partial<RunEventEnvelope> & { data?: Partial<RunEventData<Type>> } = {}): RunEvent => {
  const { data, ...envelope } = extra;
  return testEvent(type, data, { runId: 'r1', seq, ts: 1000 + seq, ...envelope });
};

describe('foldBatch', () => {
  it('folds events into the run state', () => {
    const folded = foldBatch({ run: emptyRunState(), events: [] }, [
      event(1, 'run.started'),
      event(2, 'step.started', { nodeId: 'llm', attempt: 1 }),
      event(3, 'step.delta', { nodeId: 'llm', attempt: 1, data: { text: 'Hel' } }),
    ]);
    expect(folded.run.status).toBe('running');
    expect(folded.run.steps.llm?.streamingText).toBe('Hel');
    expect(folded.events.map((entry) => entry.seq)).toEqual([1, 2, 3]);
  });

  it('drops replayed events, so a reconnect never duplicates rows', () => {
    const first = foldBatch({ run: emptyRunState(), events: [] }, [event(1, 'run.started'), event(2, 'step.started', { nodeId: 'llm', attempt: 1 })]);
    const second = foldBatch(first, [event(1, 'run.started'), event(2, 'step.started', { nodeId: 'llm', attempt: 1 }), event(3, 'step.completed', { nodeId: 'llm', attempt: 1, data: { output: { text: 'Hi' } } })]);
    expect(second.events.map((entry) => entry.seq)).toEqual([1, 2, 3]);
    expect(second.run.steps.llm?.attempts).toHaveLength(1);
    expect(second.run.steps.llm?.status).toBe('succeeded');
  });

  it('keeps the same object when nothing is new', () => {
    const first = foldBatch({ run: emptyRunState(), events: [] }, [event(1, 'run.started')]);
    expect(foldBatch(first, [event(1, 'run.started')])).toBe(first);
  });
});
